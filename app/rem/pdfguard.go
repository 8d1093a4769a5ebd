package rem

import (
	"bufio"
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
// It is tried only where a name starts with one of their initials (far
// faster than running it over the whole file); cross-reference
// subsections are checked by checkXrefAt.
var sizeFields = regexp.MustCompile(`^(?:(/Size|/Columns)\s+(\d+)|/W\s*\[([\d\s]*)\]|/Index\s*\[([\d\s]*)\])`)

// prevField matches the /Prev entry of a trailer or cross-reference
// stream: the offset of the previous cross-reference section. An outline
// item's /Prev, an object reference ("12 0 R"), is another thing.
var prevField = regexp.MustCompile(`^/Prev\s+(\d+)(\s+\d+\s+R)?`)

// checkPDFSizes scans the file in bounded chunks and refuses values that
// would make the PDF library allocate far more than the file could
// describe (a hostile "xref 99999999 1" asks for gigabytes), and chains of
// cross-reference sections that loop (the library follows /Prev forever):
// in a chain that loops, an offset is the /Prev of two sections or the
// /Prev of one is the first section, at startxref.
func checkPDFSizes(r io.ReaderAt, size int64) error {
	maxObjects := size/4 + 4096
	const chunk, overlap = 256 << 10, 256
	buf := make([]byte, chunk+overlap)
	prevs := map[string]bool{}
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf, off)
		if err != nil && err != io.EOF {
			return err
		}
		for i := 0; i < min(n, chunk); i++ {
			k := bytes.IndexByte(buf[i:min(n, chunk)], '/')
			if k < 0 {
				break
			}
			i += k
			if i+1 >= n || !strings.ContainsRune("SCWIP", rune(buf[i+1])) {
				continue
			}
			if m := sizeFields.FindSubmatch(buf[i:min(n, i+overlap)]); m != nil {
				if err := checkSizeMatch(m, maxObjects); err != nil {
					return err
				}
			}
			if m := prevField.FindSubmatch(buf[i:min(n, i+overlap)]); m != nil && m[2] == nil {
				if prevs[string(m[1])] {
					return fmt.Errorf("cross-reference sections chained in a loop at %s", m[1])
				}
				prevs[string(m[1])] = true
			}
		}
		for i := 0; i < min(n, chunk); {
			k := bytes.Index(buf[i:n], []byte("xref"))
			if k < 0 || i+k >= chunk {
				break
			}
			if err := checkXrefAt(r, off+int64(i+k+4), size, maxObjects); err != nil {
				return err
			}
			i += k + 4
		}
	}
	if start := startXref(r, size); start != "" && prevs[start] {
		return fmt.Errorf("cross-reference sections chained in a loop at %s", start)
	}
	return nil
}

// startXref is the offset after the file's last "startxref", where the PDF
// library starts reading cross-reference sections ("" if none).
func startXref(r io.ReaderAt, size int64) string {
	tail := make([]byte, min(size, 1024))
	n, _ := r.ReadAt(tail, size-int64(len(tail)))
	tail = tail[:n]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return ""
	}
	f := bytes.Fields(tail[i+len("startxref"):])
	if len(f) == 0 {
		return ""
	}
	v, err := strconv.ParseInt(string(f[0]), 10, 64)
	if err != nil {
		return ""
	}
	return strconv.FormatInt(v, 10)
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
	}
	return nil
}

// checkXrefAt reads the cross-reference table that follows an "xref"
// keyword at off: its subsection headers ("first count") must stay within
// maxObjects. It reads lines until one is neither a header nor an entry.
func checkXrefAt(r io.ReaderAt, off, size, maxObjects int64) error {
	br := bufio.NewReaderSize(io.NewSectionReader(r, off, size-off), 4096)
	for {
		l, err := br.ReadSlice('\n')
		f := bytes.Fields(l)
		switch {
		case len(f) == 0 && err == nil:
			continue // the end of the "xref" line, or a blank line
		case len(f) == 2:
			a, errA := strconv.ParseInt(string(f[0]), 10, 64)
			b, errB := strconv.ParseInt(string(f[1]), 10, 64)
			if errA != nil || errB != nil {
				return nil
			}
			if a > maxObjects || b > maxObjects {
				return fmt.Errorf("cross-reference subsection %d+%d", a, b)
			}
		case len(f) == 3:
			// an entry: offset, generation, n or f
		default:
			return nil
		}
		if err != nil {
			return nil
		}
	}
}
