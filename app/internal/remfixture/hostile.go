package remfixture

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The hostile workbooks of issue 13, generated (never committed): a
// minimal workbook of one sheet "Exigences" streamed row by row.

// WriteRawXLSX writes a workbook whose only sheet's rows are written by
// rows and whose merged ranges (the <mergeCells> element) by merges (may
// be nil).
func WriteRawXLSX(out io.Writer, rows, merges func(w io.Writer) error) error {
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	const rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rels + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + rels + `"><sheets><sheet name="Exigences" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rels + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			return err
		}
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	if err := rows(w); err != nil {
		return err
	}
	io.WriteString(w, `</sheetData>`)
	if merges != nil {
		if err := merges(w); err != nil {
			return err
		}
	}
	io.WriteString(w, `</worksheet>`)
	return zw.Close()
}

// InlineRow writes row r of inline strings.
func InlineRow(w io.Writer, r int, cells ...string) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, c := range cells {
		col, _ := excelize.ColumnNumberToName(i + 1)
		fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, col, r, c)
	}
	b.WriteString(`</row>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// MillionRows writes headings and 999,999 requirement rows (about 15 MB,
// 120 MB of XML).
func MillionRows(w io.Writer) error { return Rows(1_000_000)(w) }

// Rows writes headings and n-1 compact requirement rows.
func Rows(n int) func(w io.Writer) error {
	return func(w io.Writer) error { return rows(w, n) }
}

func rows(w io.Writer, n int) error {
	if err := InlineRow(w, 1, "ID", "Exigence", "Profil"); err != nil {
		return err
	}
	for r := 2; r <= n; r++ {
		if _, err := fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>INS.%d</t></is></c><c r="B%d"><v>%d</v></c></row>`, r, r, r%1000, r, r); err != nil {
			return err
		}
	}
	return nil
}

// SmallTable writes headings and 198 requirement rows.
func SmallTable(w io.Writer) error {
	if err := InlineRow(w, 1, "ID", "Exigence", "Profil"); err != nil {
		return err
	}
	for r := 2; r < 200; r++ {
		if err := InlineRow(w, r, fmt.Sprintf("INS.%02d", r), "Le système DOIT", "Général"); err != nil {
			return err
		}
	}
	return nil
}

// Merges writes n merged ranges, each from row (i mod 1000)+first to the
// last cell of the sheet: a small file whose ranges cover everything.
func Merges(n, first int) func(w io.Writer) error {
	return func(w io.Writer) error {
		fmt.Fprintf(w, `<mergeCells count="%d">`, n)
		for i := 0; i < n; i++ {
			if _, err := fmt.Fprintf(w, `<mergeCell ref="A%d:XFD1048576"/>`, i%1000+first); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</mergeCells>`)
		return err
	}
}
