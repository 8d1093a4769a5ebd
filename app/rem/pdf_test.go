package rem

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
	"github.com/xuri/excelize/v2"
)

func TestReadPDFTable(t *testing.T) {
	for _, scheme := range []remfixture.Scheme{remfixture.Va1, remfixture.Va2} {
		reqs := remfixture.Requirements(45, scheme)
		data, info := pdfFixture(t, reqs, remfixture.PDFOptions{CoverPage: true})
		if info.Pages < 4 || info.SplitRows == 0 {
			t.Fatalf("fixture too small to test page breaks: %+v", info)
		}
		res, err := readBytes(data, "DSR-RAD-RIS-Va1_v1.3.pdf")
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		checkCatalogue(t, res, reqs, false)
		rep := res.Report
		if rep.Format != "pdf" || rep.Layout != "pdf-table" || rep.Pages != info.Pages {
			t.Errorf("format %q layout %q pages %d (want %d)", rep.Format, rep.Layout, rep.Pages, info.Pages)
		}
		if len(rep.Skipped) != 1 || rep.Skipped[0].Where != "page 1" {
			t.Errorf("skipped %+v, want the cover page only", rep.Skipped)
		}
		if res.Catalogue.Vague != "Vague 1" || res.Catalogue.Version != "v1.3" {
			t.Errorf("vague %q version %q", res.Catalogue.Vague, res.Catalogue.Version)
		}
	}
}

func TestReadPDFWithoutHeadings(t *testing.T) {
	reqs := remfixture.Requirements(30, remfixture.Va2)
	data, _ := pdfFixture(t, reqs, remfixture.PDFOptions{NoHeading: true})
	res, err := readBytes(data, "annexe.pdf")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if res.Report.Layout != "pdf-text" || len(res.Catalogue.Requirements) != len(reqs) {
		t.Fatalf("layout %q, %d requirements, want %d", res.Report.Layout, len(res.Catalogue.Requirements), len(reqs))
	}
	for i, w := range reqs {
		got := res.Catalogue.Requirements[i]
		if got.ID != w.ID || (got.Nature == dossier.Preconisation) != w.Preco || !strings.HasSuffix(got.Statement, w.Statement) {
			t.Errorf("%d: got %s %s %q, want %s preco=%v %q", i, got.ID, got.Nature, got.Statement, w.ID, w.Preco, w.Statement)
		}
	}
}

// scannedPDF is a PDF whose pages hold only drawings, as a scan holds only images.
func scannedPDF(t *testing.T) []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	for i := 0; i < 2; i++ {
		pdf.AddPage()
		pdf.Rect(20, 20, 100, 60, "F")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// otherWorkbook is a spreadsheet that is not a REM.
func otherWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"Nom", "Prénom", "Ville"}, {"Durand", "Anne", "Lyon"}} {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadBadInput(t *testing.T) {
	xlsx := xlsxFixture(t, remfixture.Requirements(5, remfixture.Va1), remfixture.Published, remfixture.XLSXOptions{})
	tests := []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"empty", nil, &dossier.Error{Fault: dossier.FaultEmptyFile}, "vide"},
		{"text", []byte("ID;Exigence\nINS.01;Le logiciel DOIT\n"), &dossier.Error{Fault: dossier.FaultNotREM}, "ni un classeur"},
		{"truncated xlsx", xlsx[:len(xlsx)/2], ErrTruncated, "incomplet"},
		{"legacy xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), &dossier.Error{Fault: dossier.FaultCorruptFile}, ""},
		{"no headings", otherWorkbook(t), &dossier.Error{Fault: dossier.FaultNoTable}, "en-têtes lus : A : Nom | B : Prénom"},
		{"empty sheet", xlsxFixture(t, nil, remfixture.Published, remfixture.XLSXOptions{}), &dossier.Error{Fault: dossier.FaultNoRequirement}, "exigence reconnue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readBytes(tt.data, "fichier")
			if err == nil {
				t.Fatalf("no error, report %+v", res.Report)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if msg := err.Error() + fr.Error(err); !strings.Contains(msg, tt.text) {
				t.Errorf("message %q lacks %q", err, tt.text)
			}
			if res != nil && res.Catalogue != nil {
				t.Errorf("a catalogue came with the error")
			}
		})
	}
}

