package rem

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// sizeFields matches the PDF fields whose values the PDF library uses as
// allocation sizes without bounds: cross-reference sizes and subsections,
// xref-stream field widths and predictor columns.
var sizeFields = regexp.MustCompile(`(/Size|/Columns)\s+(\d+)|/W\s*\[([\d\s]*)\]|/Index\s*\[([\d\s]*)\]|(?:xref|[\r\n])[ \t\r\n]*(\d+)[ \t]+(\d+)[ \t]*\r?\n`)

// checkPDFSizes scans the file in bounded chunks and refuses values that
// would make the PDF library allocate far more than the file could
// describe (a hostile "xref 99999999 1" asks for gigabytes).
func checkPDFSizes(r io.ReaderAt, size int64) error {
	maxObjects := size/4 + 4096
	const chunk, overlap = 256 << 10, 256
	buf := make([]byte, chunk+overlap)
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf, off)
		if err != nil && err != io.EOF {
			return err
		}
		for _, m := range sizeFields.FindAllSubmatch(buf[:n], -1) {
			if err := checkSizeMatch(m, maxObjects); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkSizeMatch(m [][]byte, maxObjects int64) error {
	ints := func(b []byte) []int64 {
		var out []int64
		for _, f := range strings.Fields(string(b)) {
			v, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				v = 1 << 62 // too many digits
			}
			out = append(out, v)
		}
		return out
	}
	switch {
	case bytes.Equal(m[1], []byte("/Size")):
		if v := ints(m[2]); len(v) == 1 && v[0] > maxObjects {
			return fmt.Errorf("cross-reference size %d", v[0])
		}
	case bytes.Equal(m[1], []byte("/Columns")):
		if v := ints(m[2]); len(v) == 1 && v[0] > 1<<20 {
			return fmt.Errorf("predictor of %d columns", v[0])
		}
	case m[3] != nil:
		for _, w := range ints(m[3]) {
			if w > 8 {
				return fmt.Errorf("cross-reference field of %d bytes", w)
			}
		}
	case m[4] != nil:
		v := ints(m[4])
		for i := 0; i+1 < len(v); i += 2 {
			if v[i] > maxObjects || v[i+1] > maxObjects {
				return fmt.Errorf("cross-reference subsection %d+%d", v[i], v[i+1])
			}
		}
	case m[5] != nil:
		v := append(ints(m[5]), ints(m[6])...)
		if len(v) == 2 && (v[0] > maxObjects || v[1] > maxObjects) {
			return fmt.Errorf("cross-reference subsection %d+%d", v[0], v[1])
		}
	}
	return nil
}
