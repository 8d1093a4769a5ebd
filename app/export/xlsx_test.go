package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

func slotCatalogue(t *testing.T) *dossier.Catalogue {
	t.Helper()
	c := &dossier.Catalogue{
		Title: "t", Software: "RIS",
		Profiles: []dossier.Profile{{Name: "Général", Mandatory: true}},
		Sections: []dossier.Section{{Code: "MSS", Label: "Messagerie"}, {Code: "INS", Label: "Identité"}},
		Requirements: []dossier.Requirement{
			{ID: "MSS/va1.01", Section: "MSS", Profiles: []string{"Général"}, Nature: dossier.Exigence, Summary: "m"},
			{ID: "INS/va1.01", Section: "INS", Profiles: []string{"Général"}, Nature: dossier.Exigence, Summary: "i",
				Scenarios: []dossier.Scenario{{ID: "INS/va1.01.01", Text: "Scénario", Proofs: []dossier.ProofSlot{{ID: "INS/va1.01.01.01", Text: "Capture"}, {ID: "INS/va1.01.01.02", Text: "Vidéo"}}}}},
		},
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestWorkbookLayout(t *testing.T) {
	snap := dossier.Snapshot{Catalogue: slotCatalogue(t), Info: dossier.Info{Profiles: []string{"Général"}},
		States: map[string]dossier.ReqState{"MSS/va1.01": {ReqID: "MSS/va1.01", Status: dossier.NonApplicable, Justification: "pas de MSS"}},
		Evidence: []dossier.Evidence{
			{ID: 1, ReqID: "INS/va1.01", ProofID: "INS/va1.01.01.02", Name: "v.mp4", Kind: dossier.KindVideo, SHA256: "aa"},
			{ID: 2, ReqID: "INS/va1.01", Name: "libre.png", Kind: dossier.KindImage, SHA256: "bb"},
		}}
	p := newPlan(snap)
	var buf bytes.Buffer
	if err := writeWorkbook(&buf, &p, ""); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Exigences")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != strings.Join(convergenceHeadings(), "|") {
		t.Fatalf("headings: %v", rows[0])
	}
	// INS before MSS (Convergence order), one row per INS proof slot, one
	// row for MSS which has none.
	if len(rows) != 4 {
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	cell := func(r int, name string) string {
		if c := col(name); c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	if cell(1, "ID") != "INS/va1.01" || cell(1, "N° preuve") != "INS/va1.01.01.01" || cell(2, "N° preuve") != "INS/va1.01.01.02" || cell(3, "ID") != "MSS/va1.01" {
		t.Fatalf("row order: %v", rows[1:])
	}
	if !strings.Contains(cell(1, "Fichiers"), "libre.png") || strings.Contains(cell(1, "Fichiers"), "v.mp4") || !strings.Contains(cell(2, "Fichiers"), "v.mp4") {
		t.Errorf("files per slot: %q / %q", cell(1, "Fichiers"), cell(2, "Fichiers"))
	}
	if cell(3, "Statut") != "Non applicable" || !strings.Contains(cell(3, "Commentaire"), "pas de MSS") || cell(1, "Périmètre") != "RIS" || cell(3, "Ordre") != "3" {
		t.Errorf("MSS row: %v", rows[3])
	}
}
