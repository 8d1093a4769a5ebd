package export

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// ReadFiled reads what a deposit records from the package at path: the
// dossier it came from, the digest of its manifest.json, whether it is a
// draft or a delta, and per requirement carried the SHA-256 of its proofs.
// The package is verified first (every digest recomputed): an altered
// package is refused.
func ReadFiled(ctx context.Context, path string) (dossier.FiledPackage, error) {
	res, err := Verify(ctx, path)
	if err != nil {
		return dossier.FiledPackage{}, err
	}
	name := filepath.Base(path)
	if !res.OK {
		return dossier.FiledPackage{}, dossier.E(dossier.FaultAlteredPackage, name, nil)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return dossier.FiledPackage{}, err
	}
	defer zr.Close()
	i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == ManifestName })
	if i < 0 {
		return dossier.FiledPackage{}, ErrNoManifest
	}
	rc, err := zr.File[i].Open()
	if err != nil {
		return dossier.FiledPackage{}, err
	}
	defer rc.Close()
	h := sha256.New()
	byReq := map[string][]string{}
	m, err := scanManifest(io.TeeReader(dossier.CancelReader(ctx, rc), h), func(f *FileEntry) error {
		byReq[f.Requirement] = append(byReq[f.Requirement], f.SHA256)
		return nil
	})
	if err != nil {
		return dossier.FiledPackage{}, dossier.E(dossier.FaultBadManifest, name, err)
	}
	return filedOf(name, hex.EncodeToString(h.Sum(nil)), m, byReq), nil
}

// filedOf is the deposit record of a manifest whose files' SHA-256 are
// byReq, by requirement.
func filedOf(name, sum string, m Manifest, byReq map[string][]string) dossier.FiledPackage {
	fp := dossier.FiledPackage{Name: name, DossierID: m.Dossier.ID, ManifestSHA256: sum, Draft: m.Draft,
		Delta: m.Package.Kind == KindDelta, Files: byReq}
	for _, r := range m.Requirements {
		if r.InPackage && fp.Files[r.ID] == nil {
			fp.Files[r.ID] = []string{}
		}
	}
	for _, v := range fp.Files {
		slices.Sort(v)
	}
	return fp
}

// ManifestDigest is the SHA-256 of the package's manifest.json and its
// draft flag, read without checking the rest (what an export records in
// the journal once written).
func ManifestDigest(ctx context.Context, path string) (sum string, draft bool, err error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", false, dossier.E(dossier.FaultNotPackage, path, err)
	}
	defer zr.Close()
	i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == ManifestName })
	if i < 0 {
		return "", false, ErrNoManifest
	}
	if draft, err = readDraft(zr.File[i]); err != nil {
		return "", false, dossier.E(dossier.FaultBadManifest, path, err)
	}
	sum, _, err = digest(ctx, zr.File[i], make([]byte, 256<<10))
	return sum, draft, err
}

// readDraft reads a manifest's format and draft flag as the JSON streams
// by, without decoding (nor holding) its list of files: they come first
// in every manifest the export writes.
func readDraft(f *zip.File) (bool, error) {
	rc, err := f.Open()
	if err != nil {
		return false, err
	}
	defer rc.Close()
	dec := json.NewDecoder(io.LimitReader(rc, maxManifestSize))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false, fmt.Errorf("invalid JSON: not an object (%v)", err)
	}
	var format string
	draft, seen := false, 0
	for seen < 2 && dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false, fmt.Errorf("invalid JSON: %w", err)
		}
		var v any = new(json.RawMessage)
		switch t {
		case "format":
			v, seen = &format, seen+1
		case "draft":
			v, seen = &draft, seen+1
		}
		if err := dec.Decode(v); err != nil {
			return false, fmt.Errorf("invalid JSON: %w", err)
		}
	}
	if format != FormatID {
		return false, fmt.Errorf("format %q, want %q", format, FormatID)
	}
	return draft, nil
}