// TestReadBadPDF: damaged, scanned and hostile PDFs end, quickly, in one
// typed error whose French sentence names the file.
func TestReadBadPDF(t *testing.T) {
	good, _ := pdfFixture(t, remfixture.Requirements(5, remfixture.Va1), remfixture.PDFOptions{})
	tests := []struct {
		name  string
		data  []byte
		fault dossier.Fault
	}{
		{"truncated", good[:len(good)*2/3], dossier.FaultCorruptFile},
		{"scanned", scannedPDF(t), dossier.FaultNoText},
		{"hostile xref", []byte("%PDF-1.4\nxref\n99999999 1\n0000000000 65535 f \ntrailer\n<</Size 1>>\nstartxref\n9\n%%EOF\n"), dossier.FaultCorruptFile},
		{"kids loop", remfixture.KidsLoopPDF(), dossier.FaultCorruptFile},
		{"cross-reference loop", remfixture.PrevLoopPDF(), dossier.FaultCorruptFile},
		{"parent loop", remfixture.ParentLoopPDF(), dossier.FaultNoText},
		{"5000 references to one page", remfixture.SharedPagePDF(5000, 20_000), dossier.FaultCorruptFile},
		{"5000 references to a page of 130000 characters", remfixture.SharedPagePDF(5000, 130_000), dossier.FaultTooLarge},
		{"too many pages", remfixture.ManyPagesPDF(maxPages+1, 10), dossier.FaultTooLarge},
		{"too many characters", remfixture.ManyPagesPDF(60, 50_000), dossier.FaultTooLarge},
		{"too many operators", remfixture.OpsFloodPDF(60, 50_000), dossier.FaultTooLarge},
		{"deep page tree", remfixture.DeepTreePDF(5000), dossier.FaultCorruptFile},
		{"content bomb", remfixture.BombPDF(64 << 20), dossier.FaultTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readBytes(tt.data, "rem.pdf")
			if err == nil {
				t.Fatalf("no error, report %+v", res.Report)
			}
			if !errors.Is(err, &dossier.Error{Fault: tt.fault}) {
				t.Errorf("err = %v, want fault %s", err, tt.fault)
			}
			msg := fr.Error(err)
			if !strings.Contains(msg, "rem.pdf") || strings.Count(msg, ".") > 3 || strings.Contains(msg, "PDF over") {
				t.Errorf("message %q is not one French sentence about rem.pdf", msg)
			}
			if res != nil {
				t.Errorf("a result came with the error: %+v", res.Report)
			}
		})
	}
}

// ansFooter is the running footer of the ANS's published documents.
const ansFooter = "Agence du Numérique en Santé – Classification : Publique – page %d"

