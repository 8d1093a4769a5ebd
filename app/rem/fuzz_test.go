package rem

import (
	"testing"

	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

// checkFuzzResult asserts what must hold for any input: no panic (the
// fuzzer reports those), and a successful import gives a valid catalogue
// whose report agrees with it.
func checkFuzzResult(t *testing.T, data []byte) {
	res, err := readBytes(data, "fuzz")
	if err != nil {
		if res != nil && res.Catalogue != nil {
			t.Fatalf("error %v came with a catalogue", err)
		}
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		return
	}
	if err := res.Catalogue.Validate(); err != nil {
		t.Fatalf("imported catalogue does not validate: %v", err)
	}
	if res.Report.Requirements != len(res.Catalogue.Requirements) ||
		res.Report.Exigences+res.Report.Preconisations != res.Report.Requirements {
		t.Fatalf("report %+v disagrees with %d requirements", res.Report, len(res.Catalogue.Requirements))
	}
}

func FuzzReadXLSX(f *testing.F) {
	reqs := remfixture.Requirements(4, remfixture.Va2)
	f.Add(xlsxFixture(f, reqs, remfixture.Published, remfixture.XLSXOptions{Protect: true, NoIDRow: true, Duplicate: true}))
	f.Add(xlsxFixture(f, reqs, remfixture.Convergence, remfixture.XLSXOptions{TitleRows: 1, BlankRow: true}))
	f.Add(xlsxFixture(f, reqs[:1], remfixture.Published, remfixture.XLSXOptions{Password: "x"}))
	f.Fuzz(checkFuzzResult)
}

func FuzzReadPDF(f *testing.F) {
	reqs := remfixture.Requirements(6, remfixture.Va1)
	data, _ := pdfFixture(f, reqs, remfixture.PDFOptions{})
	f.Add(data)
	data, _ = pdfFixture(f, reqs[:3], remfixture.PDFOptions{NoHeading: true})
	f.Add(data)
	data, _ = pdfFixture(f, reqs, remfixture.PDFOptions{Columns: remfixture.PublishedPDFColumns, CenterHeadings: true,
		WrapHeadings: true, Traps: true, Footer: "Agence du Numérique en Santé – page %d"})
	f.Add(data)
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	// Small forms of the hostile files of TestReadBadPDF.
	f.Add(remfixture.KidsLoopPDF())
	f.Add(remfixture.ParentLoopPDF())
	f.Add(remfixture.PrevLoopPDF())
	f.Add(remfixture.SharedPagePDF(40, 300))
	f.Add(remfixture.ManyPagesPDF(40, 300))
	f.Add(remfixture.DeepTreePDF(40))
	f.Add(remfixture.BombPDF(1 << 16))
	f.Fuzz(checkFuzzResult)
}
