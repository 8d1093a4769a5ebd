package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

// convergenceHeadings are the columns of the Convergence workbook (sheet
// "Exigences"), in order, followed by the columns the app adds: the files,
// the status, and who validated the requirement and when (UTC).
func convergenceHeadings() []string {
	return []string{"Périmètre", "ID", "Chapitre", "Fonction", "Exigence", "Commentaire", "Profil",
		"N° scénario", "Scénario de conformité", "N° preuve", "Preuve", "Profil historique", "Criticité", "Ordre",
		"Fichiers", "Statut", "Validée par", "Validée le"}
}

// convergenceRank orders sections as the Convergence export does: INS,
// DMP, MSS, PSC, ANN, TBB, HOP, DOC, PORT, EPR, then the others in
// catalogue order.
func convergenceRank(code string) int {
	for i, c := range []string{"INS", "DMP", "MSS", "PSC", "ANN", "TBB", "HOP", "DOC", "PORT", "EPR"} {
		if c == code {
			return i
		}
	}
	return 100
}

// workbookRow is one requirement × proof line.
type workbookRow struct {
	req      *dossier.Requirement
	scenario dossier.Scenario
	slot     dossier.ProofSlot
	files    []string
}

// workbookRows lists one row per applicable requirement × proof slot, or
// one row per requirement that defines no proof slot. Files answering no
// slot of their requirement are listed on its first row.
func workbookRows(p *plan) []workbookRow {
	reqs := append([]*dossier.Requirement(nil), p.reqs...)
	secIndex := map[string]int{}
	for i, s := range p.snap.Catalogue.Sections {
		secIndex[s.Code] = i
	}
	sort.SliceStable(reqs, func(i, j int) bool {
		ri, rj := convergenceRank(reqs[i].Section), convergenceRank(reqs[j].Section)
		if ri != rj {
			return ri < rj
		}
		return secIndex[reqs[i].Section] < secIndex[reqs[j].Section]
	})
	var rows []workbookRow
	for _, req := range reqs {
		entries := p.entriesOf(req.ID)
		first := len(rows)
		used := map[*entry]bool{}
		for _, sc := range req.Scenarios {
			for _, sl := range sc.Proofs {
				row := workbookRow{req: req, scenario: sc, slot: sl}
				for _, e := range entries {
					if e.ev.ProofID == sl.ID {
						row.files = append(row.files, e.path)
						used[e] = true
					}
				}
				rows = append(rows, row)
			}
		}
		if len(rows) == first {
			rows = append(rows, workbookRow{req: req})
		}
		var rest []string
		for _, e := range entries {
			if !used[e] {
				rest = append(rest, e.path)
			}
		}
		rows[first].files = append(rest, rows[first].files...)
	}
	return rows
}

// writeWorkbook writes the Convergence-layout workbook with excelize's
// stream writer.
func writeWorkbook(w io.Writer, p *plan, stamp string) error {
	f := excelize.NewFile()
	defer f.Close()
	// The package's stamp (draft flag and identity, see stampOf) in the
	// document's keywords: verify checks it against manifest.json.
	if err := f.SetDocProps(&excelize.DocProperties{Keywords: stamp}); err != nil {
		return err
	}
	const sheet = "Exigences"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := []float64{10, 16, 24, 18, 60, 40, 22, 16, 40, 18, 40, 14, 14, 8, 60, 14, 20, 18}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	head := make([]any, 0, len(convergenceHeadings()))
	for _, h := range convergenceHeadings() {
		head = append(head, h)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	cat := p.snap.Catalogue
	perimeter := cat.Software
	if perimeter == "" {
		perimeter = cat.Corridor
	}
	for i, r := range workbookRows(p) {
		st := dossier.StateOf(p.snap.States, r.req.ID)
		comment := st.Note
		if st.Status == dossier.NonApplicable && st.Justification != "" {
			comment = strings.TrimSpace("Non applicable : " + st.Justification + "\n" + st.Note)
		}
		sec, _ := cat.Section(r.req.Section)
		vals := []any{perimeter, r.req.ID, sec.Label, r.req.Function, r.req.Text(), comment, profilesOf(r.req),
			r.scenario.ID, r.scenario.Text, r.slot.ID, r.slot.Text, "", r.req.Nature.Label(), i + 1,
			strings.Join(r.files, "\n"), st.Status.Label(), "", ""}
		if by, at, ok := p.snap.SignoffOf(r.req).Validated(); ok {
			vals[len(vals)-2], vals[len(vals)-1] = by, at.UTC().Format("2006-01-02 15:04")+" UTC"
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, vals); err != nil {
			return fmt.Errorf("spreadsheet row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := writeRequestsSheet(f, p); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
