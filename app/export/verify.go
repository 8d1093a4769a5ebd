package export

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"syscall"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Errors of Verify, worded for users.
var (
	ErrNotPackage  error = &dossier.Error{Fault: dossier.FaultNotPackage}
	ErrNoManifest  error = &dossier.Error{Fault: dossier.FaultNoManifest}
	ErrBadManifest error = &dossier.Error{Fault: dossier.FaultBadManifest}
	ErrUnsafePath  error = &dossier.Error{Fault: dossier.FaultUnsafePath}
)

// maxManifestSize bounds the manifest read into memory (a real one is a few
// hundred bytes per file).
const maxManifestSize = 64 << 20

// Result is what Verify found. OK is true only when every file listed in
// the manifest is present with its size and SHA-256, and nothing else is.
type Result struct {
	OK      bool     `json:"ok"`
	Draft   bool     `json:"draft"`
	Vendor  string   `json:"vendor"`
	Product string   `json:"product"`
	Version string   `json:"version"`
	Checked int      `json:"checked"` // files listed in the manifest
	Matched int      `json:"matched"`
	Altered []string `json:"altered"`
	Missing []string `json:"missing"`
	Extra   []string `json:"extra"`
	// Strays are bytes of the archive outside every entry (see Stray).
	Strays []Stray `json:"strays"`
	// Authenticity: the signature, the journal and the files' agreement
	// with the manifest (verify_auth.go).
	Authenticity
}

// Verify opens a package, reads its manifest and recomputes the SHA-256 of
// every file it lists (streamed), reporting altered, missing and extra
// files. A package whose ZIP or manifest names a path that could escape
// the folder it is unzipped into ("..", absolute, backslashes, drive
// letters) is refused as a whole with ErrUnsafePath. Every byte of the
// archive is accounted for: data outside the entries (before, between,
// after them, or a comment) is reported in Strays. Cancelling ctx stops
// the check with an error wrapping dossier.ErrCancelled.
func Verify(ctx context.Context, path string) (Result, error) {
	file, err := os.Open(path)
	var zr *zip.Reader
	var size int64
	if err == nil {
		defer file.Close()
		var fi os.FileInfo
		if fi, err = file.Stat(); err == nil {
			size = fi.Size()
			zr, err = zip.NewReader(file, size)
		}
	}
	if err != nil {
		if errors.Is(err, zip.ErrInsecurePath) {
			return Result{}, dossier.E(dossier.FaultUnsafePath, "", err)
		}
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EISDIR) {
			return Result{}, dossier.PathError(path, err, false)
		}
		return Result{}, dossier.E(dossier.FaultNotPackage, path, err)
	}
	files := map[string]*zip.File{}
	var manifest *zip.File
	for _, f := range zr.File {
		if !safePath(f.Name) {
			return Result{}, dossier.E(dossier.FaultUnsafePath, f.Name, nil)
		}
		if _, dup := files[f.Name]; dup {
			return Result{}, dossier.E(dossier.FaultNotPackage, path, fmt.Errorf("%q twice in the archive", f.Name))
		}
		files[f.Name] = f
		if f.Name == ManifestName {
			manifest = f
		}
	}
	if manifest == nil {
		return Result{}, dossier.E(dossier.FaultNoManifest, path, nil)
	}
	m, err := readManifest(manifest)
	if err != nil {
		return Result{}, dossier.E(dossier.FaultBadManifest, path, err)
	}
	type want struct {
		path, sha string
		size      int64
	}
	var wants []want
	listed := map[string]bool{ManifestName: true, SignatureName: m.Signature != nil}
	for _, f := range m.Files {
		wants = append(wants, want{f.Path, f.SHA256, f.Size})
	}
	for _, g := range m.Generated {
		wants = append(wants, want{g.Path, g.SHA256, g.Size})
	}
	for _, w := range wants {
		if !safePath(w.path) {
			return Result{}, dossier.E(dossier.FaultUnsafePath, w.path, nil)
		}
		listed[w.path] = true
	}
	res := Result{Draft: m.Draft, Vendor: m.Dossier.Vendor, Product: m.Dossier.Product, Version: m.Dossier.Version,
		Checked: len(wants), Altered: []string{}, Missing: []string{}, Extra: []string{}, Strays: strays(file, size, zr)}
	for _, w := range wants {
		f, ok := files[w.path]
		if !ok {
			res.Missing = append(res.Missing, w.path)
			continue
		}
		sum, n, err := digest(ctx, f)
		if ctx.Err() != nil {
			return Result{}, dossier.E(dossier.FaultCancelled, "", ctx.Err())
		}
		if err != nil || n != w.size || !strings.EqualFold(sum, w.sha) {
			res.Altered = append(res.Altered, w.path)
			continue
		}
		res.Matched++
	}
	for name := range files {
		if !listed[name] && !strings.HasSuffix(name, "/") {
			res.Extra = append(res.Extra, name)
		}
	}
	sort.Strings(res.Extra)
	res.Authenticity = authenticate(files, manifest, m)
	res.OK = len(res.Altered) == 0 && len(res.Missing) == 0 && len(res.Extra) == 0 && len(res.Strays) == 0 && res.Authenticity.ok()
	return res, nil
}

func readManifest(f *zip.File) (Manifest, error) {
	if f.UncompressedSize64 > maxManifestSize {
		return Manifest{}, fmt.Errorf("manifest of %d bytes", f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return Manifest{}, err
	}
	defer rc.Close()
	var m Manifest
	dec := json.NewDecoder(io.LimitReader(rc, maxManifestSize))
	if err := dec.Decode(&m); err != nil {
		return Manifest{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if m.Format != FormatID {
		return Manifest{}, fmt.Errorf("format %q, want %q", m.Format, FormatID)
	}
	return m, nil
}

// digest streams one entry through SHA-256. A CRC error from the ZIP
// reader counts as altered content.
func digest(ctx context.Context, f *zip.File) (string, int64, error) {
	rc, err := f.Open()
	if err != nil {
		return "", 0, err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, dossier.CancelReader(ctx, rc), make([]byte, 256<<10))
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
