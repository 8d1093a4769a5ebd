package export

import (
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// copyBuffers is how many buffers of copyBufferSize the evidence copy
// turns over: one read while the package writer and the hasher work on
// the others.
const (
	copyBuffers    = 3
	copyBufferSize = 1 << 20
)

// hasher computes, on its own goroutine, the SHA-256 of the bytes the
// package writer copies, so that hashing overlaps the writing.
type hasher struct {
	free chan []byte // buffers not in use
	work chan []byte // bytes to hash; nil asks for the digest
	sums chan string // one hex digest per nil sent
}

func startHasher() *hasher {
	hs := &hasher{free: make(chan []byte, copyBuffers), work: make(chan []byte, copyBuffers), sums: make(chan string)}
	for range copyBuffers {
		hs.free <- make([]byte, copyBufferSize)
	}
	go func() {
		h := sha256.New()
		for b := range hs.work {
			if b == nil {
				hs.sums <- hex.EncodeToString(h.Sum(nil))
				h.Reset()
				continue
			}
			h.Write(b)
			hs.free <- b[:cap(b)]
		}
	}()
	return hs
}

// stop ends the hasher's goroutine.
func (hs *hasher) stop() { close(hs.work) }

// sum is the digest of the bytes sent since the last one.
func (hs *hasher) sum() string {
	hs.work <- nil
	return <-hs.sums
}

// evidences copies every evidence file into the package, in order.
func (pw *packageWriter) evidences(src Source, entries []entry) error {
	hs := startHasher()
	defer hs.stop()
	for i := range entries {
		if err := pw.evidence(src, hs, &entries[i]); err != nil {
			return err
		}
	}
	return nil
}

// evidence streams one evidence file into the ZIP while hs hashes it, and
// checks the digest against the dossier's record.
func (pw *packageWriter) evidence(src Source, hs *hasher, e *entry) error {
	if err := pw.ctx.Err(); err != nil {
		return err
	}
	rc, err := src.OpenContent(e.ev.SHA256)
	if err != nil {
		if dossier.AsError(err) == nil || errors.Is(err, dossier.ErrNotFound) {
			return dossier.E(dossier.FaultEvidenceDamaged, e.ev.Name, fmt.Errorf("opening content of %s: %w", e.req.ID, err))
		}
		return err
	}
	defer rc.Close()
	w, err := pw.zw.CreateHeader(pw.header(e.path, e.store))
	if err != nil {
		return err
	}
	n, err := pw.copy(w, rc, hs)
	if err != nil {
		return err
	}
	if sum := hs.sum(); n != e.ev.Size || !strings.EqualFold(sum, e.ev.SHA256) {
		return dossier.E(dossier.FaultEvidenceDamaged, e.ev.Name, fmt.Errorf("%s: digest mismatch, %d bytes read, %d recorded", e.req.ID, n, e.ev.Size))
	}
	return nil
}

// copy copies src to dst through the hasher's buffers, checking for
// cancellation between buffers and reporting progress. Every byte copied
// is sent to hs; a failed copy leaves hs's digest to be discarded.
func (pw *packageWriter) copy(dst io.Writer, src io.Reader, hs *hasher) (int64, error) {
	var n int64
	for {
		if err := pw.ctx.Err(); err != nil {
			return n, err
		}
		buf := <-hs.free
		k, rerr := src.Read(buf)
		if k == 0 {
			hs.free <- buf
		} else {
			hs.work <- buf[:k]
			if _, err := dst.Write(buf[:k]); err != nil {
				return n, err
			}
			n += int64(k)
			pw.done += int64(k)
			if pw.progress != nil {
				pw.progress(pw.done, pw.total)
			}
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}

// deflater hands the ZIP writer one reused compressor: the package's
// entries are written one after the other, and a new flate writer costs
// about a megabyte of allocation, per file.
type deflater struct{ spare *flate.Writer }

func newDeflater() *deflater { return &deflater{} }

// compressor is a zip.Compressor. Level 1: text evidence (logs, e-mails)
// compresses well even at the fastest level, and the export stays close
// to a plain copy in time.
func (d *deflater) compressor(w io.Writer) (io.WriteCloser, error) {
	if fw := d.spare; fw != nil {
		d.spare = nil
		fw.Reset(w)
		return &pooledFlate{fw, d}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw, d}, nil
}

// pooledFlate gives its writer back to the deflater once closed.
type pooledFlate struct {
	*flate.Writer
	d *deflater
}

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	p.d.spare = p.Writer
	return err
}
