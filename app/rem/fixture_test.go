package rem

import (
	"bytes"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

func xlsxFixture(t testing.TB, reqs []remfixture.Req, layout remfixture.Layout, o remfixture.XLSXOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := remfixture.WriteXLSX(&buf, reqs, layout, o); err != nil {
		t.Fatalf("writing XLSX fixture: %v", err)
	}
	return buf.Bytes()
}

func pdfFixture(t testing.TB, reqs []remfixture.Req, o remfixture.PDFOptions) ([]byte, remfixture.PDFInfo) {
	t.Helper()
	var buf bytes.Buffer
	info, err := remfixture.WritePDF(&buf, reqs, o)
	if err != nil {
		t.Fatalf("writing PDF fixture: %v", err)
	}
	return buf.Bytes(), info
}

func readBytes(data []byte, name string) (*Result, error) {
	return Read(bytes.NewReader(data), int64(len(data)), name, Options{})
}

// checkCatalogue compares what was read with what the generator wrote.
func checkCatalogue(t *testing.T, res *Result, want []remfixture.Req, withScenarios bool) {
	t.Helper()
	c, rep := res.Catalogue, res.Report
	if c == nil {
		t.Fatal("no catalogue")
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("catalogue does not validate: %v", err)
	}
	if rep.Requirements != len(want) || len(c.Requirements) != len(want) {
		t.Fatalf("requirements: report %d, catalogue %d, want %d", rep.Requirements, len(c.Requirements), len(want))
	}
	sections, profiles := map[string]int{}, map[string]int{}
	exig, preco, scen, proofs := 0, 0, 0, 0
	for i, w := range want {
		sections[w.Section]++
		profiles[w.ProfileName()]++
		if w.Preco {
			preco++
		} else {
			exig++
		}
		scen += len(w.Scenarios)
		proofs += w.ProofCount()
		got := c.Requirements[i]
		if got.ID != w.ID || got.Section != w.Section {
			t.Errorf("requirement %d: got %s in %s, want %s in %s", i, got.ID, got.Section, w.ID, w.Section)
		}
		if got.Statement != w.Statement {
			t.Errorf("%s statement:\n got %q\nwant %q", w.ID, got.Statement, w.Statement)
		}
		if (got.Nature == dossier.Preconisation) != w.Preco {
			t.Errorf("%s nature %s, want preco=%v", w.ID, got.Nature, w.Preco)
		}
		if len(got.Profiles) != 1 || got.Profiles[0] != w.ProfileName() {
			t.Errorf("%s profiles %q, want %q", w.ID, got.Profiles, w.ProfileName())
		}
		if withScenarios {
			checkScenarios(t, got, w)
		}
	}
	if !sameCounts(rep.Sections, sections) || !sameCounts(rep.Profiles, profiles) {
		t.Errorf("counts: sections %v profiles %v, want %v %v", rep.Sections, rep.Profiles, sections, profiles)
	}
	if rep.Exigences != exig || rep.Preconisations != preco {
		t.Errorf("natures: %d/%d, want %d/%d", rep.Exigences, rep.Preconisations, exig, preco)
	}
	if withScenarios && (rep.Scenarios != scen || rep.Proofs != proofs) {
		t.Errorf("scenarios/proofs: %d/%d, want %d/%d", rep.Scenarios, rep.Proofs, scen, proofs)
	}
	for _, p := range c.Profiles {
		if p.Mandatory != (p.Name == "Général") {
			t.Errorf("profile %q mandatory=%v", p.Name, p.Mandatory)
		}
	}
	if len(c.Sections) != len(sections) {
		t.Errorf("sections list %v, want %d sections", c.Sections, len(sections))
	}
}

func checkScenarios(t *testing.T, got dossier.Requirement, w remfixture.Req) {
	t.Helper()
	if len(got.Scenarios) != len(w.Scenarios) {
		t.Errorf("%s: %d scenarios, want %d", w.ID, len(got.Scenarios), len(w.Scenarios))
		return
	}
	for k, ws := range w.Scenarios {
		gs := got.Scenarios[k]
		if gs.ID != ws.ID || gs.Text != ws.Text || len(gs.Proofs) != len(ws.Proofs) {
			t.Errorf("%s scenario %d: got %+v, want %+v", w.ID, k, gs, ws)
			continue
		}
		for p, id := range ws.Proofs {
			if gs.Proofs[p].ID != id || gs.Proofs[p].Text != "Preuve "+id {
				t.Errorf("%s proof %d: got %+v, want %s", w.ID, p, gs.Proofs[p], id)
			}
		}
	}
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func skippedAt(rep Report, where string) bool {
	for _, s := range rep.Skipped {
		if strings.Contains(s.Where, where) && s.Reason != "" {
			return true
		}
	}
	return false
}

// ReadWith reads data with options, as ReadFile would.
func ReadWith(data []byte, name string, opt Options) (*Result, error) {
	return Read(bytes.NewReader(data), int64(len(data)), name, opt)
}
