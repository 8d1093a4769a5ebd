package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/segur-dossier/dossier-segur/assets"
)

// writeOfficialREM writes the embedded catalogue as an ANS published REM
// workbook (sheet "Exigences"), as the official file would hold it: official
// statements, one scenario with one proof per requirement, RIS.MSS.01
// dropped and RIS.INS.03 turned into a préconisation.
func writeOfficialREM(t *testing.T, path string) (requirements int) {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Exigences"
	f.SetSheetName("Sheet1", sheet)
	head := []any{"Exigence conditionnelle", "Profil", "ID Section", "Section", "Bloc", "Fonction",
		"Nature de l'exigence", "N° exigence", "Énoncé (DOIT) ou préconisation (PEUT)", "N° scénario",
		"Scénario de conformité", "N° preuve 1", "Preuve 1"}
	f.SetSheetRow(sheet, "A1", &head)
	row := 2
	for _, r := range cat.Requirements {
		if r.ID == "RIS.MSS.01" {
			continue
		}
		nature := "EXIGENCE"
		if r.Nature == "preconisation" || r.ID == "RIS.INS.03" {
			nature = "PRECONISATION"
		}
		cond := "NON"
		if r.Profiles[0] != "Général" {
			cond = "OUI"
		}
		label, _ := cat.Section(r.Section)
		cells := []any{cond, r.Profiles[0], r.Section, label.Label, "", "", nature, r.ID,
			"Le logiciel DOIT : " + r.Summary, r.ID + ".01", "Scénario de " + r.ShortID, r.ID + ".01.01", "Capture d'écran"}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		f.SetSheetRow(sheet, cell, &cells)
		row++
		requirements++
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return requirements
}

func TestImportOfficialREMCarriesForward(t *testing.T) {
	dir := t.TempDir()
	rem := filepath.Join(dir, "REM_RIS_officiel.xlsx")
	want := writeOfficialREM(t, rem)
	path := newDossier(t, dir)
	proof := filepath.Join(dir, "journal.log")
	os.WriteFile(proof, []byte("2026-11-27 appel INSi OK\n"), 0o600)
	for _, args := range [][]string{
		{"set-status", path, "--req", "INS.01", "--status", "prete", "--note", "déposée sur la plateforme", "--hors-application"},
		{"set-status", path, "--req", "MSS.01", "--status", "en_cours", "--note", "à finir"},
		{"attach", path, "--req", "INS.03", proof},
	} {
		if _, stderr, code := runCLI(t, dir, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	before, _ := os.ReadFile(path)

	out, stderr, code := runCLI(t, dir, "import-rem", path, rem, "--json")
	if code != 0 {
		t.Fatalf("dry run: %s", stderr)
	}
	var rep struct {
		Requirements   int            `json:"requirements"`
		Sections       map[string]int `json:"sections"`
		Exigences      int            `json:"exigences"`
		Preconisations int            `json:"preconisations"`
		Skipped        []any          `json:"skipped"`
		Review         []string       `json:"review"`
		OffCatalogue   []string       `json:"off_catalogue"`
		Carried        int            `json:"carried"`
		Applied        bool           `json:"applied"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Requirements != want || rep.Sections["MSS"] != 24 || rep.Preconisations != 4 || rep.Exigences != want-4 || rep.Applied {
		t.Fatalf("dry-run report: %+v", rep)
	}
	if rep.Carried != 2 || len(rep.Review) != 1 || rep.Review[0] != "RIS.INS.03" || len(rep.OffCatalogue) != 1 || rep.OffCatalogue[0] != "RIS.MSS.01" {
		t.Fatalf("plan: carried %d review %v off %v", rep.Carried, rep.Review, rep.OffCatalogue)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the dry run changed the dossier")
	}

	if _, stderr, code := runCLI(t, dir, "import-rem", path, rem, "--apply"); code != 0 {
		t.Fatalf("apply: %s", stderr)
	}
	out, _, _ = runCLI(t, dir, "status", path, "--json")
	var st struct {
		Catalogue    string         `json:"catalogue"`
		Applicable   int            `json:"applicable"`
		ByStatus     map[string]int `json:"by_status"`
		OffCatalogue int            `json:"off_catalogue"`
		Review       int            `json:"review"`
		Evidence     int            `json:"evidence"`
	}
	json.Unmarshal([]byte(out), &st)
	if st.Applicable != 108 || st.ByStatus["prete"] != 1 || st.ByStatus["en_cours"] != 1 || st.OffCatalogue != 1 || st.Review != 1 || st.Evidence != 1 {
		t.Fatalf("after switch: %+v", st)
	}
	out, _, _ = runCLI(t, dir, "evidence", path, "--req", "INS.03", "--json")
	if !strings.Contains(out, "journal.log") {
		t.Fatalf("evidence not carried forward: %s", out)
	}
}

func TestImportREMBadInput(t *testing.T) {
	dir := t.TempDir()
	path := newDossier(t, dir)
	notREM := filepath.Join(dir, "notes.txt")
	os.WriteFile(notREM, []byte("bonjour"), 0o600)
	empty := filepath.Join(dir, "vide.xlsx")
	os.WriteFile(empty, nil, 0o600)
	noHead := filepath.Join(dir, "sans-entetes.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "rien")
	f.SaveAs(noHead)
	f.Close()
	before, _ := os.ReadFile(path)
	for _, rem := range []string{notREM, empty, noHead, filepath.Join(dir, "absent.pdf")} {
		out, stderr, code := runCLI(t, dir, "import-rem", path, rem, "--apply")
		if code == 0 || !strings.HasPrefix(stderr, "erreur : ") || strings.Contains(stderr, "panic") {
			t.Errorf("%s: exit %d, stderr %q, stdout %q", filepath.Base(rem), code, stderr, out)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("a refused import changed the dossier")
	}
}
