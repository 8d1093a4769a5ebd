package storage

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// pieceKind tells what a piece carries.
type pieceKind int

const (
	pieceStart pieceKind = iota // an item opened: ev
	pieceChunk                  // one chunk of the current item: buf, digest
	pieceEnd                    // the current item is read whole: sum, size
	pieceFail                   // the current item failed: err
)

// piece is what the reading stages hand to the writer, in stream order.
type piece struct {
	item   int
	kind   pieceKind
	ev     dossier.Evidence
	link   func(dossier.Tx, dossier.Evidence) error
	buf    []byte // the chunk
	pooled bool   // buf is a pool buffer, to give back once written
	digest [sha256.Size]byte
	hashed bool // digest is already known (a one-chunk content)
	sum    [sha256.Size]byte
	size   int64
	err    error
}

// pipelineDepth is how many pieces wait between two stages.
const pipelineDepth = 1

// poolBuffers is how many chunk buffers exist: a full batch held by bbolt
// until its commit ends, a second one that the stages read and hash
// meanwhile, and one more for the piece on its way. With one batch and
// three buffers (until 30 Nov), the stages waited during each commit and
// the next commit waited for them: a commit was in flight 74 % of the
// time, now 97-98 % (the disk is the limit). Each buffer costs 1 MiB of
// resident memory, outside the Go heap (newChunkBuffer).
const poolBuffers = 2*batchChunks + 1

// pipeline reads the items in turn on one goroutine (whole-content
// SHA-256) and hashes each chunk on another, handing pieces to the writer
// through bounded channels. Full chunks travel in buffers of a fixed pool,
// so the memory held is bounded whatever the sizes.
type pipeline struct {
	pool  chan []byte
	made  int      // buffers made so far, by the reading stage only
	frees []func() // what frees them, once the ingest has ended
	out   chan piece
}

func startPipeline(ctx context.Context, items []dossier.Incoming) *pipeline {
	p := &pipeline{pool: make(chan []byte, poolBuffers), out: make(chan piece, pipelineDepth)}
	read := make(chan piece, pipelineDepth)
	go p.read(ctx, items, read)
	go p.hash(ctx, read)
	return p
}

// take gets a buffer: one given back, else a new one while fewer than
// poolBuffers exist (small files never need more than a few), else the
// next one given back. False when ctx is done.
func (p *pipeline) take(ctx context.Context) ([]byte, bool) {
	select {
	case buf := <-p.pool:
		return buf, true
	default:
	}
	if p.made < poolBuffers {
		p.made++
		buf, free := newChunkBuffer()
		p.frees = append(p.frees, free)
		return buf, true
	}
	select {
	case buf := <-p.pool:
		return buf, true
	case <-ctx.Done():
		return nil, false
	}
}

// free frees the pool's buffers. Only once the ingest has ended: both
// stages returned (out closed and drained) and every commit ended, so that
// neither they nor bbolt hold a slice of them.
func (p *pipeline) free() {
	for _, f := range p.frees {
		f()
	}
	p.frees = nil
}

// give returns a pool buffer; any goroutine may.
func (p *pipeline) give(buf []byte) { p.pool <- buf[:chunkSize] }

// drop gives the pool buffers of fresh back and empties it.
func (p *pipeline) drop(fresh map[digest]piece) {
	for d, pc := range fresh {
		if pc.pooled {
			p.give(pc.buf)
		}
		delete(fresh, d)
	}
}

// send hands pc on unless ctx is done.
func send(ctx context.Context, ch chan<- piece, pc piece) bool {
	select {
	case ch <- pc:
		return true
	case <-ctx.Done():
		return false
	}
}

// read is the first stage: open each item, cut it in chunks, hash it whole.
func (p *pipeline) read(ctx context.Context, items []dossier.Incoming, out chan<- piece) {
	defer close(out)
	for i, it := range items {
		ev, rc, err := it.Open()
		if err != nil {
			if !send(ctx, out, piece{item: i, kind: pieceFail, err: err}) {
				return
			}
			continue
		}
		ok := send(ctx, out, piece{item: i, kind: pieceStart, ev: ev, link: it.Link}) && p.readItem(ctx, i, rc, out)
		rc.Close()
		if !ok {
			return
		}
	}
}

// readItem streams one item; false when ctx is done.
func (p *pipeline) readItem(ctx context.Context, i int, r io.Reader, out chan<- piece) bool {
	h := sha256.New()
	var size int64
	for index := 0; ; index++ {
		buf, ok := p.take(ctx)
		if !ok {
			return false
		}
		n, err := io.ReadFull(r, buf)
		last := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !last {
			p.give(buf)
			return send(ctx, out, piece{item: i, kind: pieceFail, err: err})
		}
		h.Write(buf[:n])
		size += int64(n)
		if n == 0 {
			p.give(buf)
		} else {
			pc := piece{item: i, kind: pieceChunk, buf: buf[:n], pooled: true}
			if n < chunkSize {
				pc.pooled = false
				// A short chunk is kept apart from the pool: thousands
				// of small files must not each hold a whole buffer.
				pc.buf = append([]byte(nil), buf[:n]...)
				p.give(buf)
			}
			if last && index == 0 {
				h.Sum(pc.digest[:0]) // the chunk is the whole content
				pc.hashed = true
			}
			if !send(ctx, out, pc) {
				return false
			}
		}
		if last {
			end := piece{item: i, kind: pieceEnd, size: size}
			h.Sum(end.sum[:0])
			return send(ctx, out, end)
		}
	}
}

// hash is the second stage: the SHA-256 of each chunk.
func (p *pipeline) hash(ctx context.Context, in <-chan piece) {
	defer close(p.out)
	for pc := range in {
		if pc.kind == pieceChunk && !pc.hashed {
			pc.digest = sha256.Sum256(pc.buf)
		}
		if !send(ctx, p.out, pc) {
			// Drain so that the reader, blocked on a send, sees ctx.
			for range in {
			}
			return
		}
	}
}
