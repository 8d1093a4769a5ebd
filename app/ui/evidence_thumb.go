package ui

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // thumbnails of GIF evidence
	_ "image/jpeg"
	_ "image/png"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Bounds of the preview work.
const (
	// thumbCacheSize is how many previews the cache keeps: a thumbnail is
	// at most 320×200 RGBA (250 KiB), so at most ~16 MiB.
	thumbCacheSize = 64
	// maxThumbPixels is the largest image decoded for a thumbnail (a
	// decoded image takes 4 bytes a pixel while it is scaled down).
	maxThumbPixels = 40 << 20
	// headerPeek is how much of an image is read to learn its size.
	headerPeek = 64 << 10
	// previewBytes and previewLines bound a text preview.
	previewBytes = 2 << 10
	previewLines = 4
	previewWidth = 110
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

// decodeThumb decodes the image that extract streams and scales it down
// to fit maxW×maxH. The content goes through a pipe, never whole into
// memory; an image too large to decode safely is refused from its
// header.
func decodeThumb(extract func(io.Writer) error, maxW, maxH int) (image.Image, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(extract(pw)) }()
	// Closing the reader stops the extraction when decoding ends early.
	defer pr.Close()
	br := bufio.NewReaderSize(pr, headerPeek)
	head, err := br.Peek(headerPeek)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return nil, fmt.Errorf("format d'image non reconnu pour l'aperçu : %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxThumbPixels/cfg.Height {
		return nil, fmt.Errorf("image de %d × %d pixels trop grande pour un aperçu", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(br)
	if err != nil {
		return nil, err
	}
	return downscale(img, maxW, maxH), nil
}

// downscale returns img scaled to fit maxW×maxH (never enlarged), each
// pixel the average of a grid of up to 4×4 samples of the area it covers.
func downscale(img image.Image, maxW, maxH int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	scale := min(float64(maxW)/float64(w), float64(maxH)/float64(h), 1)
	dw, dh := max(1, int(float64(w)*scale)), max(1, int(float64(h)*scale))
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	const grid = 4
	for y := range dh {
		y0, y1 := y*h/dh, max((y+1)*h/dh, y*h/dh+1)
		for x := range dw {
			x0, x1 := x*w/dw, max((x+1)*w/dw, x*w/dw+1)
			var r, g, bl, a, n uint32
			for sy := range grid {
				py := y0 + (y1-y0)*sy/grid
				for sx := range grid {
					px := x0 + (x1-x0)*sx/grid
					cr, cg, cb, ca := img.At(b.Min.X+px, b.Min.Y+py).RGBA()
					r, g, bl, a, n = r+cr, g+cg, bl+cb, a+ca, n+1
				}
			}
			dst.SetRGBA(x, y, color.RGBA{uint8(r / n >> 8), uint8(g / n >> 8), uint8(bl / n >> 8), uint8(a / n >> 8)})
		}
	}
	return dst
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
