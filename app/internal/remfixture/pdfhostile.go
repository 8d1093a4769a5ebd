package remfixture

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// This file writes hostile PDFs, small files that make a naive reader
// loop, or exhaust its memory or time. Object 1 is always the catalogue
// and object 2 the root of the page tree.

// RawPDF assembles a PDF from object bodies (objs[i] is object i+1) with a
// correct cross-reference table.
func RawPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// PrevLoopPDF is a one-page PDF whose cross-reference section names
// itself as the previous one (/Prev): a reader that follows the chain
// never ends.
func PrevLoopPDF() []byte {
	b := RawPDF([]string{catalog, "<</Type/Pages/Kids[3 0 R]/Count 1>>", "<</Type/Page/Parent 2 0 R>>"})
	i := bytes.LastIndex(b, []byte("startxref\n"))
	xref := string(bytes.Fields(b[i+len("startxref"):])[0])
	return bytes.Replace(b, []byte("/Root 1 0 R>>"), []byte("/Root 1 0 R/Prev "+xref+">>"), 1)
}

// stream is the body of a stream object holding data, Flate-compressed
// when deflate is set.
func stream(data []byte, deflate bool) string {
	if !deflate {
		return fmt.Sprintf("<</Length %d>>stream\n%s\nendstream", len(data), data)
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return fmt.Sprintf("<</Length %d/Filter/FlateDecode>>stream\n%s\nendstream", z.Len(), z.Bytes())
}

const (
	catalog   = "<</Type/Catalog/Pages 2 0 R>>"
	helvetica = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"
)

// textContent is a content stream showing n glyphs in lines of 100.
func textContent(n int) []byte {
	var b bytes.Buffer
	line := strings.Repeat("x", 100)
	b.WriteString("BT /F1 6 Tf\n")
	for i := 0; n > 0; i++ {
		k := min(n, len(line))
		fmt.Fprintf(&b, "1 0 0 1 20 %d Tm (%s) Tj\n", 20+i%100*7, line[:k])
		n -= k
	}
	b.WriteString("ET\n")
	return b.Bytes()
}

// KidsLoopPDF is a page tree whose /Kids contains an ancestor: a reader
// that follows the tree without remembering where it has been never ends.
func KidsLoopPDF() []byte {
	return RawPDF([]string{
		catalog,
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Pages/Parent 2 0 R/Kids[2 0 R 4 0 R]/Count 1>>",
		"<</Type/Page/Parent 3 0 R/Contents 5 0 R>>",
		stream([]byte("BT /F1 12 Tf (INS.01 Le logiciel DOIT) Tj ET"), false),
	})
}

// ParentLoopPDF is a page whose /Parent chain is a cycle and which has no
// resources of its own: a reader that looks its font up the /Parent chain
// never ends.
func ParentLoopPDF() []byte {
	return RawPDF([]string{
		catalog,
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 4 0 R/Contents 5 0 R>>",
		"<</Type/Pages/Parent 3 0 R/Kids[3 0 R]/Count 1>>",
		stream([]byte("BT /F1 12 Tf (x) Tj ET"), false),
	})
}

// SharedPagePDF is a page tree of refs references to one page of glyphs
// characters: a reader that reads each reference extracts the same page
// refs times.
func SharedPagePDF(refs, glyphs int) []byte {
	kids := strings.Repeat("3 0 R ", refs)
	return RawPDF([]string{
		catalog,
		fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", kids, refs),
		"<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
		helvetica,
		stream(textContent(glyphs), false),
	})
}

// ManyPagesPDF is pages distinct pages that all show the same content
// stream of glyphs characters.
func ManyPagesPDF(pages, glyphs int) []byte {
	objs := []string{catalog, "", "<</Font<</F1 4 0 R>>>>", helvetica, stream(textContent(glyphs), true)}
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, "<</Type/Page/Parent 2 0 R/Resources 3 0 R/Contents 5 0 R>>")
	}
	objs[1] = fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), pages)
	return RawPDF(objs)
}

// OpsFloodPDF is pages distinct pages sharing one content stream that
// places each of its glyphs characters with its own operators, the most
// work a content stream asks per byte.
func OpsFloodPDF(pages, glyphs int) []byte {
	var c bytes.Buffer
	c.WriteString("BT /F1 6 Tf\n")
	for i := 0; i < glyphs; i++ {
		fmt.Fprintf(&c, "1 0 0 1 %d %d Tm (a) Tj\n", 20+i%700, 20+i/700%500)
	}
	c.WriteString("ET\n")
	objs := []string{catalog, "", "<</Font<</F1 4 0 R>>>>", helvetica, stream(c.Bytes(), true)}
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, "<</Type/Page/Parent 2 0 R/Resources 3 0 R/Contents 5 0 R>>")
	}
	objs[1] = fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), pages)
	return RawPDF(objs)
}

// DeepTreePDF is a page tree nested depth levels deep above its one page.
func DeepTreePDF(depth int) []byte {
	objs := []string{catalog}
	for i := 0; i < depth; i++ {
		objs = append(objs, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", len(objs)+2))
	}
	objs = append(objs, fmt.Sprintf("<</Type/Page/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", len(objs)+2, len(objs)+3),
		helvetica, stream(textContent(10), false))
	return RawPDF(objs)
}

// BombPDF is one page whose compressed content stream inflates to size
// bytes of numbers with no operator, which a reader pushes on its operand
// stack.
func BombPDF(size int) []byte {
	return RawPDF([]string{
		catalog,
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
		helvetica,
		stream(bytes.Repeat([]byte("1 "), size/2), true),
	})
}
