package thumb

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

// samplePDF is a document of n A4 pages, the first with a black band
// across its top, text and a red box; the others with text.
func samplePDF(t testing.TB, n int) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetFont("Helvetica", "", 12)
	for i := range n {
		doc.AddPage()
		if i == 0 {
			doc.SetFillColor(0, 0, 0)
			doc.Rect(0, 0, 210, 60, "F")
			doc.SetFillColor(220, 0, 0)
			doc.Rect(20, 200, 80, 60, "F")
		}
		for l := range 30 {
			doc.Text(20, float64(80+l*6), fmt.Sprintf("Page %d, ligne %d : preuve de conformité", i+1, l+1))
		}
	}
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rawPDF assembles a PDF from its numbered objects (1 is the catalogue).
func rawPDF(objects ...string) []byte { return remfixture.RawPDF(objects) }

// deflated is a FlateDecode stream object of content.
func deflated(dict string, content func(w *zlib.Writer)) string {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	content(w)
	w.Close()
	return fmt.Sprintf("<<%s/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream", dict, z.Len(), z.String())
}

func renderBytes(ctx context.Context, data []byte) (*image.RGBA, error) {
	return PDF(ctx, bytes.NewReader(data), int64(len(data)), 240, 150)
}

func TestPDFRendersFirstPageToFit(t *testing.T) {
	img, err := renderBytes(context.Background(), samplePDF(t, 3))
	if err != nil {
		t.Fatal(err)
	}
	// A4 portrait in 240×150: 150 high, about 106 wide.
	if b := img.Rect; b.Dy() != 150 || b.Dx() < 100 || b.Dx() > 110 {
		t.Fatalf("size %v, want A4 fitted in 240×150", b)
	}
	top, middle := img.RGBAAt(img.Rect.Dx()/2, 5), img.RGBAAt(5, 75)
	if top.R > 40 || top.G > 40 {
		t.Errorf("top band %v, want black (first page drawn)", top)
	}
	if middle.R < 230 || middle.G < 230 || middle.B < 230 || middle.A != 0xff {
		t.Errorf("margin %v, want opaque white", middle)
	}
	red := img.RGBAAt(img.Rect.Dx()*60/210, 150*230/297)
	if red.R < 150 || red.G > 80 {
		t.Errorf("box %v, want red", red)
	}
}

func TestPDFRefusesBadDocuments(t *testing.T) {
	good := samplePDF(t, 2)
	encrypted := func() []byte {
		doc := fpdf.New("P", "mm", "A4", "")
		doc.SetProtection(0, "secret", "owner")
		doc.AddPage()
		doc.SetFont("Helvetica", "", 12)
		doc.Text(20, 20, "confidentiel")
		var buf bytes.Buffer
		doc.Output(&buf)
		return buf.Bytes()
	}()
	for name, data := range map[string][]byte{
		"truncated": good[:len(good)/3],
		"encrypted": encrypted,
		"no page":   rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[]/Count 0>>"),
		"junk":      []byte("%PDF-1.4\n" + strings.Repeat("\x00\xff garbage ", 5000)),
		"empty":     nil,
	} {
		img, err := renderBytes(context.Background(), data)
		if err == nil || img != nil || !errors.Is(err, ErrPDF) {
			t.Errorf("%s: image %v, error %v; want ErrPDF", name, img != nil, err)
		}
	}
}

func TestPDFHugePageIsFitted(t *testing.T) {
	// 14400 in (the PDF maximum is 200 in): rendered to fit, never at size.
	data := rawPDF("<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 1036800 1036800]/Contents 4 0 R>>",
		deflated("", func(w *zlib.Writer) { w.Write([]byte("0 0 0 rg 0 0 518400 1036800 re f")) }))
	img, err := renderBytes(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() != 150 || img.Rect.Dy() != 150 {
		t.Fatalf("size %v, want 150×150", img.Rect)
	}
	if l, r := img.RGBAAt(10, 75), img.RGBAAt(140, 75); l.R > 40 || r.R < 200 {
		t.Errorf("left %v right %v, want black then white", l, r)
	}
}

// bombPDF is a page whose image claims 30000×30000 pixels (2.7 GB
// decoded) from a small deflated stream, and whose content stream
// draws it after a million path operators.
func bombPDF() []byte {
	image := deflated("/Type/XObject/Subtype/Image/Width 30000/Height 30000/ColorSpace/DeviceRGB/BitsPerComponent 8",
		func(w *zlib.Writer) {
			zero := make([]byte, 1<<20)
			for range 64 {
				w.Write(zero)
			}
		})
	content := deflated("", func(w *zlib.Writer) {
		op := []byte("1 1 m 2 2 l 3 1 l h S\n")
		for range 1 << 20 {
			w.Write(op)
		}
		w.Write([]byte("q 500 0 0 500 0 0 cm /Im1 Do Q"))
	})
	return rawPDF("<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 500 500]/Resources<</XObject<</Im1 5 0 R>>>>/Contents 4 0 R>>",
		content, image)
}

func TestPDFBombEndsWithinBudget(t *testing.T) {
	// Either PDFium copes within its memory and time (an image) or it is
	// stopped (ErrPDF); never a crash or a hang. The deadline is shorter
	// than PDFTimeout (the same mechanism) to keep the test quick.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	img, err := renderBytes(ctx, bombPDF())
	if err != nil && !errors.Is(err, ErrPDF) {
		t.Fatalf("error %v, want ErrPDF", err)
	}
	if err == nil && img.Rect.Dx() != 150 {
		t.Fatalf("size %v", img.Rect)
	}
	// The renderer still works afterwards.
	if _, err := renderBytes(context.Background(), samplePDF(t, 1)); err != nil {
		t.Fatalf("after the bomb: %v", err)
	}
}

func TestPDFStopsAtDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := WarmPDF(); err != nil {
		t.Fatal(err)
	}
	img, err := renderBytes(ctx, bombPDF())
	if !errors.Is(err, ErrPDF) || img != nil {
		t.Fatalf("image %v, error %v; want ErrPDF at the deadline", img != nil, err)
	}
	if _, err := renderBytes(context.Background(), samplePDF(t, 1)); err != nil {
		t.Fatalf("after a kill: %v", err)
	}
}

// TestPDFHostileDocuments gives PDFium the hostile PDFs that the REM
// import is tested with (loops in the page tree and the cross-reference
// chain, a deep tree, a flood of operators, a content bomb): each ends
// with a picture or ErrPDF, and the renderer works afterwards.
func TestPDFHostileDocuments(t *testing.T) {
	for name, data := range map[string][]byte{
		"prev loop":   remfixture.PrevLoopPDF(),
		"kids loop":   remfixture.KidsLoopPDF(),
		"parent loop": remfixture.ParentLoopPDF(),
		"shared page": remfixture.SharedPagePDF(5000, 100),
		"deep tree":   remfixture.DeepTreePDF(5000),
		"ops flood":   remfixture.OpsFloodPDF(1, 50000),
		"bomb":        remfixture.BombPDF(16 << 20),
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		img, err := renderBytes(ctx, data)
		cancel()
		if err != nil && !errors.Is(err, ErrPDF) || err == nil && img == nil {
			t.Errorf("%s: image %v, error %v", name, img != nil, err)
		}
	}
	if _, err := renderBytes(context.Background(), samplePDF(t, 1)); err != nil {
		t.Fatalf("after the hostile documents: %v", err)
	}
}
