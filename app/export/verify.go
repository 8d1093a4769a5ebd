package export

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	// Unnamed counts the altered or missing files beyond the first
	// maxNamed named above.
	Unnamed int      `json:"unnamed,omitempty"`
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
	res := Result{Altered: []string{}, Missing: []string{}, Extra: []string{}, Strays: strays(file, size, zr)}
	c := checker{ctx: ctx, files: files, listed: map[string]bool{ManifestName: true}, res: &res, buf: make([]byte, 256<<10)}
	m, prehash, err := streamManifest(manifest, func(f *FileEntry) error { return c.check(f.Path, f.SHA256, f.Size) })
	if err == nil {
		for _, g := range m.Generated {
			if err = c.check(g.Path, g.SHA256, g.Size); err != nil {
				break
			}
		}
	}
	var known *dossier.Error
	if errors.As(err, &known) {
		return Result{}, err
	}
	if err != nil {
		return Result{}, dossier.E(dossier.FaultBadManifest, path, err)
	}
	c.listed[SignatureName] = m.Signature != nil
	res.Draft, res.Vendor, res.Product, res.Version = m.Draft, m.Dossier.Vendor, m.Dossier.Product, m.Dossier.Version
	for name := range files {
		if !c.listed[name] && !strings.HasSuffix(name, "/") {
			res.Extra = append(res.Extra, name)
		}
	}
	sort.Strings(res.Extra)
	res.Authenticity = authenticate(files, manifest, m, prehash)
	res.OK = res.Matched == res.Checked && len(res.Extra) == 0 && len(res.Strays) == 0 && res.Authenticity.ok()
	return res, nil
}

// maxNamed bounds the altered and the missing files Verify names; the
// others are counted (a hostile manifest could list millions).
const maxNamed = 10000

// checker checks the manifest's entries against the archive's files as
// the manifest streams by, into res.
type checker struct {
	ctx    context.Context
	files  map[string]*zip.File
	listed map[string]bool // the archive's files the manifest lists
	res    *Result
	buf    []byte // digest's
}

// check recomputes the SHA-256 and size of the file at p, which the
// manifest says are sha and size.
func (c *checker) check(p, sha string, size int64) error {
	if !safePath(p) {
		return dossier.E(dossier.FaultUnsafePath, p, nil)
	}
	c.res.Checked++
	f, ok := c.files[p]
	if !ok {
		c.res.name(&c.res.Missing, p)
		return nil
	}
	c.listed[p] = true
	sum, n, err := digest(c.ctx, f, c.buf)
	if c.ctx.Err() != nil {
		return dossier.E(dossier.FaultCancelled, "", c.ctx.Err())
	}
	if err != nil || n != size || !strings.EqualFold(sum, sha) {
		c.res.name(&c.res.Altered, p)
		return nil
	}
	c.res.Matched++
	return nil
}

// name adds p to list (Altered or Missing), or counts it in Unnamed once
// maxNamed are named.
func (r *Result) name(list *[]string, p string) {
	if len(r.Altered)+len(r.Missing) >= maxNamed {
		r.Unnamed++
		return
	}
	*list = append(*list, p)
}

// streamManifest checks the manifest entry f as it streams (scanManifest)
// and returns its BLAKE2b-512, what a prehashed signature signs.
func streamManifest(f *zip.File, each func(*FileEntry) error) (Manifest, []byte, error) {
	if f.UncompressedSize64 > maxManifestSize {
		return Manifest{}, nil, fmt.Errorf("manifest of %d bytes", f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return Manifest{}, nil, err
	}
	defer rc.Close()
	h := newPrehash()
	m, err := scanManifest(io.TeeReader(rc, h), each)
	if err != nil {
		return Manifest{}, nil, err
	}
	return m, h.Sum(nil), nil
}

// digest streams one entry through SHA-256, read into buf (one buffer
// for every file: 20,000 buffers of 256 KiB kept the collector busy). A
// CRC error from the ZIP reader counts as altered content.
func digest(ctx context.Context, f *zip.File, buf []byte) (string, int64, error) {
	rc, err := f.Open()
	if err != nil {
		return "", 0, err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, dossier.CancelReader(ctx, rc), buf)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
