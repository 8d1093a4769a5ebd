package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// Bounds of the preview work.
const (
	// thumbCacheSize is how many previews the memory cache keeps: a
	// thumbnail is at most 2×thumbW × 2×thumbH RGBA (240×150, 141 KiB), so
	// at most 4.4 MiB: the previews of a large requirement (20 proofs) and
	// some of the one before. Older ones come back from the disk cache
	// (thumbDisk), a small PNG each.
	thumbCacheSize = 32
	// previewBytes and previewLines bound a text preview.
	previewBytes = 2 << 10
	previewLines = 4
	previewWidth = 110
	// previewBatch is the shortest time between two hand-overs of
	// previews to the window.
	previewBatch = 150 * time.Millisecond
)

// preview is what the cache keeps for one content: a thumbnail, the
// first lines of a text, or neither (not decodable: the kind icon stays).
type preview struct {
	img  image.Image
	text string
}

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

// hasPreview reports the kinds that get more than an icon.
func hasPreview(k dossier.Kind) bool {
	switch k {
	case dossier.KindImage, dossier.KindText, dossier.KindXML, dossier.KindHL7, dossier.KindEmail:
		return true
	}
	return false
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
		if _, ok := p.thumbs.get(ev.SHA256); !ok && hasPreview(ev.Kind) && !seen[ev.SHA256] {
			todo = append(todo, ev)
			seen[ev.SHA256] = true
		}
	}
	if len(todo) == 0 {
		return
	}
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

// decodeThumb decodes the image that extract streams into a thumbnail
// fitting maxW×maxH (package thumb). The content goes through a pipe,
// never whole into memory.
func decodeThumb(extract func(io.Writer) error, maxW, maxH int) (image.Image, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(extract(pw)) }()
	// Closing the reader stops the extraction when decoding ends early.
	defer pr.Close()
	img, err := thumb.Decode(pr, maxW, maxH)
	if err != nil {
		return nil, err
	}
	return img, nil
}

// errEnough stops an extraction once the preview has what it needs.
var errEnough = errors.New("preview complete")

// headWriter keeps the first max bytes written, then refuses more.
type headWriter struct {
	buf bytes.Buffer
	max int
}

func (w *headWriter) Write(p []byte) (int, error) {
	room := w.max - w.buf.Len()
	if len(p) > room {
		w.buf.Write(p[:room])
		return room, errEnough
	}
	return w.buf.Write(p)
}

// textHead returns the first lines of the text that extract streams,
// made printable: invalid UTF-8 (a Latin-1 log) and control characters
// (colour escapes) are replaced, long lines cut.
func textHead(extract func(io.Writer) error, maxBytes, maxLines int) (string, error) {
	w := &headWriter{max: maxBytes}
	if err := extract(w); err != nil && !errors.Is(err, errEnough) {
		return "", err
	}
	text := strings.ToValidUTF8(w.buf.String(), "?")
	text = strings.TrimPrefix(text, "\ufeff")
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				if r == '\t' {
					return ' '
				}
				return -1
			}
			return r
		}, line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		if utf8.RuneCountInString(line) > previewWidth {
			line = string([]rune(line)[:previewWidth-1]) + "…"
		}
		out = append(out, line)
		if len(out) == maxLines {
			break
		}
	}
	return strings.Join(out, "\n"), nil
}
