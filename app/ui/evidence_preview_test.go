package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/go-pdf/fpdf"

	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// twoPagePDF is a small A4 PDF whose first page is black at its top.
func twoPagePDF(t *testing.T) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddPage()
	doc.SetFillColor(0, 0, 0)
	doc.Rect(0, 0, 210, 100, "F")
	doc.AddPage()
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCardsPreviewPDFEmailHL7AndKeepIconsForBadOnes(t *testing.T) {
	f := newEvFixture(t)
	pdf := twoPagePDF(t)
	f.p.attachPaths([]string{
		f.file("rapport.pdf", pdf),
		f.file("envoi.eml", []byte("From: =?UTF-8?Q?Andr=C3=A9?= <a@mssante.fr>\r\nSubject: CR\r\n\r\ncorps\r\n")),
		f.file("adt.hl7", []byte("MSH|^~\\&|APP\rPID|1||123")),
		f.file("casse.pdf", pdf[:len(pdf)/4]),
	})
	items, err := f.m.svc.ListEvidence(f.m.current)
	if err != nil || len(items) != 4 {
		t.Fatalf("%d items, %v", len(items), err)
	}
	// Every item's preview is made (cards exist only for visible rows:
	// each preview is shown on a card of its own here).
	byName := map[string]*evidenceCard{}
	for _, ev := range items {
		pv, ok := f.p.thumbs.get(ev.SHA256)
		if !ok {
			t.Fatalf("no preview made for %s", ev.Name)
		}
		c := newEvidenceCard()
		c.bind(ev, nil, evidenceActions{}, pv, true)
		byName[ev.Name] = c
	}
	// The PDF's first page, fitted in the card's 120×75, black at its top.
	img := byName["rapport.pdf"].thumb.Image
	if img == nil || img.Bounds().Dy() != thumbH {
		t.Fatalf("pdf thumbnail %v", img)
	}
	if r, _, _, _ := img.At(img.Bounds().Dx()/2, 5).RGBA(); r > 0x3000 {
		t.Errorf("pdf thumbnail top is not black: %v", img.At(img.Bounds().Dx()/2, 5))
	}
	if got := richLines(byName["envoi.eml"].preview); got != "De : André <a@mssante.fr>\nObjet : CR" {
		t.Errorf("e-mail preview %q", got)
	}
	hl7 := byName["adt.hl7"].preview
	if got := richLines(hl7); got != "MSH|^~\\&|APP\nPID|1||123" {
		t.Errorf("hl7 preview %q", got)
	}
	if seg := hl7.Segments[0].(*widget.TextSegment); seg.Text != "MSH" || seg.Style.ColorName != syntaxColor(thumb.Keyword) {
		t.Errorf("segment ID %+v not coloured", seg)
	}
	// A damaged PDF keeps the kind's icon (the reason is logged).
	bad := byName["casse.pdf"]
	if bad.thumb.Image != nil || bad.thumb.Resource == nil || !bad.thumb.Visible() || bad.textPreview.Visible() {
		t.Errorf("damaged pdf shows %v / %v", bad.thumb.Image, bad.thumb.Resource)
	}
}

func TestCutLineFitsAcrossSpans(t *testing.T) {
	line := thumb.Line{{Text: "MSH", Class: thumb.Keyword}, {Text: "|", Class: thumb.Muted}, {Text: "LOGICIEL"}}
	text := func(l thumb.Line) (s string) {
		for _, span := range l {
			s += span.Text
		}
		return s
	}
	for n, want := range map[int]string{12: "MSH|LOGICIEL", 20: "MSH|LOGICIEL", 11: "MSH|LOGICI…", 4: "MSH…", 3: "MS…"} {
		if got := text(cutLine(line, n)); got != want {
			t.Errorf("cut to %d: %q, want %q", n, got, want)
		}
	}
	if got := cutLine(line, 4); got[0].Class != thumb.Keyword || len(got) != 1 {
		t.Errorf("cut keeps %+v", got)
	}
}
