package rem

import (
	"errors"
	"io"

	"github.com/ledongthuc/pdf"
)

// Limits of the work done on one PDF: far above any REM (60 to 200 pages
// of a few thousand characters each), far below what would exhaust the
// machine. Every loop of the PDF reader is bounded by one of them.
const (
	maxPages        = 2000     // pages of a document
	maxTreeDepth    = 32       // nesting of the page tree
	maxTreeKids     = 8000     // entries of all the /Kids arrays
	maxPageGlyphs   = 60_000   // characters shown on one page
	maxDocGlyphs    = 2000_000 // characters shown in the document
	maxPageLines    = 2000     // text lines of one page
	maxPageContent  = 4 << 20  // decompressed content stream bytes of a page
	maxDocContent   = 32 << 20 // decompressed content stream bytes of the document
	maxDocOps       = 1000_000 // content stream operators run in the document
	maxContentParts = 1024     // streams making up one page's content
	maxToUnicode    = 1 << 20  // decompressed bytes of a font's character map
	// maxDecodeWork bounds the cost of decoding characters through fonts'
	// character maps, which the PDF library searches linearly: one unit
	// per byte decoded per 16 bytes of map.
	maxDecodeWork = 2_000_000_000
)

// limitError is a document that exceeds one of the limits; what names
// the limit as people read it ("plus de 2 000 pages").
type limitError struct{ what string }

func (e limitError) Error() string { return "PDF over the limit of " + e.what }

var (
	errLimitPages   = limitError{"plus de 2 000 pages"}
	errLimitGlyphs  = limitError{"plus de 2 millions de caractères"}
	errLimitPage    = limitError{"plus de 60 000 caractères ou 2 000 lignes sur une page"}
	errLimitContent = limitError{"plus de 4 Mo de contenu sur une page, 32 Mo ou 1 million d'opérations en tout"}
	errLimitDecode  = limitError{"des polices aux tables de caractères démesurées"}
)

// errPageTree is a page tree that is not a tree: a cycle, a page reached
// twice, or nesting beyond any real document.
var errPageTree = errors.New("malformed page tree")

// pdfBudget counts the work done on one document against the limits.
type pdfBudget struct {
	pages, kids     int
	glyphs, content int64
	ops, decode     int64
}

// spend adds n to *used and panics with err when it passes max; the page
// reader recovers the panic. Panicking is the only way out of the PDF
// library's content interpreter, which calls us back.
func spend(used *int64, n, max int64, err limitError) {
	*used += n
	if *used > max {
		panic(err)
	}
}

// streamSize is the decompressed size of a stream, read up to limit+1
// bytes, so that a compressed bomb is measured without being inflated.
func streamSize(v pdf.Value, limit int64) int64 {
	rc := v.Reader()
	defer rc.Close()
	n, _ := io.Copy(io.Discard, io.LimitReader(rc, limit+1))
	return n
}
