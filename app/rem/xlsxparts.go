package rem

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The spreadsheet library reads merged ranges by loading the whole sheet
// and merging overlapping ranges pairwise, which a small hostile file turns
// into gigabytes. The ranges are read here instead, by scanning the sheet's
// XML as a stream, with a budget.

// maxMerges bounds the merged ranges read from one sheet; a published REM
// has a few thousand at most (requirement cells merged over their
// scenario rows).
const maxMerges = 20000

// mergeRange is a merged range, 1-based and inclusive.
type mergeRange struct{ c1, r1, c2, r2 int }

// sheetParts maps each sheet name to its XML part in the archive.
func sheetParts(zr *zip.Reader) map[string]string {
	out := map[string]string{}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if decodePart(zr, "xl/workbook.xml", &wb) != nil || decodePart(zr, "xl/_rels/workbook.xml.rels", &rels) != nil {
		return out
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	for _, s := range wb.Sheets {
		if t, ok := target[s.RID]; ok {
			out[s.Name] = t
		}
	}
	return out
}

// decodePart decodes a small XML part (at most 4 MiB read).
func decodePart(zr *zip.Reader, name string, v any) error {
	f := findPart(zr, name)
	if f == nil {
		return io.ErrUnexpectedEOF
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 4<<20)).Decode(v)
}

func findPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// readMerges scans a sheet part for <mergeCell ref="A1:B2"/> elements. It
// stops at maxMerges ranges and reports whether more were left.
func readMerges(zr *zip.Reader, part string) (out []mergeRange, tooMany bool) {
	f := findPart(zr, part)
	if f == nil {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	tag := []byte("mergeCell ")
	var win []byte
	buf := make([]byte, 64<<10)
	for {
		n, err := br.Read(buf)
		win = append(win, buf[:n]...)
		for {
			i := bytes.Index(win, tag)
			if i < 0 {
				win = keepTail(win, len(tag)-1) // a tag may straddle chunks
				break
			}
			end := bytes.IndexByte(win[i:], '>')
			if end < 0 {
				win = keepTail(win[i:], 4096) // the element ends in the next chunk
				break
			}
			if m, ok := parseMergeRef(win[i : i+end]); ok {
				if len(out) == maxMerges {
					return out, true
				}
				out = append(out, m)
			}
			win = win[i+end:]
		}
		if err != nil {
			return out, false
		}
	}
}

// parseMergeRef reads the ref attribute of a mergeCell element.
func parseMergeRef(el []byte) (mergeRange, bool) {
	i := bytes.Index(el, []byte(`ref="`))
	if i < 0 {
		return mergeRange{}, false
	}
	ref := el[i+5:]
	j := bytes.IndexByte(ref, '"')
	if j < 0 {
		return mergeRange{}, false
	}
	a, b, ok := strings.Cut(string(ref[:j]), ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 {
		return mergeRange{}, false
	}
	return mergeRange{c1, r1, c2, r2}, true
}

// keepTail keeps at most the last n bytes of b, in place.
func keepTail(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	return append(b[:0], b[len(b)-n:]...)
}
