package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeVague2REM writes a 2024 published-layout workbook holding two REMs
// (RIS and DPI) whose INS/va1.01 names INS.01 as its previous-wave ID.
func writeVague2REM(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Périmètre", "ID", "Chapitre", "Fonction", "Exigence", "Nature de l'exigence", "Profil", "N° scénario",
			"Scénario de conformité", "N° preuve 1", "Preuve 1", "Commentaire", "Statut publication", "VA N-1", "Criticité", "Ordre"},
		{"RIS", "INS/va1.01", "INS", "Appel INSi", "Le logiciel DOIT appeler INSi.", "EXIGENCE", "Général", "INS/va1.01.01", "Scénario", "INS/va1.01.01.01", "Capture", "", "Inchangée", "INS.01", "Majeure", 1},
		{"RIS", "INS/va2.50", "INS", "Nouvelle", "Le logiciel DOIT faire du neuf.", "EXIGENCE", "Général", "", "", "", "", "", "Nouvelle", "", "Mineure", 2},
		{"RIS", "INS/va2.51", "INS", "Retirée", "Le logiciel DOIT disparaître.", "EXIGENCE", "Général", "", "", "", "", "", "Obsolète", "", "Mineure", 3},
		{"DPI", "INS/va1.01", "INS", "Appel INSi", "Le DPI DOIT appeler INSi.", "EXIGENCE", "Général", "", "", "", "", "", "Inchangée", "INS.01", "Majeure", 1},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// A Vague 1 dossier switched to one REM of a multi-REM Vague 2 workbook:
// the dry run lists the REMs and refuses to go on without a choice; with
// --perimetre, the VA N-1 mapping carries the state along and the diff
// shows it.
func TestImportREMPerimeterCarriesAlongPreviousWave(t *testing.T) {
	dir := t.TempDir()
	rem := filepath.Join(dir, "REM_va2_tous.xlsx")
	writeVague2REM(t, rem)
	path := newDossier(t, dir)
	if _, stderr, code := runCLI(t, dir, "set-status", path, "--req", "INS.01", "--status", "en_cours", "--note", "capture à refaire"); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := runCLI(t, dir, "import-rem", path, rem, "--apply")
	if code == 0 || !strings.Contains(out, "Ce classeur contient 2 REM") || !strings.Contains(out, "RIS ") || !strings.Contains(stderr, "--perimetre") {
		t.Fatalf("without a choice: exit %d\n%s\n%s", code, out, stderr)
	}
	out, stderr, code = runCLI(t, dir, "import-rem", path, rem, "--perimetre", "RIS")
	if code != 0 || !strings.Contains(out, "RIS.INS.01 → INS/va1.01") || !strings.Contains(out, "1 ligne ignorée") ||
		!strings.Contains(out, "Obsolètes, non importées : 1") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, stderr)
	}
	out, _, _ = runCLI(t, dir, "import-rem", path, rem, "--perimetre", "RIS", "--json")
	var rep struct {
		Perimetres map[string]int `json:"perimetres"`
		Obsolete   int            `json:"obsolete"`
		Carried    int            `json:"carried"`
		Sheet      string         `json:"sheet"`
		NonFinal   []string       `json:"non_final"`
		NoProfile  []string       `json:"no_profile"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Perimetres["RIS"] != 2 || rep.Perimetres["DPI"] != 1 || rep.Obsolete != 1 || rep.Carried != 1 || rep.Sheet != "Sheet1" ||
		rep.NonFinal == nil || rep.NoProfile == nil {
		t.Fatalf("JSON %+v", rep)
	}
	if _, stderr, code := runCLI(t, dir, "import-rem", path, rem, "--perimetre", "RIS", "--apply"); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ = runCLI(t, dir, "status", path, "--json")
	var st struct {
		ByStatus map[string]int `json:"by_status"`
	}
	json.Unmarshal([]byte(out), &st)
	if st.ByStatus["en_cours"] != 1 {
		t.Errorf("state not carried along VA N-1: %s", out)
	}
}
