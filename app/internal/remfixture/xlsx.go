package remfixture

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Layout is one of the two ANS spreadsheet layouts.
type Layout int

const (
	// Published is the REM workbook the ANS publishes: one row per
	// scenario, proofs in "N° preuve k"/"Preuve k" columns, requirement
	// cells merged over the scenario rows.
	Published Layout = iota
	// Convergence is the platform export: one row per requirement ×
	// scenario × proof, every cell repeated.
	Convergence
)

// XLSXOptions adds the quirks of real files to a generated workbook.
type XLSXOptions struct {
	TitleRows   int    // rows of title block above the headings
	Protect     bool   // sheet protection, as on published workbooks
	NoIDRow     bool   // a row with a statement but no ID after the 2nd requirement
	BlankRow    bool   // an empty row after the 3rd requirement
	Duplicate   bool   // the 1st requirement repeated at the end, same statement
	Conflict    bool   // the 1st requirement repeated at the end, other statement
	Password    string // encrypt the workbook
	OtherSheets bool   // a "Scénarios coeur de métier" sheet before the table
}

var publishedHeadings = func() []string {
	h := []string{"Exigence conditionnelle", "Profil", "ID Section", "Section", "Bloc", "Fonction",
		"Nature de l'exigence", "N° exigence", "Énoncé (DOIT) ou préconisation (PEUT)", "N° scénario", "Scénario de conformité"}
	for k := 1; k <= 10; k++ {
		h = append(h, fmt.Sprintf("N° preuve %d", k), fmt.Sprintf("Preuve %d", k))
	}
	return h
}()

var convergenceHeadings = []string{"Périmètre", "ID", "Chapitre", "Fonction", "Exigence", "Commentaire", "Profil",
	"N° scénario", "Scénario de conformité", "N° preuve", "Preuve", "Profil historique", "Criticité", "Ordre"}

// WriteXLSX writes reqs as a workbook in the given layout, sheet "Exigences".
func WriteXLSX(w io.Writer, reqs []Req, layout Layout, o XLSXOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Exigences"
	if o.OtherSheets {
		if err := f.SetSheetName("Sheet1", "Scénarios coeur de métier"); err != nil {
			return err
		}
		if err := f.SetSheetRow("Scénarios coeur de métier", "A1", &[]any{"Scénario", "Description"}); err != nil {
			return err
		}
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
	} else if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	row := 1
	put := func(cells []any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return f.SetSheetRow(sheet, cell, &cells)
	}
	for i := 0; i < o.TitleRows; i++ {
		if err := put([]any{fmt.Sprintf("Référentiel d'exigences minimales — ligne de titre %d", i+1)}); err != nil {
			return err
		}
	}
	headings := publishedHeadings
	if layout == Convergence {
		headings = convergenceHeadings
	}
	hs := make([]any, len(headings))
	for i, h := range headings {
		hs[i] = h
	}
	if err := put(hs); err != nil {
		return err
	}
	all := reqs
	if (o.Duplicate || o.Conflict) && len(reqs) > 0 {
		d := reqs[0]
		if o.Conflict {
			d.Statement = "Un autre énoncé pour le même identifiant."
		}
		all = append(append([]Req(nil), reqs...), d)
	}
	for i, r := range all {
		var err error
		if layout == Published {
			err = writePublished(f, sheet, &row, r)
		} else {
			err = writeConvergence(put, r, i)
		}
		if err != nil {
			return err
		}
		if o.NoIDRow && i == 1 {
			if err := put(noIDRow(layout)); err != nil {
				return err
			}
		}
		if o.BlankRow && i == 2 {
			row++
		}
	}
	if o.Protect {
		if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{Password: "ans", EditScenarios: false}); err != nil {
			return err
		}
	}
	if o.Password != "" {
		return f.Write(w, excelize.Options{Password: o.Password})
	}
	return f.Write(w)
}

func noIDRow(layout Layout) []any {
	if layout == Published {
		return []any{"NON", "", "INS", "Identité", "", "", "EXIGENCE", "", "Énoncé orphelin sans numéro d'exigence."}
	}
	return []any{"Socle", "", "Identité", "", "Énoncé orphelin sans numéro d'exigence."}
}

func writePublished(f *excelize.File, sheet string, row *int, r Req) error {
	cond, nature := "NON", "EXIGENCE"
	if r.Profile != "" {
		cond = "OUI"
	}
	if r.Preco {
		nature = "PRECONISATION"
	}
	first := *row
	for k, sc := range r.Scenarios {
		cells := []any{cond, r.Profile, r.Section, r.SectionLabel, "Bloc " + r.Section, "Fonction", nature, r.ID, r.Statement, sc.ID, sc.Text}
		if k > 0 { // merged cells keep their value in the top-left cell only
			cells = []any{nil, nil, nil, nil, nil, nil, nil, nil, nil, sc.ID, sc.Text}
		}
		for _, p := range sc.Proofs {
			cells = append(cells, p, "Preuve "+p)
		}
		cell, _ := excelize.CoordinatesToCellName(1, *row)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
		*row++
	}
	if last := *row - 1; last > first {
		for c := 1; c <= 9; c++ {
			top, _ := excelize.CoordinatesToCellName(c, first)
			bottom, _ := excelize.CoordinatesToCellName(c, last)
			if err := f.MergeCell(sheet, top, bottom); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeConvergence(put func([]any) error, r Req, order int) error {
	crit := "Exigence"
	if r.Preco {
		crit = "Préconisation"
	}
	perim := "Socle commun"
	for _, sc := range r.Scenarios {
		for _, p := range sc.Proofs {
			if err := put([]any{perim, r.ID, r.SectionLabel, "Fonction", r.Statement, "", r.Profile,
				sc.ID, sc.Text, p, "Preuve " + p, "", crit, order + 1}); err != nil {
				return err
			}
		}
	}
	return nil
}
