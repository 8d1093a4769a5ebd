package rem

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// readPDF reads the requirement table of a REM or DSR annex PDF, page by
// page, within the limits of pdfbudget.go.
func readPDF(r io.ReaderAt, size int64, name string) (*Result, error) {
	if err := checkPDFSizes(r, size); err != nil {
		return nil, dossier.E(dossier.FaultCorruptFile, name, err)
	}
	doc, err := openPDF(r, size)
	if err != nil {
		return nil, pdfOpenError(err, name)
	}
	rep := newReport(name, "pdf")
	t := newTableReader()
	var b pdfBudget
	if err := readPages(doc, t, &b, &rep); err != nil {
		var le limitError
		if errors.As(err, &le) {
			return nil, dossier.ED(dossier.FaultTooLarge, name, le.what, err)
		}
		return nil, dossier.E(dossier.FaultCorruptFile, name, err)
	}
	rep.Pages = b.pages
	if t.text == 0 {
		return nil, dossier.E(dossier.FaultNoText, name, nil)
	}
	bld := newBuilder(&rep)
	rep.Layout = t.finish(bld, &rep)
	cat, err := bld.catalogue(fmt.Sprintf("le PDF « %s »", name))
	res := &Result{Catalogue: cat, Report: rep}
	if err != nil {
		return res, fmt.Errorf("« %s » : %w", name, err)
	}
	res.Report.count(cat)
	return res, nil
}

// readPages walks the page tree and hands each page's lines to t. It
// recovers from the PDF library's panics on a malformed tree.
func readPages(doc *pdf.Reader, t *tableReader, b *pdfBudget, rep *Report) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", errPageTree, p)
		}
	}()
	cache := newDocCache()
	root := doc.Trailer().Key("Root").Key("Pages")
	return walkPages(root, b, func(p pdfPage) error {
		where := fmt.Sprintf("page %d", b.pages)
		lines, err := readPage(p, b.pages, cache, b)
		switch {
		case errors.Is(err, errUnreadablePage):
			rep.skip(where, "contenu de la page illisible")
		case err != nil:
			return err
		case len(lines) == 0:
			rep.skip(where, "page sans texte")
		default:
			t.addPage(b.pages, lines)
		}
		return nil
	})
}

// openPDF opens the document, recovering from the library's panics.
func openPDF(r io.ReaderAt, size int64) (doc *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return pdf.NewReader(r, size)
}

// pdfOpenError classifies the PDF library's opening errors.
func pdfOpenError(err error, name string) error {
	if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
		return dossier.E(dossier.FaultEncrypted, name, err)
	}
	return dossier.E(dossier.FaultCorruptFile, name, err)
}
