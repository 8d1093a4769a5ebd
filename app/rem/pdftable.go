package rem

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfRow gathers the text of one table row, which may run over several
// lines and pages, column by column.
type pdfRow struct {
	where string
	text  map[role][]string
}

// tline is a text line of a page reduced to what the table reader keeps:
// its text cut into the cells of the page's table (one cell on a page
// without a table) and what tells a running header or footer.
type tline struct {
	key   string   // height and text, digits masked (runningKey)
	edge  bool     // among the first or last lines of its page
	text  string   // whole text
	cells []string // text per column
	after bool     // below the table's end on its page (pdftrailer.go)
}

// tpage is a page reduced to its lines.
type tpage struct {
	num   int
	roles []role // the roles of the cells; nil on a page without a table
	own   bool   // the table heading is on this page
	lines []tline
}

// tableReader reads a PDF table page by page: it keeps the text of each
// page cut into cells, never the glyphs, then builds the requirements once
// the running headers and footers are known.
type tableReader struct {
	pages  []tpage
	cols   []pdfColumn    // the last heading seen, for pages without one
	band   []string       // the text of its lines, to find it again at once
	counts map[string]int // running keys: on how many pages each occurs
	text   int            // pages with text
}

func newTableReader() *tableReader { return &tableReader{counts: map[string]int{}} }

// addPage reduces a page's lines (top to bottom) to table lines.
func (t *tableReader) addPage(num int, lines []line) {
	t.text++
	texts, keys := make([]string, len(lines)), make([]string, len(lines))
	seen := map[string]bool{}
	for i, l := range lines {
		texts[i] = l.text()
		keys[i] = runningKey(l.y, texts[i])
		if isEdge(i, len(lines)) && !seen[keys[i]] {
			seen[keys[i]] = true
			t.counts[keys[i]]++
		}
	}
	p := tpage{num: num}
	start := 0
	if at := t.sameHeading(lines, texts); at >= 0 {
		p.own, start = true, at+len(t.band)
	} else if h, ok := findHeading(lines); ok {
		t.cols, p.own, start = h.cols, true, h.last+1
		t.band = t.band[:0]
		for i := h.first; i <= h.last; i++ {
			t.band = append(t.band, bandKey(lines[i], texts[i]))
		}
	}
	var cells [][]string
	after := len(lines)
	if t.cols != nil {
		p.roles = make([]role, len(t.cols))
		for i, c := range t.cols {
			p.roles[i] = c.role
		}
		cells, after = tableCells(t.cols, lines, start)
	}
	for i := start; i < len(lines); i++ {
		tl := tline{key: keys[i], edge: isEdge(i, len(lines)), text: texts[i], after: i >= after}
		if cells == nil {
			tl.cells = []string{tl.text}
		} else {
			tl.cells = cells[i]
		}
		p.lines = append(p.lines, tl)
	}
	t.pages = append(t.pages, p)
}

// sameHeading is the index of the first line of the heading band of the
// previous table page when this page repeats it word for word (the usual
// case, which spares the search), or -1.
func (t *tableReader) sameHeading(lines []line, texts []string) int {
	if len(t.band) == 0 {
		return -1
	}
Lines:
	for i := 0; i+len(t.band) <= len(texts); i++ {
		for k, key := range t.band {
			if texts[i+k] != key[strings.IndexByte(key, '|')+1:] || bandKey(lines[i+k], texts[i+k]) != key {
				continue Lines
			}
		}
		return i
	}
	return -1
}

// bandKey is a heading line's place (its left end) and text.
func bandKey(l line, text string) string {
	return strconv.Itoa(int(math.Round(l.words[0].x))) + "|" + text
}

