package export

import (
	"archive/zip"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// Sentinel errors of the export, matched with errors.Is by fault; people
// read fr.Error(err).
var (
	ErrIncomplete     error = &dossier.Error{Fault: dossier.FaultIncomplete}
	ErrCorruptContent error = &dossier.Error{Fault: dossier.FaultEvidenceDamaged}
)

// Source is the dossier being exported: its metadata and its content.
type Source interface {
	Snapshot() (dossier.Snapshot, error)
	// OpenContent streams the content with this SHA-256 (hex).
	OpenContent(sha256 string) (io.ReadCloser, error)
}

// Contents streams evidence contents by SHA-256: a dossier.Service.
type Contents interface {
	OpenContent(sha256 string) (io.ReadCloser, error)
}

type serviceSource struct{ svc *dossier.Service }

func (s serviceSource) Snapshot() (dossier.Snapshot, error) { return s.svc.Snapshot() }
func (s serviceSource) OpenContent(sha256 string) (io.ReadCloser, error) {
	return s.svc.OpenContent(sha256)
}

// FromService adapts an open dossier to a Source.
func FromService(svc *dossier.Service) Source { return serviceSource{svc} }

// frozenSource is a Source on a snapshot taken beforehand.
type frozenSource struct {
	snap     dossier.Snapshot
	contents Contents
}

func (s frozenSource) Snapshot() (dossier.Snapshot, error) { return s.snap, nil }
func (s frozenSource) OpenContent(sha256 string) (io.ReadCloser, error) {
	return s.contents.OpenContent(sha256)
}

// FromSnapshot is a Source on a snapshot taken beforehand (on the UI
// goroutine): the export worker then reads no Service state, only
// contents, which the store streams safely from any goroutine.
func FromSnapshot(snap dossier.Snapshot, contents Contents) Source {
	return frozenSource{snap, contents}
}

// Options tune an export.
type Options struct {
	// Draft exports even with blocking gaps; the manifest and the report
	// then say BROUILLON.
	Draft bool
	// Now, when set, is written as the export time in the manifest and the
	// report. Left zero, the time of the dossier's last change is used, so
	// that exporting the same dossier twice gives byte-identical packages.
	Now time.Time
	// Phase, when set, is told each phase as it starts, from the export's
	// goroutine: the evidence bytes' progress only covers PhaseFiles.
	Phase func(Phase)
	// SinceLastDeposit writes only the requirements whose proofs changed
	// since the last recorded deposit round (scope.go).
	SinceLastDeposit bool
	// Logf, when set, is told (in English, for a bug report) why a proof
	// has no preview in the report: a damaged file keeps its icon there.
	// Nil: nobody is told (the CLI sets it only in debug mode).
	Logf func(format string, args ...any)
}

// Phase is a step of an export, for a progress dialog to name.
type Phase int

// The phases of an export, in order.
const (
	PhaseFiles    Phase = iota // copying the evidence files
	PhaseManifest              // manifest.csv
	PhaseWorkbook              // the ANS spreadsheet
	PhaseReport                // the PDF report and its thumbnails
	PhaseFinish                // manifest.json, flush to disk, rename
)

// phase tells opts.Phase, if any.
func (o Options) phase(p Phase) {
	if o.Phase != nil {
		o.Phase(p)
	}
}

// Export writes the package of src to out. It refuses a dossier with
// blocking gaps unless opts.Draft. The package is written to a temporary
// file in out's folder and renamed to out at the very end; on error or
// cancellation the temporary file is removed and out is left untouched.
// progress (may be nil) receives evidence bytes written out of the total.
func Export(ctx context.Context, src Source, out string, opts Options, progress dossier.Progress) (err error) {
	snap, err := src.Snapshot()
	if err != nil {
		return err
	}
	if snap.Catalogue == nil {
		return fmt.Errorf("%w: no catalogue", dossier.ErrDamaged)
	}
	sc, err := scopeOf(snap, opts.SinceLastDeposit)
	if err != nil {
		return err
	}
	p := newScopedPlan(snap, sc)
	if !p.check.Complete && !opts.Draft {
		return Incomplete(len(p.check.Blocking))
	}
	exportedAt := p.stamp
	if !opts.Now.IsZero() {
		exportedAt = opts.Now.UTC().Truncate(time.Second)
	}
	p.now = exportedAt
	m := manifestOf(&p, opts.Draft, exportedAt)
	j, signed := journaled(src)
	var key ed25519.PrivateKey
	if signed {
		if key, err = j.SigningKey(); err != nil {
			return err
		}
		sr := signatureRef(key.Public().(ed25519.PublicKey))
		m.Signature = &sr
	}

	f, err := createTemp(out)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// The package goes to the disk while it is written: the final Sync
	// then has little left to wait for.
	zw := zip.NewWriter(scratch.WriteBehind(f))
	zw.RegisterCompressor(zip.Deflate, newDeflater().compressor)
	pw := &packageWriter{ctx: ctx, zw: zw, stamp: p.stamp, progress: progress, total: p.total}
	opts.phase(PhaseFiles)
	if err := pw.evidences(src, p.entries); err != nil {
		return writeErr(out, err)
	}
	if signed {
		opts.phase(PhaseManifest)
		var ref JournalRef
		ge, err := pw.generated(JournalName, func(w io.Writer) (err error) {
			ref, err = writeJournal(w, j, snap.Info.ID)
			return err
		})
		if err != nil {
			return writeErr(out, err)
		}
		m.Generated, m.Journal = append(m.Generated, ge), &ref
	}
	gen := []struct {
		phase Phase
		name  string
		write func(io.Writer) error
	}{
		{PhaseManifest, ManifestCSVName, func(w io.Writer) error { return writeCSV(w, &p, m.Mention) }},
		{PhaseWorkbook, WorkbookName, func(w io.Writer) error { return writeWorkbook(w, &p, stampOf(&m)) }},
		{PhaseReport, ReportName, func(w io.Writer) error { return writeReport(ctx, w, src, &p, &m, opts.Logf) }},
	}
	for _, g := range gen {
		opts.phase(g.phase)
		ge, err := pw.generated(g.name, g.write)
		if err != nil {
			return writeErr(out, err)
		}
		m.Generated = append(m.Generated, ge)
	}
	opts.phase(PhaseFinish)
	// manifest.json streams out through the signature's hash.
	prehash := newPrehash()
	if _, err := pw.generated(ManifestName, func(w io.Writer) error {
		return writeManifest(io.MultiWriter(w, prehash), &m, &p)
	}); err != nil {
		return writeErr(out, err)
	}
	if signed {
		trusted := "dossier:" + m.Dossier.ID + "\tfile:" + ManifestName + "\texported_at:" + m.ExportedAt.Format(time.RFC3339)
		if _, err := pw.generated(SignatureName, writeBytes(minisign(key, prehash.Sum(nil), trusted))); err != nil {
			return writeErr(out, err)
		}
	}
	if err := zw.Close(); err != nil {
		return writeErr(out, err)
	}
	if err := f.Sync(); err != nil {
		return writeErr(out, err)
	}
	if err := f.Close(); err != nil {
		return writeErr(out, err)
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return dossier.PathError(out, err, true)
	}
	return nil
}

// createTemp checks the target and opens the temporary file beside it.
func createTemp(out string) (*os.File, error) {
	dir := filepath.Dir(out)
	fi, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, dossier.E(dossier.FaultFolderNotFound, dir, err)
		}
		return nil, dossier.PathError(dir, err, false)
	}
	if !fi.IsDir() {
		return nil, dossier.E(dossier.FaultNotFolder, dir, nil)
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return nil, dossier.E(dossier.FaultTargetIsFolder, out, nil)
	}
	// What exports killed midway left in this folder goes first.
	scratch.Sweep(dir)
	f, err := scratch.Create(dir, filepath.Base(out))
	if errors.Is(err, os.ErrNotExist) {
		// The folder exists but takes no new file (/proc, a vanished mount).
		return nil, dossier.E(dossier.FaultPermission, dir, err)
	}
	if err != nil {
		return nil, dossier.PathError(dir, err, true)
	}
	return f, nil
}

