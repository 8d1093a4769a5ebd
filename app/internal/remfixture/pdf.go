package remfixture

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
)

// PDFOptions shapes a generated PDF table.
type PDFOptions struct {
	CoverPage bool // a title page with no table before the table pages
	NoHeading bool // no heading line: IDs at the start of lines, text after them
	// Columns are the table's columns in order (nil: ID, Section, Nature,
	// Profil, Énoncé). ColID and ColStatement are required.
	Columns []Column
	// Header and Footer are the running header and footer written on every
	// page; %d in them is the page number ("": a title, "Page %d").
	Header, Footer string
	HeadingOnce    bool // the heading line on the first table page only
	CenterHeadings bool // headings centred over their column, cells left-aligned
	WrapHeadings   bool // each heading of two words or more on two lines
	// Traps writes IDs and text as the ANS does at times: a stray space or a
	// non-breaking space after an ID's prefix ("SC. DMP/HISTO.01"), and
	// non-breaking spaces before French colons and HTML entities
	// ("t&eacute;l&eacute;service") in statements.
	Traps bool
	// Closing are paragraphs written after the table, below its last row
	// on the same page, from the left margin across the page's width (a
	// closing note); Signature the lines written below them, right-aligned
	// (a signature block).
	Closing, Signature []string
}

// Column is a column of the generated PDF table.
type Column int

// The columns of the REM PDF tables.
const (
	ColID Column = iota
	ColSection
	ColNature
	ColProfile
	ColStatement
)

// PublishedPDFColumns is the order of the ANS's published REM PDF.
var PublishedPDFColumns = []Column{ColID, ColSection, ColProfile, ColNature, ColStatement}

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

var pdfColumns = map[Column]pdfColumn{
	ColID: {"N° exigence", 32}, ColSection: {"Section", 16}, ColNature: {"Nature", 30}, ColProfile: {"Profil", 40},
	ColStatement: {"Énoncé (DOIT) ou préconisation (PEUT)", 150},
}

var defaultColumns = []Column{ColID, ColSection, ColNature, ColProfile, ColStatement}

// cell is the text r shows in column c.
func (r Req) cell(c Column, traps bool) string {
	switch c {
	case ColID:
		if p := strings.Index(r.ID, "."); traps && p > 0 && strings.Count(r.ID, ".") > 1 {
			sep := " "
			if len(r.ID)%2 == 0 {
				sep = "\u00a0"
			}
			return r.ID[:p+1] + sep + r.ID[p+1:]
		}
		return r.ID
	case ColSection:
		return r.Section
	case ColNature:
		if r.Preco {
			return "PRECONISATION"
		}
		return "EXIGENCE"
	case ColProfile:
		return r.ProfileName()
	}
	if traps {
		s := strings.ReplaceAll(r.Statement, " :", "\u00a0:")
		return strings.ReplaceAll(s, "téléservice", "t&eacute;l&eacute;service")
	}
	return r.Statement
}

