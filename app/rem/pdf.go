package rem

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// maxPages bounds the work on a hostile page count.
const maxPages = 5000

// readPDF reads the requirement table of a REM or DSR annex PDF.
func readPDF(r io.ReaderAt, size int64, name string) (*Result, error) {
	if err := checkPDFSizes(r, size); err != nil {
		return nil, fmt.Errorf("%w : le PDF « %s » a une structure incohérente (%v). Téléchargez-le de nouveau", ErrTruncated, name, err)
	}
	doc, err := openPDF(r, size)
	if err != nil {
		return nil, pdfOpenError(err, name)
	}
	n := doc.NumPage()
	if n <= 0 || n > maxPages {
		return nil, fmt.Errorf("%w : le PDF « %s » annonce %d pages ; sa structure est endommagée. Téléchargez-le de nouveau", ErrTruncated, name, n)
	}
	rep := newReport(name, "pdf")
	rep.Pages = n
	pages := make([][]line, n)
	withText := 0
	for i := 1; i <= n; i++ {
		lines, err := pageLines(doc.Page(i), i)
		if err != nil {
			rep.skip(fmt.Sprintf("page %d", i), err.Error())
			continue
		}
		if len(lines) == 0 {
			rep.skip(fmt.Sprintf("page %d", i), "page sans texte")
			continue
		}
		pages[i-1] = lines
		withText++
	}
	if withText == 0 {
		return nil, fmt.Errorf("%w : « %s » n'a aucune page avec du texte extractible, c'est sans doute un document numérisé. Importez plutôt le REM au format XLSX ou un PDF produit par l'ANS", ErrNoText, name)
	}
	b := newBuilder(&rep)
	rep.Layout = parseTable(pages, b, &rep)
	cat, err := b.catalogue(fmt.Sprintf("le PDF « %s »", name))
	res := &Result{Catalogue: cat, Report: rep}
	if err != nil {
		return res, fmt.Errorf("« %s » : %w", name, err)
	}
	res.Report.count(cat)
	return res, nil
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

// pdfOpenError turns the PDF library's opening errors into French sentences.
func pdfOpenError(err error, name string) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt"):
		return fmt.Errorf("%w : le PDF « %s » est protégé par un mot de passe. Enregistrez-en une copie sans protection puis importez-la", ErrEncrypted, name)
	case strings.Contains(msg, "EOF") || strings.Contains(msg, "xref") || strings.Contains(msg, "startxref"):
		return fmt.Errorf("%w : le PDF « %s » est incomplet ou endommagé (%v). Téléchargez-le de nouveau", ErrTruncated, name, err)
	}
	return fmt.Errorf("%w : le PDF « %s » n'a pas pu être lu (%v). Vérifiez le fichier ou importez le REM au format XLSX", dossier.ErrUnsupportedFile, name, err)
}
