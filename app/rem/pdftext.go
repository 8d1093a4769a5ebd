package rem

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// word is a run of glyphs on a line, with the position of its first glyph
// and the gap that precedes it (to tell a word space from a cell border).
type word struct {
	x, gap, size float64
	s            string
}

// line is the words of one text line of a page, left to right.
type line struct {
	page  int
	y     float64
	words []word
}

func (l line) text() string {
	parts := make([]string, len(l.words))
	for i, w := range l.words {
		parts[i] = w.s
	}
	return strings.Join(parts, " ")
}

// cells groups the words of a line into table cells: a gap wider than half
// the font size is a cell border rather than a word space.
func (l line) cells() (texts []string, xs []float64) {
	for i, w := range l.words {
		if i == 0 || w.gap > 0.5*w.size {
			texts = append(texts, w.s)
			xs = append(xs, w.x)
			continue
		}
		texts[len(texts)-1] += " " + w.s
	}
	return texts, xs
}

// pageLines extracts the text lines of a page from its glyph positions,
// recovering from the panics the PDF library raises on malformed content.
func pageLines(p pdf.Page, num int) (lines []line, err error) {
	defer func() {
		if r := recover(); r != nil {
			lines, err = nil, fmt.Errorf("contenu de la page illisible (%v)", r)
		}
	}()
	if p.V.IsNull() {
		return nil, fmt.Errorf("page absente de la structure du document")
	}
	glyphs := pageGlyphs(p)
	// Sort top to bottom, then left to right; glyphs of one baseline share a Y.
	sort.SliceStable(glyphs, func(i, j int) bool {
		if glyphs[i].y != glyphs[j].y {
			return glyphs[i].y > glyphs[j].y
		}
		return glyphs[i].x < glyphs[j].x
	})
	var cur *line
	var b strings.Builder
	var prevEnd float64
	var w word
	flush := func() {
		if b.Len() > 0 && cur != nil {
			w.s = b.String()
			cur.words = append(cur.words, w)
		}
		b.Reset()
	}
	for _, g := range glyphs {
		size := g.size
		if size == 0 {
			size = 1
		}
		if cur == nil || math.Abs(g.y-cur.y) > 0.4*size {
			flush()
			if cur != nil {
				lines = append(lines, *cur)
			}
			cur = &line{page: num, y: g.y}
			prevEnd = math.Inf(-1)
		}
		if unicode.IsSpace(g.r) || g.r == 0 {
			flush()
			prevEnd = math.Max(prevEnd, g.x+g.w)
			continue
		}
		gap := g.x - prevEnd
		if b.Len() > 0 && gap > 0.2*size {
			flush()
		}
		if b.Len() == 0 {
			w = word{x: g.x, gap: gap, size: size}
		}
		b.WriteRune(g.r)
		prevEnd = g.x + g.w
	}
	flush()
	if cur != nil {
		lines = append(lines, *cur)
	}
	for i := range lines {
		sort.SliceStable(lines[i].words, func(a, c int) bool { return lines[i].words[a].x < lines[i].words[c].x })
	}
	return lines, nil
}