// writeErr classifies a failed write of the package out.
func writeErr(out string, err error) error {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return dossier.E(dossier.FaultCancelled, "", err)
	case dossier.AsError(err) != nil:
		return err
	}
	return dossier.PathError(out, err, true)
}

// Incomplete is the error of a final export refused for its blocking gaps.
func Incomplete(blocking int) error {
	return dossier.ED(dossier.FaultIncomplete, "", strconv.Itoa(blocking), nil)
}

// packageWriter writes entries into the ZIP with a fixed timestamp.
type packageWriter struct {
	ctx         context.Context
	zw          *zip.Writer
	stamp       time.Time
	progress    dossier.Progress
	done, total int64
}

func (pw *packageWriter) header(name string, store bool) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: pw.stamp}
	if store {
		h.Method = zip.Store
	}
	h.SetMode(0o644)
	return h
}

// generated writes a file the export produces, hashing it on the way.
func (pw *packageWriter) generated(name string, write func(io.Writer) error) (GeneratedEntry, error) {
	if err := pw.ctx.Err(); err != nil {
		return GeneratedEntry{}, err
	}
	w, err := pw.zw.CreateHeader(pw.header(name, strings.HasSuffix(name, ".xlsx") || strings.HasSuffix(name, ".pdf")))
	if err != nil {
		return GeneratedEntry{}, err
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(w, h)}
	if err := write(cw); err != nil {
		return GeneratedEntry{}, fmt.Errorf("%s: %w", name, err)
	}
	return GeneratedEntry{Path: name, Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeBytes is a generated file's writer for content already in memory.
func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}
