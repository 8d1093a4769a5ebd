package export_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/export"
)

// entryOf is the content of one entry of the package at path.
func entryOf(t *testing.T, path, name string) []byte {
	t.Helper()
	var data []byte
	rewrite(t, path, func(n string, d []byte) ([]byte, bool) {
		if n == name {
			data = d
		}
		return d, true
	}, nil)
	if data == nil {
		t.Fatalf("no %s in %s", name, path)
	}
	return data
}

// minisignCheck runs `minisign -V` on manifest and sig with the public key
// the manifest names; ok is false when minisign is not installed.
func minisignCheck(t *testing.T, manifest, sig []byte) (verified, ok bool) {
	t.Helper()
	bin, err := exec.LookPath("minisign")
	if err != nil {
		return false, false
	}
	var m export.Manifest
	if err := json.Unmarshal(manifest, &m); err != nil || m.Signature == nil {
		t.Fatalf("manifest without signature block: %v", err)
	}
	dir := t.TempDir()
	mp, sp := filepath.Join(dir, export.ManifestName), filepath.Join(dir, export.SignatureName)
	if os.WriteFile(mp, manifest, 0o600) != nil || os.WriteFile(sp, sig, 0o600) != nil {
		t.Fatal("writing the files for minisign")
	}
	out, err := exec.Command(bin, "-V", "-P", m.Signature.PublicKey, "-m", mp, "-x", sp).CombinedOutput()
	t.Logf("minisign: %s", bytes.TrimSpace(out))
	return err == nil, true
}

// TestSignatureIsPrehashedMinisign: the export signs the BLAKE2b-512 of
// the manifest it streams out (minisign's "ED" form), which verify and, when
// installed, minisign itself accept; one byte changed in manifest.json
// breaks it for both.
func TestSignatureIsPrehashedMinisign(t *testing.T) {
	pkg := smallPackage(t)
	manifest, sig := entryOf(t, pkg, export.ManifestName), entryOf(t, pkg, export.SignatureName)
	line, err := base64.StdEncoding.DecodeString(strings.Split(string(sig), "\n")[1])
	if err != nil || len(line) < 2 || string(line[:2]) != "ED" {
		t.Fatalf("signature line %q: not minisign's prehashed form (%v)", line, err)
	}
	if res, err := export.Verify(context.Background(), pkg); err != nil || !res.OK || !res.SignatureOK {
		t.Fatalf("fresh package: %+v %v", res, err)
	}
	if verified, ok := minisignCheck(t, manifest, sig); ok && !verified {
		t.Fatal("minisign -V refuses the package's signature")
	}
	// One byte of manifest.json changed: a proof's original name, which
	// nothing but the signature covers.
	i := bytes.Index(manifest, []byte(`"original_name": "b.log"`))
	if i < 0 {
		t.Fatalf("no b.log in the manifest:\n%s", manifest)
	}
	edited := bytes.Clone(manifest)
	edited[i+len(`"original_name": "`)] = 'c'
	altered := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			d = edited
		}
		return d, true
	}, nil)
	res, err := export.Verify(context.Background(), altered)
	if err != nil || res.OK || res.SignatureOK || !res.Signed || len(res.Altered)+len(res.Inconsistent) != 0 {
		t.Fatalf("manifest edited by one byte: %+v %v", res, err)
	}
	if verified, ok := minisignCheck(t, edited, sig); ok && verified {
		t.Fatal("minisign -V accepts a manifest edited by one byte")
	}
}

// TestVerifyAcceptsLegacySignatures: packages signed before the
// prehashed form (minisign's legacy "Ed": the manifest's bytes signed)
// still verify, and still fail once edited.
func TestVerifyAcceptsLegacySignatures(t *testing.T) {
	pkg := smallPackage(t)
	manifest, sig := entryOf(t, pkg, export.ManifestName), entryOf(t, pkg, export.SignatureName)
	lines := strings.Split(string(sig), "\n")
	raw, _ := base64.StdEncoding.DecodeString(lines[1])
	lines[1] = base64.StdEncoding.EncodeToString(append([]byte("Ed"), raw[2:]...))
	legacy := signLike(t, []byte(strings.Join(lines, "\n")), testKey, manifest)
	old := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.SignatureName {
			d = legacy
		}
		return d, true
	}, nil)
	if res, err := export.Verify(context.Background(), old); err != nil || !res.OK || !res.SignatureOK {
		t.Fatalf("legacy signature: %+v %v", res, err)
	}
	if verified, ok := minisignCheck(t, manifest, legacy); ok && !verified {
		t.Fatal("minisign -V refuses the legacy signature")
	}
	edited := rewrite(t, old, func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			d = bytes.Replace(d, []byte(`"b.log"`), []byte(`"c.log"`), 1)
		}
		return d, true
	}, nil)
	if res, _ := export.Verify(context.Background(), edited); res.OK || res.SignatureOK {
		t.Fatalf("legacy signature, manifest edited: %+v", res)
	}
}
