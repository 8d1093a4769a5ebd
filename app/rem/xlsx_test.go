package rem

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

func TestReadXLSXLayouts(t *testing.T) {
	opts := remfixture.XLSXOptions{TitleRows: 3, Protect: true, NoIDRow: true, BlankRow: true, Duplicate: true, OtherSheets: true}
	tests := []struct {
		name   string
		layout remfixture.Layout
		scheme remfixture.Scheme
		n      int
		want   string
	}{
		{"published Va1", remfixture.Published, remfixture.Va1, 24, "rem"},
		{"published Va2", remfixture.Published, remfixture.Va2, 17, "rem"},
		{"convergence Va2", remfixture.Convergence, remfixture.Va2, 31, "convergence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reqs := remfixture.Requirements(tt.n, tt.scheme)
			data := xlsxFixture(t, reqs, tt.layout, opts)
			res, err := readBytes(data, "REM_RIS_Vague2_v1.2.xlsx")
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkCatalogue(t, res, reqs, true)
			rep := res.Report
			if rep.Format != "xlsx" || rep.Layout != tt.want || rep.Sheet != "Exigences" {
				t.Errorf("format %q layout %q sheet %q", rep.Format, rep.Layout, rep.Sheet)
			}
			if len(rep.Skipped) != 2 {
				t.Errorf("skipped %+v, want the row without ID and the blank row", rep.Skipped)
			}
			for _, s := range rep.Skipped {
				if !strings.HasPrefix(s.Where, "feuille Exigences, ligne ") {
					t.Errorf("skipped where %q", s.Where)
				}
			}
			if len(rep.Duplicates) != 1 || rep.Duplicates[0].ID != reqs[0].ID || rep.Duplicates[0].Conflict {
				t.Errorf("duplicates %+v, want one harmless %s", rep.Duplicates, reqs[0].ID)
			}
			c := res.Catalogue
			if c.Source != "REM_RIS_Vague2_v1.2.xlsx" || c.Version != "v1.2" || c.Vague != "Vague 2" || !strings.Contains(c.Title, "REM RIS") ||
				!strings.Contains(c.Provenance, "REM_RIS_Vague2_v1.2.xlsx") {
				t.Errorf("identity: %q %q %q %q", c.Title, c.Version, c.Source, c.Provenance)
			}
		})
	}
}

func TestReadXLSXConflictingDuplicate(t *testing.T) {
	reqs := remfixture.Requirements(6, remfixture.Va1)
	data := xlsxFixture(t, reqs, remfixture.Convergence, remfixture.XLSXOptions{Conflict: true})
	res, err := readBytes(data, "rem.xlsx")
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultDuplicateIDs}) {
		t.Fatalf("err = %v, want FaultDuplicateIDs", err)
	}
	if !strings.Contains(err.Error(), reqs[0].ID) || strings.Count(err.Error(), "ligne") < 2 {
		t.Errorf("message does not name the ID and both rows: %v", err)
	}
	if res == nil || res.Catalogue != nil || len(res.Report.Duplicates) != 1 || !res.Report.Duplicates[0].Conflict {
		t.Fatalf("want a report with one conflicting duplicate, got %+v", res)
	}
}

func TestReadXLSXEncrypted(t *testing.T) {
	data := xlsxFixture(t, remfixture.Requirements(3, remfixture.Va1), remfixture.Published, remfixture.XLSXOptions{Password: "secret"})
	_, err := readBytes(data, "chiffre.xlsx")
	if !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
	if !strings.Contains(fr.Error(err), "mot de passe") {
		t.Errorf("message %q does not mention the password", err)
	}
}

func TestReportJSON(t *testing.T) {
	reqs := remfixture.Requirements(8, remfixture.Va2)
	res, err := readBytes(xlsxFixture(t, reqs, remfixture.Convergence, remfixture.XLSXOptions{}), "rem.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Report)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"requirements", "sections", "profiles", "exigences", "preconisations", "skipped", "duplicates", "format", "source"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON report lacks %q: %s", k, b)
		}
	}
	if m["requirements"].(float64) != float64(len(reqs)) {
		t.Errorf("requirements = %v", m["requirements"])
	}
	if _, ok := m["skipped"].([]any); !ok {
		t.Errorf("skipped is not an array: %s", b)
	}
}
