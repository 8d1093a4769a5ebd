package rem

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// hostileXLSX writes a minimal workbook of one sheet whose XML is made by
// body (the rows) and merges (the merged ranges), streamed and compressed:
// the hostile files of issue 13 are reproduced here, never committed.
func hostileXLSX(t testing.TB, body func(w io.Writer) error, merges func(w io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Exigences" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[name])
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	if err := body(w); err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `</sheetData>`)
	if merges != nil {
		if err := merges(w); err != nil {
			t.Fatal(err)
		}
	}
	io.WriteString(w, `</worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inlineRow writes one row of inline strings.
func inlineRow(w io.Writer, r int, cells ...string) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, ColumnName(i), r, c)
	}
	b.WriteString(`</row>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// withTempDir points the temporary folder at an empty one and returns it,
// to count what an import leaves behind.
func withTempDir(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	t.Setenv("TMP", dir)
	t.Setenv("TEMP", dir)
	return dir
}

func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind in the temporary folder: %s", e.Name())
	}
}

// A workbook of a million rows stops at the row budget with one clear
// sentence, and leaves no temporary file (issue 13: 7.7 GB of RAM and a
// 262 MB /tmp/excelize-* file).
func TestHostileMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1,000,000-row workbook")
	}
	tmp := withTempDir(t)
	data := hostileXLSX(t, func(w io.Writer) error {
		if err := inlineRow(w, 1, "ID", "Exigence", "Profil"); err != nil {
			return err
		}
		for r := 2; r <= 1_000_000; r++ {
			if _, err := fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>INS.%d</t></is></c><c r="B%d"><v>%d</v></c></row>`, r, r, r%1000, r, r); err != nil {
				return err
			}
		}
		return nil
	}, nil)
	_, err := readBytes(data, "lignes.xlsx")
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) {
		t.Fatalf("err = %v, want too large", err)
	}
	if msg := fr.Error(err); !strings.Contains(msg, "lignes.xlsx") || !strings.Contains(msg, "lignes") {
		t.Errorf("message %q", msg)
	}
	assertEmptyDir(t, tmp)
}

// Thousands of merged ranges over the whole sheet are read from the XML
// with a budget (issue 13: a 27 KB file took 2.3 GB in the library's
// merge handling).
func TestHostileMergedRanges(t *testing.T) {
	rows := func(w io.Writer) error {
		if err := inlineRow(w, 1, "ID", "Exigence", "Profil"); err != nil {
			return err
		}
		for r := 2; r < 200; r++ {
			if err := inlineRow(w, r, fmt.Sprintf("INS.%02d", r), "Le système DOIT", "Général"); err != nil {
				return err
			}
		}
		return nil
	}
	t.Run("too many ranges", func(t *testing.T) {
		data := hostileXLSX(t, rows, func(w io.Writer) error {
			io.WriteString(w, `<mergeCells count="50000">`)
			for i := 0; i < 50_000; i++ {
				fmt.Fprintf(w, `<mergeCell ref="A%d:XFD1048576"/>`, i%1000+1)
			}
			_, err := io.WriteString(w, `</mergeCells>`)
			return err
		})
		if len(data) > 200<<10 {
			t.Fatalf("generated %d bytes, want a small file", len(data))
		}
		_, err := readBytes(data, "fusions.xlsx")
		if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) || !strings.Contains(fr.Error(err), "fusionnées") {
			t.Fatalf("err = %v (%s), want too many merged ranges", err, fr.Error(err))
		}
	})
	t.Run("huge overlapping ranges", func(t *testing.T) {
		data := hostileXLSX(t, rows, func(w io.Writer) error {
			io.WriteString(w, `<mergeCells count="5000">`)
			for i := 0; i < 5000; i++ {
				fmt.Fprintf(w, `<mergeCell ref="A2:XFD1048576"/>`)
			}
			_, err := io.WriteString(w, `</mergeCells>`)
			return err
		})
		_, err := readBytes(data, "fusions.xlsx")
		if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) {
			t.Fatalf("err = %v, want the cell budget", err)
		}
	})
}

// A temporary folder left by a killed import is swept by the next one,
// once older than any import lasts; a recent one (a live import) is kept.
func TestSweepTemp(t *testing.T) {
	base := t.TempDir()
	old := filepath.Join(base, tempPrefix+"old")
	live := filepath.Join(base, tempPrefix+"live")
	other := filepath.Join(base, "excelize-other")
	for _, d := range []string{old, live, other} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(other, past, past); err != nil {
		t.Fatal(err)
	}
	sweepTemp(base, time.Now())
	for d, want := range map[string]bool{old: false, live: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(d), err == nil, want)
		}
	}
}
