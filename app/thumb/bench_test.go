package thumb

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"testing"
)

// BenchmarkScale measures the downscaling of a 1080p screenshot to the
// report's 480-pixel thumbnail.
func BenchmarkScale(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	for y := range 1080 {
		for x := range 1920 {
			src.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 0xff})
		}
	}
	for b.Loop() {
		Scale(src, 480, 480)
	}
}

// BenchmarkPDFFirstPage measures the thumbnail of the first page of a
// 50-page PDF once the module is compiled (the compilation, once per
// process, is measured by BenchmarkPDFStart).
func BenchmarkPDFFirstPage(b *testing.B) {
	data := samplePDF(b, 50)
	if err := WarmPDF(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := PDF(context.Background(), bytes.NewReader(data), int64(len(data)), 240, 150); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFStart measures what the first PDF thumbnail of a process
// pays before rendering: compiling PDFium's WebAssembly module ("cold",
// a machine's first run) or loading it from the compilation cache that
// the first run left in the user's cache folder ("cached").
func BenchmarkPDFStart(b *testing.B) {
	dir := b.TempDir()
	for _, c := range []struct {
		name string
		dir  func() string
	}{
		{"cold", func() string { return "" }},
		{"cached", func() string { return dir }},
	} {
		if c.name == "cached" { // fill the cache once
			e := &pdfEngine{cacheDir: c.dir}
			if _, err := e.start(); err != nil {
				b.Fatal(err)
			}
			e.close()
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				e := &pdfEngine{cacheDir: c.dir}
				if _, err := e.start(); err != nil {
					b.Fatal(err)
				}
				e.close()
			}
		})
	}
}