// TestReadPDFColumns: the columns of a PDF table are told by the position
// of their headings, in any order and any subset, centred or wrapped; the
// running header and footer never enter a cell; IDs of every grammar,
// split by a stray or non-breaking space, are read normalised.
func TestReadPDFColumns(t *testing.T) {
	c := func(cols ...remfixture.Column) []remfixture.Column { return cols }
	tests := []struct {
		name string
		o    remfixture.PDFOptions
	}{
		{"published order, ANS footer", remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter}},
		{"centred headings", remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter, CenterHeadings: true, CoverPage: true}},
		{"wrapped headings", remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, WrapHeadings: true, CenterHeadings: true}},
		{"other order", remfixture.PDFOptions{Columns: c(remfixture.ColNature, remfixture.ColProfile, remfixture.ColID, remfixture.ColStatement, remfixture.ColSection),
			Header: "REM RIS – version %d.0", Footer: ansFooter}},
		{"subset", remfixture.PDFOptions{Columns: c(remfixture.ColID, remfixture.ColProfile, remfixture.ColStatement), Footer: ansFooter}},
		{"traps", remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter, Traps: true}},
		{"heading on the first page only", remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter,
			HeadingOnce: true, CenterHeadings: true, CoverPage: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reqs := remfixture.Requirements(70, remfixture.Va2)
			data, info := pdfFixture(t, reqs, tt.o)
			if info.SplitRows == 0 {
				t.Fatalf("no row split across pages: %+v", info)
			}
			res, err := readBytes(data, "REM_RIS_va2.pdf")
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkCatalogue(t, res, reqs, false)
			if res.Report.Layout != "pdf-table" {
				t.Errorf("layout %q", res.Report.Layout)
			}
			for _, r := range res.Catalogue.Requirements {
				if strings.Contains(r.Statement, "Agence") || strings.Contains(r.Statement, "REM RIS") || strings.Contains(r.Statement, "\u00a0") {
					t.Errorf("%s: running text or NBSP in %q", r.ID, r.Statement)
				}
			}
		})
	}
}

// TestReadPDFMixedIDs: one PDF table mixing every ID grammar of the ANS,
// written with stray and non-breaking spaces, reads every requirement
// under its normalised ID, with its profile and nature.
func TestReadPDFMixedIDs(t *testing.T) {
	forms := []string{"DB.VI-CO.%02d", "DB.VI_SO.%02d", "DB/VI_SO.%02d", "DB.SO.1%02d", "SC.DMP/CONF.%02d",
		"SC.DMP/HISTO.%02d", "SGL.CDA/DD.%02d", "PSC.%02d", "RIS.INS.%02d", "INS/va1.%02d", "DMP/UX.%02d"}
	reqs := remfixture.Requirements(3*len(forms), remfixture.Va2)
	for i := range reqs {
		reqs[i].ID = fmt.Sprintf(forms[i%len(forms)], i/len(forms)+1)
	}
	data, _ := pdfFixture(t, reqs, remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, Traps: true,
		CenterHeadings: true, Footer: ansFooter})
	res, err := readBytes(data, "REM_DB_va2.pdf")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkCatalogue(t, res, reqs, false)
}

// TestReadPDFTextAfterTheTable: the paragraphs after the table on the
// last page (a closing note, a signature block) end the table: they are
// neither part of the last requirement's statement nor requirements.
func TestReadPDFTextAfterTheTable(t *testing.T) {
	closing := []string{"Le présent référentiel a été validé par le comité de pilotage du Ségur numérique. Toute question sur son contenu est à adresser à l'Agence du Numérique en Santé par le formulaire de contact de son site, en précisant le couloir et la vague concernés."}
	signature := []string{"Fait à Paris, le 30 novembre 2026", "La directrice de l'Agence du Numérique en Santé"}
	for _, o := range []remfixture.PDFOptions{
		{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter, Signature: signature},
		{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter, Closing: closing, Signature: signature},
		{Columns: remfixture.PublishedPDFColumns, Footer: ansFooter, CenterHeadings: true, Closing: closing},
		{Columns: []remfixture.Column{remfixture.ColNature, remfixture.ColProfile, remfixture.ColID, remfixture.ColStatement},
			Footer: ansFooter, Closing: closing, Signature: signature},
	} {
		reqs := remfixture.Requirements(40, remfixture.Va2)
		data, _ := pdfFixture(t, reqs, o)
		res, err := readBytes(data, "REM_RIS_va2.pdf")
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		checkCatalogue(t, res, reqs, false)
		got := res.Catalogue.Requirements
		if last := got[len(got)-1]; last.Statement != reqs[len(reqs)-1].Statement {
			t.Errorf("last statement %q, want %q", last.Statement, reqs[len(reqs)-1].Statement)
		}
		if s := res.Report.Skipped; len(s) != 1 || s[0].Reason != "texte après le tableau" {
			t.Errorf("skipped %+v, want the text after the table", s)
		}
	}
}
