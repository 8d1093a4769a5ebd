package export_test

import (
	"archive/zip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/xuri/excelize/v2"
)

// filedAll records a deposit of every applicable requirement as it is now.
func filedAll(f *fakeSource) dossier.Deposit {
	files := map[string][]string{}
	for _, r := range f.snap.Catalogue.Applicable(f.snap.Info.Profiles) {
		files[r.ID] = []string{}
	}
	for _, ev := range f.snap.Evidence {
		files[ev.ReqID] = append(files[ev.ReqID], ev.SHA256)
	}
	for _, v := range files {
		slices.Sort(v)
	}
	return dossier.Deposit{Round: 1, Date: "2026-11-20", ManifestSHA256: "m1", Files: files}
}

func TestDeltaPackageAndRequestsSheet(t *testing.T) {
	f := completeFake(t)
	f.snap.Info.ID = "d1"
	f.snap.Info.Candidature = &dossier.Candidature{SIREN: "732829320", Contacts: []dossier.Contact{{Name: "Anne Martin", Email: "anne@x.fr"}}}
	if _, err := exportTo(t, f, export.Options{SinceLastDeposit: true}); !strings.Contains(errText(err), "no_deposit") {
		t.Fatalf("delta without a deposit: %v", err)
	}
	f.snap.Deposits = []dossier.Deposit{filedAll(f)}
	if _, err := exportTo(t, f, export.Options{SinceLastDeposit: true}); !strings.Contains(errText(err), "nothing_changed") {
		t.Fatalf("delta with nothing changed: %v", err)
	}
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	target := reqs[3].ID
	f.snap.Requests = []dossier.Request{{N: 1, Kind: dossier.Complement, Reqs: []string{target, reqs[4].ID}, Text: "Journal complet", Due: "2026-12-10",
		Baseline: map[string][]string{target: f.snap.Deposits[0].Files[target], reqs[4].ID: f.snap.Deposits[0].Files[reqs[4].ID]}}}
	f.add(target, "complet.log", "", dossier.KindText, []byte("journal complet\n"))
	out, err := exportTo(t, f, export.Options{SinceLastDeposit: true, Now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	zr, m := openPackage(t, out)
	if m.Package.Kind != export.KindDelta || m.Dossier.ID != "d1" || len(m.Requirements) != len(reqs) {
		t.Fatalf("delta manifest: %+v, %d requirements", m.Package, len(m.Requirements))
	}
	for _, fe := range m.Files {
		if fe.Requirement != target {
			t.Fatalf("delta carries %s", fe.Requirement)
		}
	}
	if len(m.Requests) != 1 || !slices.Equal(m.Requests[0].Answered, []string{target}) || m.Requests[0].DaysLeft != 10 {
		t.Fatalf("requests: %+v", m.Requests)
	}
	rows, err := workbookOf(t, zr).GetRows(export.RequestsSheet)
	if err != nil || len(rows) != 3 || rows[1][5] != target || !strings.Contains(rows[1][6], "jointes") || !strings.Contains(rows[2][6], "pas de preuve") {
		t.Fatalf("requests sheet: %v %v", rows, err)
	}
	text := pdfText(t, reportOf(t, out))
	for _, want := range []string{"732829320", "Anne Martin", "Paquet complémentaire"} {
		if !strings.Contains(text, want) {
			t.Errorf("report first page lacks %q", want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestReferencedRequirementsLeftOut(t *testing.T) {
	f := completeFake(t)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	f.snap.Info.Referenced = map[string]dossier.Referenced{reqs[0].ID: {Date: "2026-06-01", From: "old"}}
	out, err := exportTo(t, f, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.OpenReader(out)
	defer zr.Close()
	m := readManifest(t, zr)
	for _, fe := range m.Files {
		if fe.Requirement == reqs[0].ID {
			t.Fatal("an already referenced requirement is in the package")
		}
	}
	if m.Requirements[0].InPackage || m.Requirements[0].Deposit != "déjà référencée" {
		t.Fatalf("manifest entry: %+v", m.Requirements[0])
	}
}

// workbookOf opens the package's Convergence workbook.
func workbookOf(t *testing.T, zr *zip.ReadCloser) *excelize.File {
	t.Helper()
	for _, zf := range zr.File {
		if zf.Name != export.WorkbookName {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		x, err := excelize.OpenReader(rc)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	t.Fatal("no workbook in the package")
	return nil
}
