package thumb

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Preview is what a proof looks like in small, for the application's
// cards and the report's thumbnails: a picture (an image scaled down, the
// first page of a PDF) or the first lines of a text (a log, XML, HL7, the
// header of an e-mail), which Lines colours by its syntax.
type Preview struct {
	Kind  dossier.Kind
	Image image.Image // nil for a text preview
	Text  string      // "" for a picture
}

// Lines returns the first n lines of a text preview, coloured by the
// syntax of its kind (Highlight).
func (p Preview) Lines(n int) []Line {
	lines := Highlight(p.Kind, p.Text)
	return lines[:min(n, len(lines))]
}

// ErrNoPreview is the error for a kind that has no preview (an archive):
// it keeps its icon.
var ErrNoPreview = errors.New("no preview for this kind")

// Pictured reports the kinds whose preview is a picture (the others that
// have one are texts).
func Pictured(k dossier.Kind) bool {
	return k == dossier.KindImage || k == dossier.KindPDF
}

// Has reports the kinds that get more than an icon.
func Has(k dossier.Kind) bool {
	switch k {
	case dossier.KindImage, dossier.KindPDF, dossier.KindText, dossier.KindXML, dossier.KindHL7, dossier.KindEmail:
		return true
	}
	return false
}

// Make is the one thumbnailer: the preview of a proof of this kind whose
// content r yields (size bytes), pictures fitting maxW×maxH pixels. It
// reads what the preview needs, never the whole of a big file in memory,
// within the bounds of each kind (MaxPixels, the PDF budgets, TextBytes,
// MaxEmailHeader). A PDF is read where PDFium asks: in place when r can
// seek, else through a temporary file.
func Make(ctx context.Context, kind dossier.Kind, r io.Reader, size int64, maxW, maxH int) (Preview, error) {
	p := Preview{Kind: kind}
	var err error
	switch kind {
	case dossier.KindImage:
		p.Image, err = Decode(r, maxW, maxH)
	case dossier.KindPDF:
		p.Image, err = pdfFrom(ctx, r, size, maxW, maxH)
	case dossier.KindText, dossier.KindXML, dossier.KindHL7:
		p.Text, err = Text(r)
	case dossier.KindEmail:
		p.Text, err = Email(r)
	default:
		err = fmt.Errorf("%w: %s", ErrNoPreview, kind)
	}
	if err != nil {
		return Preview{Kind: kind}, err
	}
	return p, nil
}

// pdfFrom renders a PDF's first page from r, spooling r to a temporary
// file first when it cannot seek (the dossier's content is a stream of
// chunks).
func pdfFrom(ctx context.Context, r io.Reader, size int64, maxW, maxH int) (image.Image, error) {
	if size <= 0 || size > MaxPDFBytes {
		return nil, fmt.Errorf("%w: size %d bytes", ErrPDF, size)
	}
	if rs, ok := r.(io.ReadSeeker); ok {
		return PDF(ctx, rs, size, maxW, maxH)
	}
	tmp, err := os.CreateTemp("", "apercu-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, io.LimitReader(r, size))
	if err != nil {
		return nil, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return PDF(ctx, tmp, n, maxW, maxH)
}
