package remfixture

import (
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"
)

// PDFOptions shapes a generated PDF table.
type PDFOptions struct {
	CoverPage bool // a title page with no table before the table pages
	NoHeading bool // no heading line: IDs at the start of lines, text after them
}

// PDFInfo tells what WritePDF wrote.
type PDFInfo struct {
	Pages     int // pages in the document
	SplitRows int // table rows whose lines continue on the next page
}

// pdfColumn is a column of the generated table.
type pdfColumn struct {
	heading string
	width   float64
}

var pdfColumns = []pdfColumn{
	{"N° exigence", 32}, {"Section", 16}, {"Nature", 30}, {"Profil", 40}, {"Énoncé (DOIT) ou préconisation (PEUT)", 150},
}

// WritePDF writes reqs as a REM-like table (A4 landscape, core Helvetica,
// cp1252), with a running title and page footer, the heading line repeated
// on each page, and multi-line cells that may continue on the next page.
// It returns what it wrote.
func WritePDF(w io.Writer, reqs []Req, o PDFOptions) (PDFInfo, error) {
	var info PDFInfo
	pdf := fpdf.New("L", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetFont("Helvetica", "", 8)
	const top, bottom, lineH, left = 22.0, 195.0, 4.0, 10.0
	y := 0.0
	newPage := func(table bool) {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 10)
		pdf.Text(left, 12, tr("Référentiel d'exigences minimales — RIS — document de test"))
		pdf.SetFont("Helvetica", "", 7)
		pdf.Text(left, 203, fmt.Sprintf("Page %d", pdf.PageNo()))
		pdf.SetFont("Helvetica", "", 8)
		y = top
		if table && !o.NoHeading {
			pdf.SetFont("Helvetica", "B", 8)
			x := left
			for _, c := range pdfColumns {
				pdf.Text(x+1, y, tr(c.heading))
				x += c.width
			}
			pdf.SetFont("Helvetica", "", 8)
			y += lineH + 2
		}
	}
	if o.CoverPage {
		newPage(false)
		pdf.SetFont("Helvetica", "B", 16)
		pdf.Text(left, 80, tr("Ségur numérique — Référentiel d'exigences minimales"))
		pdf.SetFont("Helvetica", "", 8)
	}
	newPage(true)
	for _, r := range reqs {
		nature := "EXIGENCE"
		if r.Preco {
			nature = "PRECONISATION"
		}
		texts := []string{r.ID, r.Section, nature, r.ProfileName(), r.Statement}
		if o.NoHeading {
			texts = []string{r.ID, nature + " " + r.Statement}
		}
		cols := make([][]string, len(texts))
		maxLines := 0
		for i, t := range texts {
			width := pdfColumns[i].width
			if o.NoHeading && i == 1 {
				width = 200
			}
			// SplitText measures UTF-8 runes of the Latin-1 range, so split
			// first and translate each line to cp1252 afterwards.
			cols[i] = pdf.SplitText(t, width-2)
			for k := range cols[i] {
				cols[i][k] = tr(cols[i][k])
			}
			maxLines = max(maxLines, len(cols[i]))
		}
		y += 1.5 // row separation
		for k := 0; k < maxLines; k++ {
			if y > bottom {
				newPage(true)
				if k > 0 {
					info.SplitRows++
				}
			}
			x := left
			for i := range cols {
				if k < len(cols[i]) {
					pdf.Text(x+1, y, cols[i][k])
				}
				if o.NoHeading && i == 0 {
					x += pdfColumns[0].width
				} else {
					x += pdfColumns[i].width
				}
			}
			y += lineH
		}
	}
	info.Pages = pdf.PageNo()
	return info, pdf.Output(w)
}

// ReqsFor60Pages is the number of generated requirements that fills a
// 60-page PDF table.
const ReqsFor60Pages = 800
