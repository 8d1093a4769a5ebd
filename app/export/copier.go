package export

import (
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// copyBuffers is how many buffers of copyBufferSize the evidence copy
// turns over: the reader fills and hashes the next ones while the package
// writer writes one.
const (
	copyBuffers    = 4
	copyBufferSize = 1 << 20
)

// copyLine moves the evidence bytes through two goroutines: a reader
// streams the contents out of the dossier, in the plan's order, into free
// buffers and computes each content's SHA-256 on the way; the package
// writer writes each buffer into the ZIP and gives it back. Reading and
// hashing the next chunks (waits on the disk, the hash's CPU) thus overlap
// writing the package (and its write-behind's waits), and neither side
// waits for a third; the buffers bound the memory.
type copyLine struct {
	free   chan []byte // buffers not in use
	blocks chan block  // filled by the reader, in order
	done   chan struct{}
	wg     sync.WaitGroup
}

// block is what the reader sends: bytes of the current content, or its
// end with the SHA-256 (hex) of what it read (err set when it could not
// be read; opening when it could not even be opened).
type block struct {
	buf          []byte
	end, opening bool
	sum          string
	err          error
}

// startCopyLine starts the reader on entries.
func startCopyLine(src Source, entries []entry) *copyLine {
	cl := &copyLine{free: make(chan []byte, copyBuffers), blocks: make(chan block, copyBuffers), done: make(chan struct{})}
	for range copyBuffers {
		cl.free <- make([]byte, copyBufferSize)
	}
	cl.wg.Add(1)
	go cl.read(src, entries)
	return cl
}

// stop ends the reader and waits for it: it reads from the dossier, which
// the caller may close next.
func (cl *copyLine) stop() {
	close(cl.done)
	cl.wg.Wait()
}

// send passes b to the package writer unless it has stopped.
func (cl *copyLine) send(b block) bool {
	select {
	case cl.blocks <- b:
		return true
	case <-cl.done:
		return false
	}
}

// read streams every entry's content into free buffers, one Read each (a
// buffer of a whole chunk takes it straight from the store), hashes it,
// and ends each content with its digest.
func (cl *copyLine) read(src Source, entries []entry) {
	defer cl.wg.Done()
	h := sha256.New()
	var sum [sha256.Size]byte
	for i := range entries {
		rc, err := src.OpenContent(entries[i].ev.SHA256)
		if err != nil {
			cl.send(block{end: true, opening: true, err: err})
			return
		}
		h.Reset()
		for err == nil {
			var buf []byte
			select {
			case buf = <-cl.free:
			case <-cl.done:
				rc.Close()
				return
			}
			var k int
			k, err = rc.Read(buf)
			if k == 0 {
				cl.free <- buf
				continue
			}
			h.Write(buf[:k])
			if !cl.send(block{buf: buf[:k]}) {
				rc.Close()
				return
			}
		}
		rc.Close()
		end := block{end: true}
		if err != io.EOF {
			end.err = err
		} else {
			end.sum = hex.EncodeToString(h.Sum(sum[:0]))
		}
		if !cl.send(end) || end.err != nil {
			return
		}
	}
}

// evidences copies every evidence file into the package, in order.
func (pw *packageWriter) evidences(src Source, entries []entry) error {
	cl := startCopyLine(src, entries)
	defer cl.stop()
	for i := range entries {
		if err := pw.evidence(cl, &entries[i]); err != nil {
			return err
		}
	}
	return nil
}

// evidence writes the next evidence file the reader streams into the ZIP,
// and checks the digest the reader computed against the dossier's record.
func (pw *packageWriter) evidence(cl *copyLine, e *entry) error {
	if err := pw.ctx.Err(); err != nil {
		return err
	}
	w, err := pw.zw.CreateHeader(pw.header(e.path, e.store))
	if err != nil {
		return err
	}
	var n int64
	for {
		b := <-cl.blocks
		if b.end {
			if b.opening && (dossier.AsError(b.err) == nil || errors.Is(b.err, dossier.ErrNotFound)) {
				return dossier.E(dossier.FaultEvidenceDamaged, e.ev.Name, fmt.Errorf("opening content of %s: %w", e.req.ID, b.err))
			}
			if b.err != nil {
				return b.err
			}
			if n != e.ev.Size || !strings.EqualFold(b.sum, e.ev.SHA256) {
				return dossier.E(dossier.FaultEvidenceDamaged, e.ev.Name, fmt.Errorf("%s: digest mismatch, %d bytes read, %d recorded", e.req.ID, n, e.ev.Size))
			}
			return nil
		}
		_, werr := w.Write(b.buf)
		cl.free <- b.buf[:cap(b.buf)]
		if werr != nil {
			return werr
		}
		n += int64(len(b.buf))
		pw.done += int64(len(b.buf))
		if pw.progress != nil {
			pw.progress(pw.done, pw.total)
		}
		if err := pw.ctx.Err(); err != nil {
			return err
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
