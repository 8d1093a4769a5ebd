package ui

import (
	"context"
	"slices"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// thumbCacheSize is how many previews the cache keeps: a thumbnail is at
// most 240×150 RGBA (140 KiB), so at most ~9 MiB.
const thumbCacheSize = 64

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
	p.d.bg(func() {
		for _, ev := range todo {
			if ctx.Err() != nil {
				return
			}
			pv := p.disk.previewOf(ctx, svc, ev)
			p.d.do(func() {
				p.thumbs.put(ev.SHA256, pv)
				if ctx.Err() != nil {
					return
				}
				for _, other := range p.items {
					if c := p.card(other.ID); c != nil && other.SHA256 == ev.SHA256 {
						c.setPreview(pv)
					}
				}
			})
		}
	}, func() {})
}

func isPDF(ev dossier.Evidence) bool  { return ev.Kind == dossier.KindPDF }
func notPDF(ev dossier.Evidence) bool { return ev.Kind != dossier.KindPDF }
