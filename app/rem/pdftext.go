package rem

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
)

// word is a run of glyphs on a line, with the position of its first glyph,
// the end of its last one, and the gap that precedes it (to tell a word
// space from a cell border).
type word struct {
	x, end, gap, size float64
	s                 string
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

// errUnreadablePage is a page whose content the PDF library cannot
// interpret; the page is skipped, the rest of the document read.
var errUnreadablePage = errors.New("unreadable page content")

// readPage extracts the text lines of a page. It recovers from the panics
// the PDF library raises on malformed content (errUnreadablePage) and
// from the budget's (a limitError, which ends the import).
func readPage(p pdfPage, num int, doc *docCache, b *pdfBudget) (lines []line, err error) {
	defer func() {
		if r := recover(); r != nil {
			if le, ok := r.(limitError); ok {
				lines, err = nil, le
				return
			}
			lines, err = nil, fmt.Errorf("%w: %v", errUnreadablePage, r)
		}
	}()
	lines = pageLines(pageGlyphs(p, doc, b), num)
	if len(lines) > maxPageLines {
		return nil, errLimitPage
	}
	return lines, nil
}

// pageLines groups the glyphs of a page into lines of words.
func pageLines(glyphs []glyph, num int) (lines []line) {
	// Sort top to bottom, then left to right; glyphs of one baseline share a Y.
	// A stable sort keeps the drawing order of glyphs drawn at one place
	// (a ligature's letters), and is fast on glyphs drawn mostly in order.
	slices.SortStableFunc(glyphs, func(a, b glyph) int {
		switch {
		case a.y > b.y:
			return -1
		case a.y < b.y:
			return 1
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	var cur *line
	var b strings.Builder
	var prevEnd float64
	var w word
	flush := func() {
		if b.Len() > 0 && cur != nil {
			w.s, w.end = b.String(), prevEnd
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
		slices.SortStableFunc(lines[i].words, func(a, c word) int { return cmp.Compare(a.x, c.x) })
	}
	return lines
}
