package rem

import (
	"archive/zip"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

// Budgets of work on one workbook, far above the ANS's largest real file
// (six REMs, 1,712 rows in its largest sheet, about 3,000 in all): a
// hostile file stops with a clear message instead of exhausting memory.
const (
	maxRows        = 100_000   // non-blank rows read, all sheets together
	maxCells       = 4_000_000 // cells read or filled from merged ranges
	maxCols        = 512       // columns of a row considered
	maxSheets      = 64        // sheets examined
	headingScanRow = 30        // non-blank rows searched for the headings
	idSampleRows   = 64        // data rows sampled to choose the ID column
)

// budget counts the work done on a workbook.
type budget struct {
	name        string
	rows, cells int
}

func (b *budget) row(cells int) error {
	b.rows++
	b.cells += cells
	switch {
	case b.rows > maxRows:
		return dossier.ED(dossier.FaultTooLarge, b.name, "plus de "+spaced(maxRows)+" lignes", nil)
	case b.cells > maxCells:
		return dossier.ED(dossier.FaultTooLarge, b.name, "plus de "+spaced(maxCells)+" cellules", nil)
	}
	return nil
}

// sheetScan is what reading one sheet gave: its table layout, the rows
// grouped by REM, and the first rows (shown when no heading matches).
type sheetScan struct {
	name    string
	hm      headingMap
	found   bool
	set     *remSet
	preview []string // the fullest of the first rows, when no table was found
	// business holds the rows of a business scenarios sheet, applied to
	// the requirements of the table once it is read.
	business [][]string
}

// scanSheet streams a sheet: finds its heading row (or applies the user's
// mapping), fills merged ranges, and feeds every data row to a remSet.
func scanSheet(f *excelize.File, zr *zip.Reader, part, sheet string, cols Columns, bud *budget) (*sheetScan, error) {
	sc := &sheetScan{name: sheet, set: newRemSet(bud.name)}
	merges, tooMany := readMerges(zr, part)
	if tooMany {
		return nil, dossier.ED(dossier.FaultTooLarge, bud.name, "plus de "+spaced(maxMerges)+" plages de cellules fusionnées", nil)
	}
	mf := newMergeFill(merges)
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, dossier.E(dossier.FaultCorruptFile, bud.name, err)
	}
	defer rows.Close()
	var (
		rowNum, seen, blanks int
		sample               [][]string
		sampleAt             []int
	)
	flushBlanks := func() {
		if blanks > 0 && sc.found {
			where := fmt.Sprintf("feuille %s, ligne %d", sheet, rowNum-blanks)
			if blanks > 1 {
				where = fmt.Sprintf("feuille %s, lignes %d à %d", sheet, rowNum-blanks, rowNum-1)
			}
			sc.set.skipBlank(where)
		}
		blanks = 0
	}
	emit := func(cells []string, at int) {
		sc.set.add(sc.hm.rowItem(cells, fmt.Sprintf("feuille %s, ligne %d", sheet, at)))
	}
	for rows.Next() {
		rowNum++
		cells, err := rows.Columns()
		if err != nil {
			return nil, dossier.E(dossier.FaultCorruptFile, bud.name, err)
		}
		if len(cells) > maxCols {
			cells = cells[:maxCols]
		}
		filled, err := mf.fill(rowNum, cells, sc.found, bud)
		if err != nil {
			return nil, err
		}
		cells = filled
		if rowBlank(cells) {
			blanks++
			continue
		}
		if err := bud.row(len(cells)); err != nil {
			return nil, err
		}
		if !sc.found {
			seen++
			if countFilled(cells) > countFilled(sc.preview) {
				sc.preview = cells
			}
			if cols != nil {
				sc.hm, sc.found = cols.headingMap(cells), true
				sc.hm.idChosen = true
				if id, ok := sc.hm.col[roleID]; ok && id < len(cells) && looksLikeID(cells[id]) {
					sc.hm.names = nil // no heading row: this row is data
					emit(cells, rowNum)
				}
			} else if m := mapHeadings(cells); m.business() || m.usable() {
				sc.hm, sc.found = m, true
				sc.hm.idChosen = m.business()
			} else if seen >= headingScanRow {
				return sc, nil // not a requirement table
			}
			blanks = 0
			continue
		}
		flushBlanks()
		if sc.hm.business() {
			sc.business = append(sc.business, cells)
			continue
		}
		if !sc.hm.idChosen {
			sample, sampleAt = append(sample, cells), append(sampleAt, rowNum)
			if len(sample) == idSampleRows {
				sc.hm.chooseID(sample)
				for i, r := range sample {
					emit(r, sampleAt[i])
				}
				sample, sampleAt = nil, nil
			}
			continue
		}
		emit(cells, rowNum)
	}
	if err := rows.Error(); err != nil {
		return nil, dossier.E(dossier.FaultCorruptFile, bud.name, err)
	}
	if sc.found && !sc.hm.idChosen {
		sc.hm.chooseID(sample)
		for i, r := range sample {
			emit(r, sampleAt[i])
		}
	}
	return sc, nil
}

