package rem

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// colStart is a table column found on a heading line: its left edge and role.
type colStart struct {
	x    float64
	role role
}

// pdfRow gathers the text of one table row, which may run over several
// lines and pages, column by column.
type pdfRow struct {
	where string
	text  map[role][]string
}

// parseTable turns the lines of every page into items. When heading lines
// are found (a table with "N° exigence", "Énoncé"… headings), words are
// assigned to columns by position; otherwise each line that starts with a
// requirement ID opens a requirement and the text up to the next ID is its
// statement. It returns the layout used.
func parseTable(pages [][]line, b *builder, rep *Report) string {
	heads := make([][]colStart, len(pages))
	headY := make([]float64, len(pages))
	tableMode := false
	for i, lines := range pages {
		for _, l := range lines {
			if cols, ok := headingColumns(l); ok {
				heads[i], headY[i] = cols, l.y
				tableMode = true
				break
			}
		}
	}
	running := runningLines(pages)
	var cur *pdfRow
	flush := func() {
		if cur != nil {
			b.add(cur.item())
			cur = nil
		}
	}
	for i, lines := range pages {
		if lines == nil {
			continue
		}
		where := fmt.Sprintf("page %d", i+1)
		if tableMode && heads[i] == nil {
			rep.skip(where, "aucun tableau d'exigences sur cette page")
			continue
		}
		recognised := false
		for _, l := range lines {
			if tableMode && l.y >= headY[i] {
				continue // title block and the heading line itself
			}
			if running[runningKey(l)] || pageNumberLine.MatchString(l.text()) {
				continue
			}
			cols := heads[i]
			if !tableMode {
				cols = []colStart{{x: -1e9, role: roleStatement}}
			}
			byRole := assign(l, cols)
			idRole := roleID
			if !tableMode {
				idRole = roleStatement
			}
			if id, rest, ok := leadingID(byRole[idRole]); ok {
				flush()
				cur = &pdfRow{where: where, text: map[role][]string{}}
				byRole[idRole] = rest
				cur.text[roleID] = []string{id}
				recognised = true
			}
			if cur == nil {
				continue
			}
			for r, t := range byRole {
				if t != "" && r != roleID {
					cur.text[r] = append(cur.text[r], t)
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

// headingColumns recognises a table heading line.
func headingColumns(l line) ([]colStart, bool) {
	texts, xs := l.cells()
	m := mapHeadings(texts)
	if !m.usable() {
		return nil, false
	}
	var cols []colStart
	for i, t := range texts {
		cols = append(cols, colStart{x: xs[i], role: classify(t).role})
	}
	return cols, true
}

// assign gives each word of the line to the column whose left edge is the
// nearest on its left (with a little slack for centred text).
func assign(l line, cols []colStart) map[role]string {
	out := map[role]string{}
	for _, w := range l.words {
		k := 0
		for j, c := range cols {
			if w.x+0.5*w.size >= c.x {
				k = j
			}
		}
		r := cols[k].role
		if out[r] == "" {
			out[r] = w.s
		} else {
			out[r] += " " + w.s
		}
	}
	return out
}

// leadingID splits a requirement ID off the start of a cell's text.
func leadingID(s string) (id, rest string, ok bool) {
	s = strings.TrimSpace(s)
	first, rest, _ := strings.Cut(s, " ")
	if p, ok := parseReqID(first); ok {
		return p.Full, strings.TrimSpace(rest), true
	}
	return "", s, false
}

// runningLines finds running headers and footers: among the first and last
// lines of each page, those repeated at the same height (digits ignored) on
// more than half of the pages of a document of 2 pages or more.
func runningLines(pages [][]line) map[string]bool {
	out := map[string]bool{}
	if len(pages) < 2 {
		return out
	}
	counts := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		for i, l := range lines {
			if i >= runningDepth && i < len(lines)-runningDepth {
				continue
			}
			k := runningKey(l)
			if !seen[k] {
				seen[k] = true
				counts[k]++
			}
		}
	}
	for k, n := range counts {
		if n > len(pages)/2 {
			out[k] = true
		}
	}
	return out
}

// pageNumberLine matches a footer such as "Page 3", "3 / 60", "Page 3 sur 60".
var pageNumberLine = regexp.MustCompile(`^(?i:page)?\s*\d+\s*((/|sur)\s*\d+)?$`)

// runningDepth is how many lines at the top and bottom of a page may be a
// running header or footer.
const runningDepth = 3

func runningKey(l line) string {
	return fmt.Sprintf("%.0f|", l.y) + strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '#'
		}
		return r
	}, l.text())
}

// item turns the gathered columns into a builder item.
func (p *pdfRow) item() item {
	get := func(r role) string { return strings.Join(p.text[r], " ") }
	it := item{
		where:       p.where,
		id:          get(roleID),
		nature:      get(roleNature),
		conditional: get(roleConditional),
		profile:     get(roleProfile),
		statement:   get(roleStatement),
		bloc:        get(roleBloc),
		function:    get(roleFunction),
	}
	if it.nature == "" {
		it.nature = get(roleCriticity)
	}
	if it.nature == "" {
		it.nature = natureWord(it.statement)
	}
	if sec := get(roleSectionCode); sec != "" {
		it.sectionCode = sec
	}
	if sec := get(roleSection); sec != "" {
		if _, ok := sectionCode(sec); ok && it.sectionCode == "" {
			it.sectionCode = sec
		} else {
			it.sectionLabel = sec
		}
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
