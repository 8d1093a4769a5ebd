package ui

import (
	"context"
	"slices"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// thumbCacheSize is how many previews the memory cache keeps: a thumbnail
// is at most 240×150 RGBA (140 KiB), so at most 4.4 MiB: the previews of a
// large requirement (20 proofs) and some of the one before. Older ones come
// back from the disk cache (thumbDisk).
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
	var todo []dossier.Evidence
	seen := map[string]bool{}
	for _, ev := range p.items {
		if _, ok := p.thumbs.get(ev.SHA256); !ok && thumb.Has(ev.Kind) && !seen[ev.SHA256] {
			todo = append(todo, ev)
			seen[ev.SHA256] = true
		}
	}
	if len(todo) == 0 {
		return
	}
	// PDFs last: the first one of a run waits for the PDF renderer to
	// start (seconds on a machine's first run), the others need not.
	todo = append(slices.DeleteFunc(slices.Clone(todo), isPDF), slices.DeleteFunc(todo, notPDF)...)
	ctx, cancel := context.WithCancel(p.svc.Context())
	p.cancelThumbs = cancel
	svc := p.svc
	// The work starts once the frame that shows the requirement is drawn
	// (a function queued with fyne.Do from an event's handler runs after
	// the driver has drawn that event's frame): decoding images meanwhile
	// would slow that frame down on a machine with few cores.
	p.d.do(func() {
		if ctx.Err() == nil {
			p.d.bg(func() { p.makePreviews(ctx, svc, todo) }, func() {})
		}
	})
}

// makePreviews makes the previews of todo, one at a time, off the UI
// goroutine, and hands them to the cards showing them in batches, at most
// one every previewBatch: each hand-over repaints the whole window, which
// costs more than decoding a small preview.
func (p *evidencePanel) makePreviews(ctx context.Context, svc *dossier.Service, todo []dossier.Evidence) {
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
		batch = append(batch, made{ev.SHA256, p.disk.previewOf(ctx, svc, ev)})
		if time.Since(last) >= previewBatch {
			flush()
		}
	}
	if len(batch) > 0 {
		flush()
	}
}

func isPDF(ev dossier.Evidence) bool  { return ev.Kind == dossier.KindPDF }
func notPDF(ev dossier.Evidence) bool { return ev.Kind != dossier.KindPDF }
