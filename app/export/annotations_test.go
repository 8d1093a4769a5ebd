package export_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

func TestManifestListsAnnotations(t *testing.T) {
	f := completeFake(t)
	f.snap.Evidence[0].Annotations = []dossier.Annotation{
		{Kind: dossier.AnnotStep, Number: 1, Text: "champ INS"},
		{Kind: dossier.AnnotText, Text: "Identité qualifiée"},
	}
	out, err := exportTo(t, f, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, m := openPackage(t, out)
	want := []string{"Étape 1 : champ INS", "Texte «\u00a0Identité qualifiée\u00a0»"}
	found := 0
	for _, fe := range m.Files {
		if ev := f.snap.Evidence[0]; fe.SHA256 == ev.SHA256 && fe.OriginalName == ev.Name && fe.Requirement == ev.ReqID {
			if !slices.Equal(fe.Annotations, want) {
				t.Fatalf("annotations %q", fe.Annotations)
			}
			found++
		} else if len(fe.Annotations) != 0 {
			t.Fatalf("%s lists %q", fe.Path, fe.Annotations)
		}
	}
	if found != 1 {
		t.Fatalf("annotated file found %d times", found)
	}
}

func TestReportListsAnnotations(t *testing.T) {
	f := newFake(t)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	f.add(reqs[0].ID, "capture.png", "", dossier.KindImage, testPNG(t, 800, 450, 1))
	f.snap.Evidence[0].Annotations = []dossier.Annotation{{Kind: dossier.AnnotStep, Number: 1, Text: "champ INS"}}
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, reportOf(t, out)); !strings.Contains(text, "Étape 1 : champ INS") {
		t.Fatal("the report does not list the capture's annotations")
	}
}