func countFilled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// mergeFill copies the value of each merged range into all its cells as
// rows stream by, so that a requirement merged over several scenario rows
// repeats its ID and statement.
type mergeFill struct {
	pending []mergeRange // sorted by first row, not started yet
	active  []mergeRange
	value   map[mergeRange]string
}

func newMergeFill(ms []mergeRange) *mergeFill {
	sort.Slice(ms, func(i, j int) bool { return ms[i].r1 < ms[j].r1 })
	return &mergeFill{pending: ms, value: map[mergeRange]string{}}
}

// fill completes row r (1-based): ranges starting on it take their value
// from it; cells of ranges started above are filled when empty, once the
// table has started (fill is false before). The work counts on the budget.
func (m *mergeFill) fill(r int, cells []string, fill bool, bud *budget) ([]string, error) {
	for len(m.pending) > 0 && m.pending[0].r1 <= r {
		g := m.pending[0]
		m.pending = m.pending[1:]
		if g.r1 == r && g.c1 <= len(cells) && g.c1 <= maxCols {
			m.value[g] = cells[g.c1-1]
		}
		if g.r1 == r && (g.c2 > g.c1 || g.r2 > g.r1) {
			m.active = append(m.active, g)
		}
	}
	kept := m.active[:0]
	for _, g := range m.active {
		if g.r2 < r {
			delete(m.value, g)
			continue
		}
		kept = append(kept, g)
		v := m.value[g]
		if !fill || v == "" {
			continue
		}
		last := min(g.c2, maxCols)
		bud.cells += last - g.c1 + 1
		if bud.cells > maxCells {
			return nil, dossier.ED(dossier.FaultTooLarge, bud.name, "plus de "+spaced(maxCells)+" cellules", nil)
		}
		for len(cells) < last {
			cells = append(cells, "")
		}
		for c := g.c1; c <= last; c++ {
			if cells[c-1] == "" {
				cells[c-1] = v
			}
		}
	}
	m.active = kept
	return cells, nil
}

// rowItem reads one table row.
func (m headingMap) rowItem(row []string, where string) item {
	get := func(r role) string {
		if i, ok := m.col[r]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	cell := func(i int) string {
		if i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	it := item{
		where:        where,
		id:           get(roleID),
		sectionCode:  get(roleSectionCode),
		sectionLabel: get(roleSection),
		nature:       get(roleNature),
		conditional:  get(roleConditional),
		profile:      get(roleProfile),
		statement:    get(roleStatement),
		bloc:         get(roleBloc),
		function:     get(roleFunction),
		scenarioID:   get(roleScenarioID),
		scenarioText: get(roleScenario),
		perimeter:    get(rolePerimeter),
		status:       get(roleStatus),
		previous:     get(rolePrevious),
	}
	if len(m.proofIDs) == 0 && len(m.proofs) == 1 {
		it.proofs = splitProofs(cell(m.proofs[1]))
		return it
	}
	for rank := 1; rank < 100; rank++ {
		ic, okID := m.proofIDs[rank]
		tc, okText := m.proofs[rank]
		if !okID && !okText {
			if rank > len(m.proofIDs)+len(m.proofs) {
				break
			}
			continue
		}
		p := dossier.ProofSlot{}
		if okID {
			p.ID = cell(ic)
		}
		if okText {
			p.Text = cell(tc)
		}
		if p.ID != "" || p.Text != "" {
			it.proofs = append(it.proofs, p)
		}
	}
	return it
}

// splitProofs reads a proof cell that holds several numbered proofs, one
// per line, as "N° : text" ("APCV.01.01.01 : Justificatif…"); lines
// without a number continue the proof above. A cell without numbers is one
// proof.
func splitProofs(s string) []dossier.ProofSlot {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []dossier.ProofSlot
	for _, line := range strings.Split(plainText(s), "\n") {
		num, text, ok := strings.Cut(line, ":")
		if id, isID := normalizeID(num); ok && isID {
			out = append(out, dossier.ProofSlot{ID: id, Text: strings.TrimSpace(text)})
			continue
		}
		if len(out) == 0 {
			out = append(out, dossier.ProofSlot{})
		}
		last := &out[len(out)-1]
		last.Text = strings.TrimSpace(last.Text + "\n" + line)
	}
	return out
}

func rowBlank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// spaced writes n with a narrow non-breaking space between thousands, as
// French does (the limits quoted in errors).
func spaced(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	return b.String()
}
