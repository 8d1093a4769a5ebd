package export_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/crypto/blake2b"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

func TestVerifyChecksTheJournal(t *testing.T) {
	pkg := smallPackage(t)
	res, err := export.Verify(context.Background(), pkg)
	if err != nil || !res.OK || !res.JournalOK || res.JournalEvents != 2 || res.Fingerprint != dossier.Fingerprint(testKey.Public().(ed25519.PublicKey)) {
		t.Fatalf("fresh package: %+v %v", res, err)
	}
	// One byte of journal.jsonl changed (an operator's name).
	altered := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.JournalName {
			d = bytes.Replace(d, []byte(`"Alice"`), []byte(`"Alicf"`), 1)
		}
		return d, true
	}, nil)
	res, err = export.Verify(context.Background(), altered)
	if err != nil || res.OK || res.JournalOK || res.JournalBrokenAt != 1 || len(res.Altered) != 1 || res.Altered[0] != export.JournalName {
		t.Fatalf("journal altered by one byte: %+v %v", res, err)
	}
	// The last event dropped: the chain holds but ends before the head.
	cut := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.JournalName {
			lines := strings.SplitAfter(string(d), "\n")
			d = []byte(lines[0])
		}
		return d, true
	}, nil)
	if res, _ := export.Verify(context.Background(), cut); res.OK || res.JournalOK {
		t.Fatalf("journal cut short: %+v", res)
	}
}

// resign rewrites manifest.json by edit and, when key is not nil,
// re-signs it (a forger holding the key); the manifest's digests of the
// other files stay.
func resign(t *testing.T, pkg string, edit func(*export.Manifest), key ed25519.PrivateKey) string {
	t.Helper()
	var manifest []byte
	out := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name != export.ManifestName {
			return d, true
		}
		var m export.Manifest
		if err := json.Unmarshal(d, &m); err != nil {
			t.Fatal(err)
		}
		edit(&m)
		manifest, _ = json.MarshalIndent(m, "", "  ")
		return manifest, true
	}, nil)
	if key == nil {
		return out
	}
	return rewrite(t, out, func(name string, d []byte) ([]byte, bool) {
		if name == export.SignatureName {
			d = signLike(t, d, key, manifest)
		}
		return d, true
	}, nil)
}

// signLike re-signs msg in the layout and algorithm of the signature file
// old: minisign's prehashed "ED" (the BLAKE2b-512 of msg) or legacy "Ed".
func signLike(t *testing.T, old []byte, key ed25519.PrivateKey, msg []byte) []byte {
	lines := strings.Split(string(old), "\n")
	raw, _ := base64.StdEncoding.DecodeString(lines[1])
	if string(raw[:2]) == "ED" {
		sum := blake2b.Sum512(msg)
		msg = sum[:]
	}
	sig := ed25519.Sign(key, msg)
	lines[1] = base64.StdEncoding.EncodeToString(append(raw[:10:10], sig...))
	trusted := strings.TrimPrefix(lines[2], "trusted comment: ")
	lines[3] = base64.StdEncoding.EncodeToString(ed25519.Sign(key, append(sig, trusted...)))
	return []byte(strings.Join(lines, "\n"))
}

func TestVerifyRefusesAnEditedManifest(t *testing.T) {
	pkg := smallPackage(t)
	// The draft flag turned off: the signature no longer holds.
	final := resign(t, pkg, func(m *export.Manifest) { m.Draft, m.Mention = false, "DÉFINITIF" }, nil)
	if res, _ := export.Verify(context.Background(), final); res.OK || res.SignatureOK || !res.Signed {
		t.Fatalf("draft flag edited: %+v", res)
	}
	// A proof replaced and re-hashed in the manifest.
	var replaced string
	swapped := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if strings.HasSuffix(name, ".log") {
			replaced, d = name, []byte("autre contenu\n")
		}
		return d, true
	}, nil)
	sum := sha256.Sum256([]byte("autre contenu\n"))
	rehashed := resign(t, swapped, func(m *export.Manifest) {
		for i := range m.Files {
			if m.Files[i].Path == replaced {
				m.Files[i].SHA256, m.Files[i].Size = hex.EncodeToString(sum[:]), int64(len("autre contenu\n"))
			}
		}
	}, nil)
	if res, _ := export.Verify(context.Background(), rehashed); res.OK || res.SignatureOK || len(res.Altered) != 0 {
		t.Fatalf("proof replaced, manifest re-hashed: %+v", res)
	}
	// Signature and key block removed: an unsigned package is refused.
	unsigned := rewrite(t, resign(t, pkg, func(m *export.Manifest) { m.Signature = nil }, nil), func(name string, d []byte) ([]byte, bool) {
		return d, name != export.SignatureName
	}, nil)
	if res, _ := export.Verify(context.Background(), unsigned); res.OK || res.Signed {
		t.Fatalf("unsigned package: %+v", res)
	}
	// Another key: the signature holds but names another fingerprint.
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	forged := resign(t, pkg, func(m *export.Manifest) {}, other)
	if res, _ := export.Verify(context.Background(), forged); res.OK || res.SignatureOK {
		t.Fatalf("signed by another key under this one's name: %+v", res)
	}
}

// TestVerifyChecksConsistency: the key holder re-signs a manifest that
// says "final" while the other files say "draft".
func TestVerifyChecksConsistency(t *testing.T) {
	pkg := smallPackage(t)
	final := resign(t, pkg, func(m *export.Manifest) { m.Draft, m.Mention = false, "DÉFINITIF" }, testKey)
	res, err := export.Verify(context.Background(), final)
	if err != nil || res.OK || !res.SignatureOK {
		t.Fatalf("re-signed final manifest: %+v %v", res, err)
	}
	want := []string{export.WorkbookName, export.ManifestCSVName, export.ReportName}
	if strings.Join(res.Inconsistent, ",") != strings.Join(want, ",") {
		t.Fatalf("inconsistent files %v, want %v", res.Inconsistent, want)
	}
	vendor := resign(t, pkg, func(m *export.Manifest) { m.Dossier.Vendor = "Autre éditeur" }, testKey)
	if res, _ := export.Verify(context.Background(), vendor); res.OK || len(res.Inconsistent) != 2 {
		t.Fatalf("re-signed manifest of another vendor: %+v", res)
	}
}
