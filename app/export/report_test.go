package export_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

func reportOf(t *testing.T, pkg string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == export.ReportName {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatal("no report")
	return nil
}

func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		s, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(s)
	}
	return sb.String()
}

func TestReportContent(t *testing.T) {
	f := newFake(t)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	f.add(reqs[0].ID, "a.png", "Écran A", dossier.KindImage, testPNG(t, 1600, 900, 1))
	f.add(reqs[0].ID, "b.png", "", dossier.KindImage, testPNG(t, 300, 900, 2))
	f.add(reqs[0].ID, "casse.png", "", dossier.KindImage, randomBytes(500, 3)) // not decodable: listed, not shown
	f.add(reqs[1].ID, "appel.log", "", dossier.KindText, []byte("ok\n"))
	f.snap.States[reqs[1].ID] = dossier.ReqState{ReqID: reqs[1].ID, Status: dossier.EnCours, Note: "à relire"}
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	b := reportOf(t, out)
	if n := bytes.Count(b, []byte("/Subtype /Image")); n != 2 {
		t.Errorf("%d images in the report, want 2 thumbnails", n)
	}
	text := pdfText(t, b)
	for _, want := range []string{"BROUILLON", "RIS", reqs[0].ID, reqs[1].ID, "casse.png", "appel.log", "Tableau de bord",
		"Ce qui bloque l'export", "Pas prêtes", "Sans preuve"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	final := completeFake(t)
	out, err = exportTo(t, final, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, reportOf(t, out)); strings.Contains(text, "BROUILLON") || !strings.Contains(text, "Export définitif possible") {
		t.Error("final report says BROUILLON or not that the export is final")
	}
}

// TestReportBoundsItsPreviews: the report holds every page and picture
// until it is written (fpdf), so it shows at most a bounded number of
// previews per requirement; the other files are listed by name, none is
// left out.
func TestReportBoundsItsPreviews(t *testing.T) {
	f := newFake(t)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	const n = 40
	for i := range n {
		f.add(reqs[0].ID, fmt.Sprintf("ecran-%02d.png", i), "", dossier.KindImage, testPNG(t, 64, 48, byte(i)))
	}
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	b := reportOf(t, out)
	if k := bytes.Count(b, []byte("/Subtype /Image")); k == 0 || k >= n {
		t.Errorf("%d pictures in the report for %d screenshots of one requirement; want a bounded number", k, n)
	}
	text := pdfText(t, b)
	for i := range n {
		if name := fmt.Sprintf("ecran-%02d.png", i); !strings.Contains(text, name) {
			t.Errorf("report does not name %s", name)
		}
	}
	if !strings.Contains(text, "Aperçus limités") {
		t.Error("report does not say that previews were limited")
	}
}
