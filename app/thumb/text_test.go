package thumb

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestTextKeepsFirstPrintableLines(t *testing.T) {
	in := "\ufeff2026-03-01 INFO début\r\n\r\n\x1b[31mrouge\x1b[0m\tfin\rMSH|^~\\&\n" +
		"caf\xe9 latin-1\n" + strings.Repeat("x", 300) + "\n"
	got, err := Text(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-03-01 INFO début\n[31mrouge[0m fin\nMSH|^~\\&\ncaf? latin-1\n" + strings.Repeat("x", TextWidth-1) + "…"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// endless yields line for ever and counts what was read.
type endless struct {
	line string
	n    int
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.line[(e.n+i)%len(e.line)]
	}
	e.n += len(p)
	return len(p), nil
}

func TestTextReadsABoundedHead(t *testing.T) {
	src := &endless{line: "aaaaaaa\n"}
	got, err := Text(src)
	if err != nil || strings.Count(got, "\n") != TextLines-1 {
		t.Fatalf("got %q, %v", got, err)
	}
	if src.n > TextBytes {
		t.Errorf("read %d bytes, bound %d", src.n, TextBytes)
	}
}

func classes(l Line) (out []string) {
	for _, s := range l {
		out = append(out, map[Class]string{Plain: "", Muted: "muted", Keyword: "kw", Name: "name", Value: "val",
			Comment: "com", Error: "err", Warning: "warn", Info: "info"}[s.Class]+":"+s.Text)
	}
	return out
}

func TestHighlight(t *testing.T) {
	for _, c := range []struct {
		kind dossier.Kind
		text string
		want [][]string
	}{
		{dossier.KindText, "2026-03-01 10:00:01,123 ERROR échec INSi\n[12/03/2026 08:00:00] WARN lent\nsans date INFO ok",
			[][]string{{"muted:2026-03-01 10:00:01,123", ": ", "err:ERROR", ": échec INSi"},
				{"muted:[12/03/2026 08:00:00]", ": ", "warn:WARN", ": lent"}, {":sans date ", "info:INFO", ": ok"}}},
		{dossier.KindHL7, "MSH|^~\\&|APP\nPID|1||123^^^INS",
			[][]string{{"kw:MSH", "muted:|^~\\&|", ":APP"}, {"kw:PID", "muted:|", ":1", "muted:||", ":123", "muted:^^^", ":INS"}}},
		{dossier.KindEmail, "De : a@b.fr\nObjet : CR",
			[][]string{{"kw:De : ", ":a@b.fr"}, {"kw:Objet : ", ":CR"}}},
		{dossier.KindXML, "<?xml version=\"1.0\"?>\n<a:doc id='x\ny'><!-- c -->t</a:doc>",
			[][]string{{"com:<?xml version=\"1.0\"?>"},
				{"muted:<", "kw:a:doc", "muted: ", "name:id", "muted:=", "val:'x"},
				{"val:y'", "muted:>", "com:<!-- c -->", ":t", "muted:</", "kw:a:doc", "muted:>"}}},
	} {
		var got [][]string
		for _, l := range Highlight(c.kind, c.text) {
			got = append(got, classes(l))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.kind, got, c.want)
		}
	}
}

func TestEmailShowsDecodedHeaders(t *testing.T) {
	eml := "Received: from mx\r\nFrom: =?UTF-8?Q?Dr_Andr=C3=A9_Martin?= <andre@mssante.fr>\r\n" +
		"To: =?ISO-8859-1?Q?H=E9l=E8ne?= <h@mssante.fr>\r\nSubject: =?windows-1252?Q?Compte_rendu_=96_INS?=\r\n" +
		"Date: Sun, 01 Mar 2026 10:00:00 +0100\r\nX-Evil: \x1b[2J\r\n\r\n" + strings.Repeat("corps\r\n", 10)
	got, err := Email(strings.NewReader(eml))
	want := "De : Dr André Martin <andre@mssante.fr>\nÀ : Hélène <h@mssante.fr>\nObjet : Compte rendu – INS\nDate : 01/03/2026 10:00 +0100"
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}

func TestEmailRefusesHugeOrForeignHeader(t *testing.T) {
	huge := io.MultiReader(strings.NewReader("From: a@b.fr\r\n"), &endless{line: "Received: from relay\r\n"})
	for name, r := range map[string]io.Reader{
		"huge header": huge,
		"no header":   strings.NewReader("bonjour\r\n\r\ncorps"),
		"no field":    strings.NewReader("X-A: 1\r\n\r\n"),
		"binary":      bytes.NewReader([]byte{0, 1, 2, 0xff, '\n', '\n'}),
	} {
		if got, err := Email(r); !errors.Is(err, ErrEmail) {
			t.Errorf("%s: %q, %v; want ErrEmail", name, got, err)
		}
	}
}

func TestMakeDispatchesByKind(t *testing.T) {
	ctx := context.Background()
	pdf := samplePDF(t, 2)
	// A plain reader (no Seek), as the dossier's content stream.
	p, err := Make(ctx, dossier.KindPDF, io.MultiReader(bytes.NewReader(pdf)), int64(len(pdf)), 240, 150)
	if err != nil || p.Image == nil || p.Image.Bounds().Dy() != 150 {
		t.Fatalf("pdf: %+v, %v", p, err)
	}
	p, err = Make(ctx, dossier.KindHL7, strings.NewReader("MSH|^~\\&|A\rPID|1"), 17, 240, 150)
	if err != nil || p.Text != "MSH|^~\\&|A\nPID|1" || len(p.Lines(1)) != 1 || p.Lines(1)[0][0].Class != Keyword {
		t.Errorf("hl7: %+v, %v", p, err)
	}
	if p, err := Make(ctx, dossier.KindArchive, strings.NewReader("PK"), 2, 240, 150); !errors.Is(err, ErrNoPreview) || p.Image != nil {
		t.Errorf("archive: %+v, %v", p, err)
	}
	if _, err := Make(ctx, dossier.KindPDF, strings.NewReader("%PDF"), MaxPDFBytes+1, 240, 150); !errors.Is(err, ErrPDF) {
		t.Errorf("oversized pdf: %v", err)
	}
}

func TestHugeEmailBodyIsNotRead(t *testing.T) {
	body := &endless{line: "une ligne du corps du message\r\n"}
	got, err := Email(io.MultiReader(strings.NewReader("From: a@b.fr\r\nSubject: gros\r\n\r\n"), body))
	if err != nil || got != "De : a@b.fr\nObjet : gros" {
		t.Fatalf("got %q, %v", got, err)
	}
	if body.n > MaxEmailHeader {
		t.Errorf("read %d bytes of the body", body.n)
	}
}

func TestBinaryJunkAsTextGivesPrintableLines(t *testing.T) {
	junk := make([]byte, 20000)
	for i := range junk {
		junk[i] = byte(i*7919 + i>>3)
	}
	p, err := Make(context.Background(), dossier.KindText, bytes.NewReader(junk), int64(len(junk)), 240, 150)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Text {
		if r != '\n' && (r < ' ' || r == 0x7f || r >= 0x80 && r < 0xa0) {
			t.Fatalf("control character %U in %q", r, p.Text)
		}
	}
	if strings.Count(p.Text, "\n") >= TextLines {
		t.Errorf("%d lines", strings.Count(p.Text, "\n")+1)
	}
}
