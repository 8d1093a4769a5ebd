package rem

import (
	"math"
	"sort"
	"strings"
)

// pdfColumn is a table column found from its heading: the horizontal
// extent of the heading's words and the column's role.
type pdfColumn struct {
	x0, x1 float64
	role   role
}

// heading is the heading band of a table page: its columns and the lines
// it spans (indexes into the page's lines, top to bottom).
type heading struct {
	cols        []pdfColumn
	first, last int
}

// findHeading finds the heading band of a page: the topmost line whose
// cells, together with the heading lines just above or below it (a
// heading that wraps: "N°" over "exigence"), name an ID and a statement
// column. Cells are grouped by horizontal overlap across the band's lines,
// so each column is told by the position of its heading words.
func findHeading(lines []line) (heading, bool) {
	only, some := make([]bool, len(lines)), make([]bool, len(lines))
	for i, l := range lines {
		only[i], some[i] = headingVocabulary(l)
	}
	for i := range lines {
		if !some[i] {
			continue
		}
		last := i
		for last+1 < len(lines) && last-i < 3 && adjacent(lines[last], lines[last+1]) && only[last+1] {
			last++
		}
		first := i
		for first > 0 && i-first < 2 && adjacent(lines[first-1], lines[first]) && only[first-1] {
			first--
		}
		for _, f := range []int{i, first} {
			cols := headingCells(lines[f : last+1])
			texts := make([]string, len(cols))
			for k, c := range cols {
				texts[k] = c.text
			}
			if m := mapHeadings(texts); m.usable() {
				h := heading{first: f, last: last}
				for _, c := range cols {
					h.cols = append(h.cols, pdfColumn{x0: c.x0, x1: c.x1, role: classify(c.text).role})
				}
				return h, true
			}
		}
	}
	return heading{}, false
}

// adjacent tells whether b is the line right below a in the same paragraph
// or cell (line spacing, not a gap between rows).
func adjacent(a, b line) bool {
	size := 0.0
	for _, w := range a.words {
		size = math.Max(size, w.size)
	}
	return a.y-b.y <= 1.6*size
}

// headingWords are the words of the ANS's column headings, folded.
var headingWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`n no numero exigence exigences conditionnelle oui non profil profils
		id identifiant section code bloc fonction fonctionnel fonctionnalite nature de d l la le les du des
		enonce doit ou preconisation peut scenario scenarios conformite preuve preuves reference ref
		criticite libelle intitule chapitre domaine type statut commentaire perimetre attendue texte et
		historique ordre publication va s concerne concernes`) {
		m[w] = true
	}
	return m
}()

// headingVocabulary tells whether every word of l is a heading word or a
// number (only), and whether one is a heading word (some).
func headingVocabulary(l line) (only, some bool) {
	only = true
	for _, f := range strings.Fields(normHeading(l.text())) {
		switch {
		case headingWords[f]:
			some = true
		case strings.Trim(f, "0123456789") != "":
			only = false
		}
	}
	return only, some
}

// headCell is a heading cell: its words' extent and text.
type headCell struct {
	x0, x1 float64
	text   string
}

// headingCells groups the words of the band's lines into cells: words
// whose horizontal extents overlap or nearly touch (less than half the
// font size apart) are one cell; its text reads top to bottom.
func headingCells(band []line) []headCell {
	type placed struct {
		w    word
		line int
	}
	var ws []placed
	for i, l := range band {
		for _, w := range l.words {
			ws = append(ws, placed{w, i})
		}
	}
	sort.SliceStable(ws, func(a, b int) bool { return ws[a].w.x < ws[b].w.x })
	var cells []headCell
	var group []placed
	flush := func() {
		if len(group) == 0 {
			return
		}
		sort.SliceStable(group, func(a, b int) bool {
			if group[a].line != group[b].line {
				return group[a].line < group[b].line
			}
			return group[a].w.x < group[b].w.x
		})
		c := headCell{x0: math.Inf(1), x1: math.Inf(-1)}
		parts := make([]string, len(group))
		for k, p := range group {
			c.x0, c.x1 = math.Min(c.x0, p.w.x), math.Max(c.x1, p.w.end)
			parts[k] = p.w.s
		}
		c.text = strings.Join(parts, " ")
		cells = append(cells, c)
		group = group[:0]
	}
	end := math.Inf(-1)
	for _, p := range ws {
		if len(group) > 0 && p.w.x > end+0.5*p.w.size {
			flush()
			end = math.Inf(-1)
		}
		group = append(group, p)
		end = math.Max(end, p.w.end)
	}
	flush()
	return cells
}

// boundaries places the border between each pair of neighbouring columns
// in the widest vertical gap that the body's words leave between the two
// headings: a heading may be centred or left-aligned, its column's text
// always lies between the borders. Without such a gap, the border is
// halfway between the headings. bounds[i] is the left border of cols[i+1].
func boundaries(cols []pdfColumn, body []line) []float64 {
	bounds := make([]float64, 0, len(cols))
	for i := 1; i < len(cols); i++ {
		lo, hi := cols[i-1].x1, cols[i].x0
		if lo >= hi {
			bounds = append(bounds, hi)
			continue
		}
		var spans [][2]float64
		for _, l := range body {
			for _, w := range l.words {
				if w.end > lo && w.x < hi {
					spans = append(spans, [2]float64{math.Max(w.x, lo), math.Min(w.end, hi)})
				}
			}
		}
		bounds = append(bounds, widestGap(spans, lo, hi))
	}
	return bounds
}

// widestGap is the middle of the widest stretch of [lo, hi] that no span
// covers, or the middle of [lo, hi] when the spans cover it all.
func widestGap(spans [][2]float64, lo, hi float64) float64 {
	sort.Slice(spans, func(a, b int) bool { return spans[a][0] < spans[b][0] })
	best, bestW := (lo+hi)/2, 0.0
	at := lo
	for _, s := range append(spans, [2]float64{hi, hi}) {
		if s[0]-at > bestW {
			best, bestW = (at+s[0])/2, s[0]-at
		}
		at = math.Max(at, s[1])
	}
	return best
}

// colAt is the index of the column a word starting at x belongs to.
func colAt(bounds []float64, x float64) int {
	return sort.Search(len(bounds), func(i int) bool { return bounds[i] > x })
}
