package rem

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

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
// Python's openpyxl (python3-openpyxl 3.0.9), by the script quoted whole in
// the message of the commit that wrote this sentence ("rem: corpus counts'
// script"), run once on 30/11/2026. Its rules:
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
		path := filepath.Join(realDir, e.Name())
		want, ok := corpus[e.Name()]
		if !ok {
			checkUncounted(t, path)
			continue
		}
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
		byCode := readEveryREM(t, path)
		for code, w := range want {
			res, err := byCode[code].res, byCode[code].err
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

// checkUncounted imports a real file whose counts were not computed yet:
// it must give a catalogue whose report agrees with it, or a typed error
// (a choice to make, a table to map), never a panic nor a bare error.
func checkUncounted(t *testing.T, path string) {
	res, err := ReadFile(path, Options{})
	if err != nil {
		if dossier.AsError(err) == nil {
			t.Errorf("%s: untyped error %v", filepath.Base(path), err)
		}
		t.Logf("%s: %v (count it and add it to the corpus)", filepath.Base(path), err)
		return
	}
	r := res.Report
	if r.Requirements != len(res.Catalogue.Requirements) || r.Exigences+r.Preconisations != r.Requirements {
		t.Errorf("%s: report %+v disagrees with the catalogue", filepath.Base(path), r)
	}
	t.Logf("%s: %d requirements (%d exigences, %d préconisations), %d scenarios, %d proofs (count it and add it to the corpus)",
		filepath.Base(path), r.Requirements, r.Exigences, r.Preconisations, r.Scenarios, r.Proofs)
}

type readResult struct {
	res *Result
	err error
}

// readEveryREM reads a real file once and builds each of its REMs, as
// ReadFile with Options.Perimeter would (the 3 MB workbook holds six).
func readEveryREM(t *testing.T, path string) map[string]readResult {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	name := filepath.Base(path)
	best, business, _, err := scanWorkbook(f, st.Size(), name, Options{})
	if err != nil {
		return map[string]readResult{"": {nil, err}}
	}
	codes := best.set.named()
	if len(codes) < 2 {
		res, err := buildResult(best, business, name, Options{})
		return map[string]readResult{"": {res, err}}
	}
	out := map[string]readResult{}
	for _, code := range codes {
		res, err := buildResult(best, business, name, Options{Perimeter: code})
		if err == nil {
			describe(res.Catalogue, name, time.Now())
			if verr := res.Catalogue.Validate(); verr != nil {
				t.Errorf("%s %s: invalid catalogue: %v", name, code, verr)
			}
		}
		out[code] = readResult{res, err}
	}
	return out
}
