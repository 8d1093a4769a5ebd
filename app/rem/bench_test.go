package rem

import (
	"bytes"
	"os"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

// BenchmarkReadXLSX250 imports a published-layout REM of 250 requirements
// (target: ≤ 0.5 s per import).
func BenchmarkReadXLSX250(b *testing.B) {
	data := xlsxFixture(b, remfixture.Requirements(250, remfixture.Va2), remfixture.Published, remfixture.XLSXOptions{Protect: true})
	benchRead(b, data, 250)
}

// BenchmarkReadPDF60 imports a generated REM table of about 60 pages.
func BenchmarkReadPDF60(b *testing.B) {
	data, info := pdfFixture(b, remfixture.Requirements(remfixture.ReqsFor60Pages, remfixture.Va2), remfixture.PDFOptions{})
	b.ReportMetric(float64(info.Pages), "pages")
	benchRead(b, data, remfixture.ReqsFor60Pages)
}

func benchRead(b *testing.B, data []byte, want int) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res, err := Read(bytes.NewReader(data), int64(len(data)), "bench", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Catalogue.Requirements) != want {
			b.Fatalf("%d requirements, want %d", len(res.Catalogue.Requirements), want)
		}
	}
}

// TestWriteBenchFixture writes the 60-page PDF used by .ci/bench-rem.sh
// when REM_BENCH_PDF names the output file; otherwise it is skipped.
func TestWriteBenchFixture(t *testing.T) {
	path := os.Getenv("REM_BENCH_PDF")
	if path == "" {
		t.Skip("REM_BENCH_PDF not set")
	}
	data, info := pdfFixture(t, remfixture.Requirements(remfixture.ReqsFor60Pages, remfixture.Va2), remfixture.PDFOptions{})
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d pages", path, info.Pages)
}
