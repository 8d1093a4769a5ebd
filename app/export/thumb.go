package export

import (
	"bytes"
	"context"
	"image/jpeg"
	"strings"

	"github.com/go-pdf/fpdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// Layout of a text preview in the report: lines of Courier, clipped to the
// thumbnail's width.
const (
	textPt     = 5.5  // font size, points
	textLineH  = 2.5  // line height, mm
	textPad    = 1.5  // inner margin, mm
	textChars  = 48   // characters kept per line (Courier 5.5 pt in 56 mm)
	textFrameH = 24.0 // box height for thumb.TextLines lines, mm
)

// preview makes the preview of one evidence item with the application's
// thumbnailer (package thumb: streamed, bounded). Only one is made at a
// time; the caller keeps the small result only.
func preview(ctx context.Context, src Source, ev dossier.Evidence, limit int) (thumb.Preview, error) {
	rc, err := src.OpenContent(ev.SHA256)
	if err != nil {
		return thumb.Preview{}, err
	}
	defer rc.Close()
	return thumb.Make(ctx, ev.Kind, dossier.CancelReader(ctx, rc), ev.Size, limit, limit)
}

// thumbCell draws one preview at (x, y), its width thumbWidth, and returns
// its height: a picture as JPEG, a text as coloured lines in a frame.
func (r *reportWriter) thumbCell(pv thumb.Preview, name string, x, y float64) (h float64, err error) {
	pdf := r.pdf
	if pv.Image == nil {
		r.textCell(pv, x, y)
		return textFrameH, nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, pv.Image, &jpeg.Options{Quality: 75}); err != nil {
		return 0, err
	}
	b := pv.Image.Bounds()
	dispW, dispH := thumbWidth, thumbWidth*float64(b.Dy())/float64(b.Dx())
	if dispH > thumbMaxH {
		dispW, dispH = thumbMaxH*float64(b.Dx())/float64(b.Dy()), thumbMaxH
	}
	opts := fpdf.ImageOptions{ImageType: "JPG"}
	r.pictureBytes += buf.Len()
	pdf.RegisterImageOptionsReader(name, opts, &buf)
	pdf.ImageOptions(name, x, y, dispW, dispH, false, opts, 0, "")
	if pv.Kind == dossier.KindPDF { // a page's white margin needs an edge
		pdf.SetDrawColor(170, 170, 170)
		pdf.Rect(x, y, dispW, dispH, "D")
	}
	return dispH, nil
}

// textCell draws a text preview's lines, coloured by their syntax, in a
// light frame.
func (r *reportWriter) textCell(pv thumb.Preview, x, y float64) {
	pdf := r.pdf
	pdf.SetFillColor(247, 247, 247)
	pdf.SetDrawColor(190, 190, 190)
	pdf.Rect(x, y, thumbWidth, textFrameH, "FD")
	pdf.ClipRect(x, y, thumbWidth, textFrameH, false)
	pdf.SetFont("Courier", "", textPt)
	for i, line := range pv.Lines(thumb.TextLines) {
		cx, left := x+textPad, textChars
		for _, span := range line {
			text := span.Text
			if n := len([]rune(text)); n > left {
				text = string([]rune(text)[:left])
			}
			if text == "" {
				break
			}
			left -= len([]rune(text))
			cr, cg, cb := printColor(span.Class)
			pdf.SetTextColor(cr, cg, cb)
			pdf.Text(cx, y+textPad+textLineH*float64(i+1)-0.6, r.text(text))
			cx += pdf.GetStringWidth(r.text(text))
		}
	}
	pdf.ClipEnd()
	pdf.SetTextColor(0, 0, 0)
}

// printColor is a syntax class's colour on paper.
func printColor(c thumb.Class) (r, g, b int) {
	switch c {
	case thumb.Muted, thumb.Comment:
		return 120, 120, 120
	case thumb.Keyword:
		return 0, 70, 160
	case thumb.Name:
		return 110, 60, 0
	case thumb.Value, thumb.Info:
		return 0, 120, 60
	case thumb.Error:
		return 190, 0, 0
	case thumb.Warning:
		return 170, 95, 0
	}
	return 30, 30, 30
}

// baseName is the file name of a package path.
func baseName(path string) string { return path[strings.LastIndexByte(path, '/')+1:] }