// WritePDF writes reqs as a REM-like table (A4 landscape, core Helvetica,
// cp1252), with a running header and footer, the heading line repeated on
// each page, and multi-line cells that may continue on the next page.
// It returns what it wrote.
func WritePDF(w io.Writer, reqs []Req, o PDFOptions) (PDFInfo, error) {
	var info PDFInfo
	cols := o.Columns
	if cols == nil {
		cols = defaultColumns
	}
	header, footer := o.Header, o.Footer
	if header == "" {
		header = "Référentiel d'exigences minimales — RIS — document de test"
	}
	if footer == "" {
		footer = "Page %d"
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetFont("Helvetica", "", 8)
	const top, bottom, lineH, left = 22.0, 195.0, 4.0, 10.0
	y, headed := 0.0, false
	running := func(s string) string {
		if strings.Contains(s, "%d") {
			s = fmt.Sprintf(s, pdf.PageNo())
		}
		return tr(s)
	}
	newPage := func(table bool) {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 10)
		pdf.Text(left, 12, running(header))
		pdf.SetFont("Helvetica", "", 7)
		pdf.Text(left, 203, running(footer))
		y = top
		if table && !o.NoHeading && !(o.HeadingOnce && headed) {
			y = writeHeadings(pdf, tr, cols, o, left, y, lineH)
			headed = true
		}
		pdf.SetFont("Helvetica", "", 8)
	}
	if o.CoverPage {
		newPage(false)
		pdf.SetFont("Helvetica", "B", 16)
		pdf.Text(left, 80, tr("Ségur numérique — Référentiel d'exigences minimales"))
		pdf.SetFont("Helvetica", "", 8)
	}
	newPage(true)
	for _, r := range reqs {
		texts := make([]string, len(cols))
		widths := make([]float64, len(cols))
		for i, c := range cols {
			texts[i], widths[i] = r.cell(c, o.Traps), pdfColumns[c].width
		}
		if o.NoHeading {
			texts = []string{r.cell(ColID, o.Traps), r.cell(ColNature, false) + " " + r.cell(ColStatement, o.Traps)}
			widths = []float64{pdfColumns[ColID].width, 200}
		}
		lines := make([][]string, len(texts))
		maxLines := 0
		for i, t := range texts {
			// SplitText measures UTF-8 runes of the Latin-1 range, so split
			// first and translate each line to cp1252 afterwards.
			lines[i] = pdf.SplitText(t, widths[i]-2)
			for k := range lines[i] {
				lines[i][k] = tr(lines[i][k])
			}
			maxLines = max(maxLines, len(lines[i]))
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
			for i := range lines {
				if k < len(lines[i]) {
					pdf.Text(x+1, y, lines[i][k])
				}
				x += widths[i]
			}
			y += lineH
		}
	}
	if len(o.Closing)+len(o.Signature) > 0 {
		writeClosing(pdf, tr, o, left, y+2*lineH, lineH)
	}
	info.Pages = pdf.PageNo()
	return info, pdf.Output(w)
}

// writeClosing writes the closing paragraphs and the signature block
// from y down.
func writeClosing(pdf *fpdf.Fpdf, tr func(string) string, o PDFOptions, left, y, lineH float64) {
	pdf.SetFont("Helvetica", "", 9)
	for _, p := range o.Closing {
		for _, l := range pdf.SplitText(p, 270) {
			pdf.Text(left+1, y, tr(l))
			y += lineH
		}
		y += lineH / 2
	}
	const right = 287.0
	for _, l := range o.Signature {
		pdf.Text(right-pdf.GetStringWidth(tr(l)), y, tr(l))
		y += lineH
	}
}

// writeHeadings writes the heading line(s) of the table at y and returns
// where the rows start.
func writeHeadings(pdf *fpdf.Fpdf, tr func(string) string, cols []Column, o PDFOptions, left, y, lineH float64) float64 {
	pdf.SetFont("Helvetica", "B", 8)
	x, lines := left, 1
	for _, c := range cols {
		col := pdfColumns[c]
		parts := []string{col.heading}
		if f := strings.Fields(col.heading); o.WrapHeadings && len(f) > 1 {
			parts = []string{strings.Join(f[:(len(f)+1)/2], " "), strings.Join(f[(len(f)+1)/2:], " ")}
		}
		for k, p := range parts {
			at := x + 1
			if o.CenterHeadings {
				at = x + (col.width-pdf.GetStringWidth(tr(p)))/2
			}
			pdf.Text(at, y+float64(k)*(lineH-0.5), tr(p))
		}
		lines = max(lines, len(parts))
		x += col.width
	}
	return y + float64(lines)*(lineH-0.5) + 2.5
}

// ReqsFor60Pages is the number of generated requirements that fills a
// 60-page PDF table.
const ReqsFor60Pages = 800
