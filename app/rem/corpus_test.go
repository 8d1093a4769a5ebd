package rem

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// realDir holds the ANS's own working files, beside the project (never
// copied into it): <repo root>/../shared/segur/real/.
var realDir = filepath.Join("..", "..", "..", "shared", "segur", "real")

// corpusCounts are the counts of one REM of a real file.
type corpusCounts struct {
	ids, exigences, preconisations, scenarios, proofs, obsolete, nonFinal int
}

// The expected counts were computed independently of the importer, with
// openpyxl, by the script kept in the commit message of this test's first
// version and summarised here (run once, 30/11/2026):
//   - ID: the ID column's cell with every white space (NBSP too) removed; a
//     row counts when the ID has a REM-ID shape (dot-separated segments, the
//     first starting with an upper-case letter, the last 1-4 digits):
//     "NON" (the shifted 2024 template row) and "…/va2.XX" do not.
//   - a row whose status (arbitrage, Statut publication) says "obsol…" is
//     withdrawn; an ID is obsolete when all its rows are.
//   - requirement = distinct ID within one REM (column "REM") with a
//     non-obsolete row and a non-empty statement (description, Exigence,
//     Énoncé…).
//   - nature: the nature column when present, else PEUT without DOIT in the
//     statement is a préconisation.
//   - scenario = distinct scenario number (else text) among the rows of the
//     requirement; proof = distinct proof number (else text) in a scenario;
//     a working workbook's "preuve" cell holds one "N° : text" per line, the
//     text before its first numbered line being one proof without number.
//   - non-final: the first row's status is "A retravailler".
var corpus = map[string]map[string]corpusCounts{
	"ALL_REMs_va2_prepub_with_scenarios__import_gsheet_sans_modele.xlsx": {
		"BIO": {102, 97, 5, 125, 155, 121, 2},
		"DB":  {198, 181, 17, 83, 99, 267, 52},
		"DPI": {106, 100, 6, 121, 149, 106, 3},
		"LGC": {123, 115, 8, 114, 144, 144, 2},
		"PFI": {77, 74, 3, 99, 127, 31, 0},
		"RIS": {150, 140, 10, 152, 192, 93, 8},
	},
	"REM_published_layout_template_with_coeur_de_metier_sheet.xlsx": {"": {1, 1, 0, 1, 3, 0, 0}},
	"CONVERGENCE_export_template_2024-04.xlsx":                      {"": {1, 1, 0, 1, 1, 0, 0}},
	"CONVERGENCE_export_expected_test_output_protected_html.xlsx":   {"": {2, 2, 0, 4, 3, 0, 0}},
	// Its one sample row is shifted against the headings: its "ID" is NON.
	"REM_published_layout_template_2024-04.xlsx": {"": {}},
}

// TestCorpusRealFiles imports every real file of the ANS and checks its
// counts, REM by REM, against counts computed independently.
func TestCorpusRealFiles(t *testing.T) {
	entries, err := os.ReadDir(realDir)
	if err != nil {
		t.Skipf("real ANS files absent: %v", err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".xlsx" && filepath.Ext(e.Name()) != ".pdf" {
			continue
		}
		want, ok := corpus[e.Name()]
		if !ok {
			t.Errorf("%s: no expected counts: count it and add it to the corpus", e.Name())
			continue
		}
		path := filepath.Join(realDir, e.Name())
		if len(want) > 1 {
			res, err := ReadFile(path, Options{})
			if !errors.Is(err, &dossier.Error{Fault: dossier.FaultChooseREM}) || res == nil || len(res.Report.Perimetres) != len(want) {
				t.Errorf("%s without a choice: err %v, want the list of its %d REMs", e.Name(), err, len(want))
			}
			for code, n := range want {
				if res != nil && res.Report.Perimetres[code] != n.ids {
					t.Errorf("%s: listed %s with %d requirements, want %d", e.Name(), code, res.Report.Perimetres[code], n.ids)
				}
			}
		}
		for code, w := range want {
			res, err := ReadFile(path, Options{Perimeter: code})
			if w.ids == 0 {
				if !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoRequirement}) {
					t.Errorf("%s: err %v, want no requirement", e.Name(), err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s %s: %v", e.Name(), code, err)
				continue
			}
			r := res.Report
			got := corpusCounts{r.Requirements, r.Exigences, r.Preconisations, r.Scenarios, r.Proofs, r.Obsolete, len(r.NonFinal)}
			if got != w {
				t.Errorf("%s %s: got %+v, want %+v", e.Name(), code, got, w)
			}
		}
	}
}
