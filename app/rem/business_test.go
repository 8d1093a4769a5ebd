package rem

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A business scenarios sheet gives its proof numbers to every requirement
// it names, so that a requirement with no scenario of its own is provable;
// the IDs it names that the REM lacks are reported.
func TestBusinessScenarios(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Exigences")
	rows := [][]any{
		{"Exigence conditionnelle OUI/NON", "Profil", "N° exigence", "Énoncé (DOIT) ou préconisation (PEUT)", "N° scénario", "Scénario de conformité", "N° preuve 1", "Preuve 1"},
		{"NON", "Général", "DB.CO.01", "Le système DOIT consulter.", "", "", "", ""},
		{"NON", "Général", "DB.CO.02", "Le système DOIT afficher.", "DB.CO.02.01", "Scénario propre", "DB.CO.02.01.01", "Capture"},
	}
	for i, r := range rows {
		f.SetSheetRow("Exigences", fmt.Sprintf("A%d", i+1), &r)
	}
	f.NewSheet("Scénarios coeur de métier")
	biz := [][]any{
		{"Profil", "Scénario", "ref", "Exigence 1", "Exigence 2", "Critères vérifiés", "Numéro de preuve 1", "Preuve 1", "Numéro de preuve 2", "Preuve 2"},
		{"Général", "Parcours patient", "SCN_DB/CO.01", "DB.CO.01", "DB.CO.02", "…", "SCN_DB/CO.01.01.01", "Vidéo", "SCN_DB/CO.01.01.02", "Journal"},
		{"Général", "Autre parcours", "SCN_DB/CO.02", "DB.CO.99", "", "…", "SCN_DB/CO.02.01.01", "Vidéo", "", ""},
	}
	for i, r := range biz {
		f.SetSheetRow("Scénarios coeur de métier", fmt.Sprintf("A%d", i+1), &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := readBytes(buf.Bytes(), "rem.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	c := res.Catalogue
	co1, _ := c.Requirement("DB.CO.01")
	if len(co1.Scenarios) != 1 || co1.Scenarios[0].ID != "SCN_DB/CO.01" || len(co1.ProofSlots()) != 2 || co1.ProofSlots()[0].ID != "SCN_DB/CO.01.01.01" {
		t.Errorf("DB.CO.01 scenarios %+v", co1.Scenarios)
	}
	co2, _ := c.Requirement("DB.CO.02")
	if len(co2.Scenarios) != 2 || len(co2.ProofSlots()) != 3 {
		t.Errorf("DB.CO.02 scenarios %+v", co2.Scenarios)
	}
	r := res.Report
	if r.BusinessSheet != "Scénarios coeur de métier" || r.BusinessScenarios != 1 || !reflect.DeepEqual(r.Unlinked, []string{"DB.CO.99"}) || r.Proofs != 5 {
		t.Errorf("report %+v", r)
	}
}
