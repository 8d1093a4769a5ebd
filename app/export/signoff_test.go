package export_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

// TestPackageSaysWhoValidated: the manifest, the Convergence workbook
// ("Validée par", "Validée le") and the report tell who validated each
// requirement and when; a validation made on other proofs is not shown.
func TestPackageSaysWhoValidated(t *testing.T) {
	f := completeFake(t)
	f.snap.Info.Signoff = &dossier.SignoffSettings{Required: true}
	at := time.Date(2026, 11, 30, 4, 12, 0, 0, time.UTC)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	for _, r := range reqs {
		st := f.snap.States[r.ID]
		var proofs []string
		for _, ev := range f.snap.EvidenceOf(r.ID) {
			proofs = append(proofs, ev.SHA256)
		}
		slices.Sort(proofs)
		st.Signoff = &dossier.Signoff{Decision: dossier.Valide, By: "Bruno Relecteur", At: at, Status: dossier.Prete, Proofs: proofs}
		f.snap.States[r.ID] = st
	}
	preco := map[string]bool{}
	for _, r := range reqs {
		preco[r.ID] = r.Nature == dossier.Preconisation
	}
	stale := reqs[1].ID
	st := f.snap.States[stale]
	st.Signoff.Proofs = []string{"00"} // validated on other proofs
	f.snap.States[stale] = st
	if _, err := exportTo(t, f, export.Options{}); err == nil {
		t.Fatal("final export with a validation on other proofs")
	}
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	zr, m := openPackage(t, out)
	for _, e := range m.Requirements {
		switch {
		case e.ID == stale && (e.Review != dossier.SignoffPending || e.ValidatedBy != ""):
			t.Errorf("stale validation in the manifest: %+v", e)
		case e.ID == reqs[0].ID && (e.Review != dossier.SignoffValidated || e.ValidatedBy != "Bruno Relecteur" || !e.ValidatedAt.Equal(at)):
			t.Errorf("validation in the manifest: %+v", e)
		}
	}

	rows, err := workbookOf(t, zr).GetRows("Exigences")
	if err != nil {
		t.Fatal(err)
	}
	by, le := slices.Index(rows[0], "Validée par"), slices.Index(rows[0], "Validée le")
	id := slices.Index(rows[0], "ID")
	if by < 0 || le != by+1 {
		t.Fatalf("headings: %v", rows[0])
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		cell := func(i int) string {
			if i < len(row) {
				return row[i]
			}
			return ""
		}
		want, wantAt := "Bruno Relecteur", "2026-11-30 04:12 UTC"
		if cell(id) == stale || preco[cell(id)] { // préconisations are not reviewed
			want, wantAt = "", ""
		}
		if cell(by) != want || cell(le) != wantAt {
			t.Fatalf("row of %s: validée par %q le %q", cell(id), cell(by), cell(le))
		}
		seen[cell(id)] = true
	}
	if !seen[stale] || !seen[reqs[0].ID] || !slices.ContainsFunc(reqs, func(r *dossier.Requirement) bool { return preco[r.ID] && seen[r.ID] }) {
		t.Fatal("rows missing")
	}

	text := pdfText(t, reportOf(t, out))
	for _, want := range []string{"Validée par Bruno Relecteur le 30/11/2026 à 04:12 UTC", "Relecture", "à valider"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
