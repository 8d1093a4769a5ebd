package export_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

func TestReportPreviewsPDFTextsAndEmail(t *testing.T) {
	doc := fpdf.New("P", "mm", "A4", "")
	for range 3 {
		doc.AddPage()
	}
	var proof bytes.Buffer
	if err := doc.Output(&proof); err != nil {
		t.Fatal(err)
	}
	f := newFake(t)
	req := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)[0].ID
	f.add(req, "rapport.pdf", "", dossier.KindPDF, proof.Bytes())
	f.add(req, "casse.pdf", "", dossier.KindPDF, proof.Bytes()[:200]) // damaged: listed, not shown
	f.add(req, "adt.hl7", "", dossier.KindHL7, []byte("MSH|^~\\&|LOGICIEL\rPID|1||123^^^INS"))
	f.add(req, "envoi.eml", "", dossier.KindEmail, []byte("From: a@mssante.fr\r\nSubject: Compte rendu\r\n\r\nzorglub\r\n"))
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	b := reportOf(t, out)
	if n := bytes.Count(b, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images in the report, want the PDF's first page only", n)
	}
	text := pdfText(t, b)
	for _, want := range []string{"rapport.pdf", "casse.pdf", "MSH", "LOGICIEL", "Objet : ", "Compte rendu", "a@mssante.fr", "envoi.eml"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(text, "zorglub") {
		t.Error("the e-mail's body is in the report")
	}
}

// The reason a preview failed goes to Options.Logf, and nowhere else
// (not the standard log: a CLI user's terminal).
func TestReportTellsWhyAPreviewFailedOnlyToLogf(t *testing.T) {
	var std bytes.Buffer
	log.SetOutput(&std)
	defer log.SetOutput(os.Stderr)
	f := newFake(t)
	req := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)[0].ID
	f.add(req, "casse.pdf", "", dossier.KindPDF, []byte("%PDF-1.4\n"))
	var told []string
	logf := func(format string, args ...any) { told = append(told, fmt.Sprintf(format, args...)) }
	if _, err := exportTo(t, f, export.Options{Draft: true, Logf: logf}); err != nil {
		t.Fatal(err)
	}
	if len(told) != 1 || !strings.Contains(told[0], "casse.pdf") {
		t.Errorf("told %q, want one line about casse.pdf", told)
	}
	if _, err := exportTo(t, f, export.Options{Draft: true}); err != nil {
		t.Fatal(err)
	}
	if std.Len() > 0 {
		t.Errorf("standard log: %q", std.String())
	}
}