// gutterLines are the body lines (from start) that show where the table's
// columns lie: those at the top and bottom edges of the page, where running
// headers and footers run across the columns, count only when they start
// with a requirement ID.
func gutterLines(lines []line, start int) []line {
	var out []line
	for i := start; i < len(lines); i++ {
		l := lines[i]
		if isEdge(i, len(lines)) {
			if _, _, ok := leadingID(l.text()); !ok {
				continue
			}
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return lines[start:]
	}
	return out
}

// isEdge tells whether line i of n is among the first or last runningDepth
// lines of its page.
func isEdge(i, n int) bool { return i < runningDepth || i >= n-runningDepth }

// finish builds the requirements from the pages read and returns the
// layout used. When a table heading was found, words are assigned to
// columns by position and pages before the first heading are skipped;
// otherwise each line that starts with a requirement ID opens a
// requirement and the text up to the next ID is its statement.
func (t *tableReader) finish(b *builder, rep *Report) string {
	running := map[string]bool{}
	if t.text >= 2 {
		for k, n := range t.counts {
			if n > t.text/2 {
				running[k] = true
			}
		}
	}
	tableMode := false
	for _, p := range t.pages {
		tableMode = tableMode || p.own
	}
	var cur *pdfRow
	flush := func() {
		if cur != nil {
			b.add(cur.item())
			cur = nil
		}
	}
	for _, p := range t.pages {
		where := fmt.Sprintf("page %d", p.num)
		if tableMode && p.roles == nil {
			rep.skip(where, "aucun tableau d'exigences sur cette page")
			continue
		}
		if !p.own && tableMode && !hasID(p) {
			flush() // a page after the table, not a continuation of it
			rep.skip(where, "aucune exigence reconnue sur cette page")
			continue
		}
		recognised, ended := false, false
		for _, l := range p.lines {
			if running[l.key] || pageNumber(l) {
				continue
			}
			if l.after {
				if !ended {
					flush() // the table ends on this page
					rep.skip(where, "texte après le tableau")
					ended = true
				}
				continue
			}
			byRole := map[role]string{}
			if tableMode {
				for i, c := range l.cells {
					if c != "" && byRole[p.roles[i]] == "" {
						byRole[p.roles[i]] = c
					} else if c != "" {
						byRole[p.roles[i]] += " " + c
					}
				}
				if id := byRole[roleID]; id != "" {
					if full, _, ok := leadingID(id); ok {
						id = full
					}
					if parts := cur.idParts(id); parts != nil {
						cur.text[roleID] = parts // an ID wrapped in its cell
					} else {
						flush()
						cur = &pdfRow{where: where, text: map[role][]string{roleID: {id}}}
					}
					delete(byRole, roleID)
					recognised = true
				}
			} else if id, rest, ok := leadingID(l.cells[0]); ok {
				flush()
				cur = &pdfRow{where: where, text: map[role][]string{roleID: {id}}}
				byRole[roleStatement] = rest
				recognised = true
			} else {
				byRole[roleStatement] = l.cells[0]
			}
			if cur == nil {
				continue
			}
			for r, s := range byRole {
				if s != "" {
					cur.text[r] = append(cur.text[r], s)
					recognised = true
				}
			}
		}
		if !recognised {
			rep.skip(where, "aucune exigence reconnue sur cette page")
		}
	}
	flush()
	if tableMode {
		return "pdf-table"
	}
	return "pdf-text"
}

// hasID tells whether a table page has a requirement ID in its ID column.
func hasID(p tpage) bool {
	for _, l := range p.lines {
		for i, c := range l.cells {
			if p.roles[i] == roleID && c != "" {
				if _, ok := parseReqID(c); ok {
					return true
				}
			}
		}
	}
	return false
}

// idParts is the row's ID cell continued by next when the cell so far is
// not an ID and the two together are one (an ID wrapped in a narrow
// column: "SC.DMP/" over "HISTO.01"); nil otherwise.
func (p *pdfRow) idParts(next string) []string {
	if p == nil {
		return nil
	}
	have := p.text[roleID]
	if _, ok := parseReqID(strings.Join(have, "")); ok {
		return nil
	}
	parts := append(have[:len(have):len(have)], next)
	if _, ok := parseReqID(strings.Join(parts, "")); !ok {
		return nil
	}
	return parts
}

// leadingID splits a requirement ID off the start of a line: its first
// word, or its first two or three words when a stray space cuts the ID
// ("SC. DMP/HISTO.01").
func leadingID(s string) (id, rest string, ok bool) {
	words := strings.Fields(s)
	for n := 1; n <= 3 && n <= len(words); n++ {
		if p, ok := parseReqID(strings.Join(words[:n], "")); ok {
			return p.Full, strings.Join(words[n:], " "), true
		}
	}
	return "", s, false
}

// pageNumberLine matches a footer such as "Page 3", "3 / 60", "Page 3 sur 60".
var pageNumberLine = regexp.MustCompile(`^(?i:page)?\s*\d+\s*((/|sur)\s*\d+)?$`)

// pageNumberEnd matches the end of a footer that numbers its page
// ("Agence du Numérique en Santé – Classification : Publique – page 10").
var pageNumberEnd = regexp.MustCompile(`(?i)(^|[\s\x{2013}\x{2014}|-])page\s*\d+(\s*(/|sur)\s*\d+)?$`)

// pageNumber tells whether l is a page number line, or a line at the
// edge of its page that ends with its page number.
func pageNumber(l tline) bool {
	return pageNumberLine.MatchString(l.text) || (l.edge && pageNumberEnd.MatchString(l.text))
}

// runningDepth is how many lines at the top and bottom of a page may be a
// running header or footer.
const runningDepth = 3

// runningKey is a line's height (to the nearest 2 points) and text with
// digits masked: a running header or footer has the same key on every
// page, whatever the page number.
func runningKey(y float64, text string) string {
	b := strconv.AppendInt(make([]byte, 0, len(text)+8), int64(math.Round(y/2)), 10)
	b = append(b, '|')
	for _, r := range text {
		if unicode.IsDigit(r) {
			r = '#'
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// item turns the gathered columns into a builder item, read as a
// spreadsheet row is: each column's lines joined. A PDF table may lack a
// nature column (then the criticity, or the DOIT/PEUT of the statement,
// tells it) and write a section code under the heading "Section".
func (p *pdfRow) item() item {
	m := headingMap{col: map[role]int{}}
	row := make([]string, 0, len(p.text))
	for r, parts := range p.text {
		m.col[r] = len(row)
		row = append(row, strings.Join(parts, " "))
	}
	it := m.rowItem(row, p.where)
	if it.nature == "" && len(p.text[roleCriticity]) > 0 {
		it.nature = strings.Join(p.text[roleCriticity], " ")
	}
	if it.nature == "" {
		it.nature = natureWord(it.statement)
	}
	if _, ok := sectionCode(it.sectionLabel); ok && it.sectionCode == "" {
		it.sectionCode, it.sectionLabel = it.sectionLabel, ""
	}
	return it
}

// natureWord finds a standalone nature word in running text (PDF without
// a nature column).
func natureWord(s string) string {
	for _, w := range strings.Fields(s) {
		switch strings.Trim(w, ".,;:()") {
		case "PRECONISATION", "PRÉCONISATION", "PEUT":
			return "preconisation"
		case "EXIGENCE", "DOIT":
			return "exigence"
		}
	}
	return ""
}
