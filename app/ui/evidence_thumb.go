package ui

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// thumbCacheSize is how many previews the memory cache keeps: the previews
// of a large requirement (20 proofs) and some of the one before. Older ones
// come back from the disk cache (thumbDisk). Its pictures are kept at the
// size the cards show them (thumbPixels: 120×75 RGBA, 35 KiB, on a screen
// at scale 1), not at the disk cache's 240×150: at most 1.1 MiB.
const thumbCacheSize = 32

// previewBatch is the shortest time between two hand-overs of previews to
// the window: each repaints the whole window.
const previewBatch = 150 * time.Millisecond

// previewLines is how many lines of a text preview a card shows.
const previewLines = 4

// preview is what the cache keeps for one content (package thumb's
// preview): a picture, the first lines of a text, or neither (no preview:
// the kind icon stays).
type preview = thumb.Preview

// thumbCache keeps the previews of the most recently shown contents, by
// SHA-256, up to a bound. It is used on the UI goroutine only.
type thumbCache struct {
	max   int
	order []string // least recently used first
	items map[string]preview
	// w, h is the size in pixels its pictures were fitted to (fit).
	w, h int
}

func newThumbCache(max int) *thumbCache {
	return &thumbCache{max: max, items: map[string]preview{}}
}

func (c *thumbCache) get(sum string) (preview, bool) {
	p, ok := c.items[sum]
	if ok {
		c.touch(sum)
	}
	return p, ok
}

func (c *thumbCache) put(sum string, p preview) {
	if _, ok := c.items[sum]; !ok && len(c.items) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[sum] = p
	c.touch(sum)
}

// fit sets the size in pixels of the pictures put from now on; a change
// (the window moved to a screen of another scale) empties the cache, whose
// pictures would be too small or too big.
func (c *thumbCache) fit(w, h int) {
	if w != c.w || h != c.h {
		c.w, c.h = w, h
		c.items, c.order = map[string]preview{}, nil
	}
}

func (c *thumbCache) touch(sum string) {
	for i, s := range c.order {
		if s == sum {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, sum)
}

// loadPreviews makes, off the UI goroutine and one item at a time, the
// previews the cache lacks for the items shown. Showing another
// requirement cancels the job.
func (p *evidencePanel) loadPreviews() {
	if p.cancelThumbs != nil {
		p.cancelThumbs()
	}
	w, h := p.thumbPixels()
	p.thumbs.fit(w, h)
	var todo []dossier.Evidence
	seen := map[string]bool{}
	for _, ev := range p.items {
		if _, ok := p.thumbs.get(ev.SHA256); !ok && thumb.Has(ev.Kind) && !seen[ev.SHA256] {
			todo = append(todo, ev)
			seen[ev.SHA256] = true
		}
	}
	ctx, cancel := context.WithCancel(p.svc.Context())
	p.cancelThumbs = cancel
	if len(todo) == 0 {
		p.releaseWhenIdle(ctx)
		return
	}
	// PDFs last: the first one of a run waits for the PDF renderer to
	// start (seconds on a machine's first run), the others need not.
	todo = append(slices.DeleteFunc(slices.Clone(todo), isPDF), slices.DeleteFunc(todo, notPDF)...)
	svc := p.svc
	// The work starts once the frame that shows the requirement is drawn
	// (a function queued with fyne.Do from an event's handler runs after
	// the driver has drawn that event's frame): decoding images meanwhile
	// would slow that frame down on a machine with few cores.
	p.d.do(func() {
		if ctx.Err() == nil {
			p.d.bg(func() { p.makePreviews(ctx, svc, todo, w, h) }, func() {})
		}
	})
}

// makePreviews makes the previews of todo, one at a time, off the UI
// goroutine, their pictures fitted to w×h pixels, and hands them to the
// cards showing them in batches, at most one every previewBatch: each
// hand-over repaints the whole window, which costs more than decoding a
// small preview.
func (p *evidencePanel) makePreviews(ctx context.Context, svc *dossier.Service, todo []dossier.Evidence, w, h int) {
	type made struct {
		sum string
		pv  preview
	}
	var batch []made
	last := time.Now()
	flush := func() {
		b := batch
		batch, last = nil, time.Now()
		p.d.do(func() {
			for _, m := range b {
				p.thumbs.put(m.sum, m.pv)
			}
			if ctx.Err() != nil {
				return
			}
			for _, m := range b {
				for _, other := range p.items {
					if c := p.card(other.ID); c != nil && other.SHA256 == m.sum {
						c.setPreview(m.pv)
					}
				}
			}
		})
	}
	for _, ev := range todo {
		if ctx.Err() != nil {
			return
		}
		batch = append(batch, made{ev.SHA256, fitPreview(p.disk.previewOf(ctx, svc, ev), w, h)})
		if time.Since(last) >= previewBatch {
			flush()
		}
	}
	if len(batch) > 0 {
		flush()
	}
	p.d.do(func() { p.releaseWhenIdle(ctx) })
}

func isPDF(ev dossier.Evidence) bool  { return ev.Kind == dossier.KindPDF }
func notPDF(ev dossier.Evidence) bool { return ev.Kind != dossier.KindPDF }

// thumbPixels is the size in pixels of a card's picture on the window's
// screen: thumbW×thumbH at the canvas's scale.
func (p *evidencePanel) thumbPixels() (w, h int) {
	scale := float32(1)
	if p.win != nil {
		scale = p.win.Canvas().Scale()
	}
	return int(math.Ceil(float64(thumbW * scale))), int(math.Ceil(float64(thumbH * scale)))
}

// fitPreview returns pv with its picture scaled down to fit w×h pixels,
// the size a card shows it at (the disk cache keeps them at twice the
// cards' size, for HiDPI screens): the memory cache then holds no more
// pixels than the screen shows, and the painter draws them as they are.
func fitPreview(pv preview, w, h int) preview {
	if pv.Image != nil {
		if b := pv.Image.Bounds(); b.Dx() > w || b.Dy() > h {
			pv.Image = thumb.Scale(pv.Image, w, h)
		}
	}
	return pv
}
