package rem

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

// headingScanRows is how far down a sheet the heading row is looked for
// (published workbooks put a title block above the table).
const headingScanRows = 30

// readXLSX reads a workbook in the published REM or Convergence layout.
func readXLSX(r io.ReaderAt, size int64, name string) (*Result, error) {
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    256 << 20,
		UnzipXMLSizeLimit: 16 << 20,
	})
	if err != nil {
		return nil, xlsxOpenError(err, name)
	}
	defer f.Close()

	sheet, rows, hm, err := findTable(f, name)
	if err != nil {
		return nil, err
	}
	rep := newReport(name, "xlsx")
	rep.Sheet, rep.Layout = sheet, hm.layout()
	b := newBuilder(&rep)
	head := hm.headRow
	last := len(rows) - 1
	for last > head && rowBlank(rows[last]) {
		last--
	}
	for i := head + 1; i <= last; i++ {
		b.add(hm.item(rows[i], fmt.Sprintf("feuille %s, ligne %d", sheet, i+1)))
	}
	cat, err := b.catalogue(fmt.Sprintf("la feuille « %s »", sheet))
	res := &Result{Catalogue: cat, Report: rep}
	if err != nil {
		return res, fmt.Errorf("« %s » : %w", name, err)
	}
	res.Report.count(cat)
	return res, nil
}

// xlsxOpenError turns excelize's opening errors into French sentences.
func xlsxOpenError(err error, name string) error {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zip.ErrChecksum):
		return fmt.Errorf("%w : le classeur « %s » est incomplet ou endommagé (%v). Téléchargez-le de nouveau ou réenregistrez-le depuis Excel", ErrTruncated, name, err)
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return fmt.Errorf("%w : le classeur « %s » est protégé par un mot de passe à l'ouverture. Retirez le mot de passe dans Excel puis importez-le de nouveau", ErrEncrypted, name)
	}
	return fmt.Errorf("%w : le classeur « %s » n'a pas pu être lu (%v). Vérifiez qu'il s'agit d'un fichier .xlsx valide", dossier.ErrUnsupportedFile, name, err)
}

// sheetTable is the heading map of a table with the row its headings are on.
type sheetTable struct {
	headingMap
	headRow int
}

// findTable picks the requirement sheet: the one named "Exigences", else
// the first whose headings are recognised; it returns its rows with
// merged cells filled in.
func findTable(f *excelize.File, name string) (string, [][]string, sheetTable, error) {
	sheets := f.GetSheetList()
	ordered := make([]string, 0, len(sheets))
	for _, s := range sheets {
		if dossier.Fold(s) == "exigences" {
			ordered = append([]string{s}, ordered...)
		} else {
			ordered = append(ordered, s)
		}
	}
	var emptyNamed string
	for _, s := range ordered {
		rows, err := f.GetRows(s)
		if err != nil {
			return "", nil, sheetTable{}, fmt.Errorf("%w : la feuille « %s » de « %s » est illisible (%v)", dossier.ErrUnsupportedFile, s, name, err)
		}
		if len(rows) == 0 || allBlank(rows) {
			if dossier.Fold(s) == "exigences" {
				emptyNamed = s
			}
			continue
		}
		if t, ok := headingRow(rows); ok {
			fillMerged(f, s, rows, t)
			return s, rows, t, nil
		}
	}
	if emptyNamed != "" {
		return "", nil, sheetTable{}, fmt.Errorf("%w : la feuille « %s » de « %s » est vide. Vérifiez que le fichier est bien le REM complet",
			dossier.ErrInvalid, emptyNamed, name)
	}
	return "", nil, sheetTable{}, fmt.Errorf("%w : aucune feuille de « %s » ne contient les en-têtes attendus (%s). Vérifiez qu'il s'agit du REM publié par l'ANS ou d'un export Convergence",
		dossier.ErrUnsupportedFile, name, expectedHeadings)
}

// headingRow finds the heading row among the first rows of a sheet.
func headingRow(rows [][]string) (sheetTable, bool) {
	best, bestAt := headingMap{}, -1
	for i := 0; i < len(rows) && i < headingScanRows; i++ {
		m := mapHeadings(rows[i])
		if m.usable() && m.known > best.known {
			best, bestAt = m, i
		}
	}
	return sheetTable{headingMap: best, headRow: bestAt}, bestAt >= 0
}

// fillMerged copies the value of each merged range into all its cells, so
// that a requirement merged over several scenario rows repeats its ID. The
// fill is bounded by the rows read and the table's columns.
func fillMerged(f *excelize.File, sheet string, rows [][]string, t sheetTable) {
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return
	}
	maxCol := 0
	for _, row := range rows[t.headRow : t.headRow+1] {
		maxCol = len(row)
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := m.GetCellValue()
		for r := max(r1, t.headRow+2); r <= r2 && r <= len(rows); r++ {
			for c := c1; c <= c2 && c <= maxCol; c++ {
				row := rows[r-1]
				for len(row) < c {
					row = append(row, "")
				}
				if row[c-1] == "" {
					row[c-1] = v
				}
				rows[r-1] = row
			}
		}
	}
}

// item reads one table row.
func (m headingMap) item(row []string, where string) item {
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
	}
	if it.nature == "" {
		it.nature = get(roleCriticity)
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

func rowBlank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func allBlank(rows [][]string) bool {
	for _, r := range rows {
		if !rowBlank(r) {
			return false
		}
	}
	return true
}
