package capture_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture"
)

// screenshotLike draws a deterministic w×h image that compresses like a
// screenshot of a business application: flat bars and panels, table rows
// with grid lines, lines of anti-aliased text drawn from a small set of
// glyphs (as a font repeats), and one photo-like thumbnail.
func screenshotLike(w, h int) *image.RGBA {
	rng := rand.New(rand.NewPCG(1, 2))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(r image.Rectangle, c color.RGBA) {
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
	gray := func(v uint8) color.RGBA { return color.RGBA{v, v, v, 0xff} }

	// A "font": 64 glyphs of 7×11 coverage values.
	const gw, gh = 7, 11
	glyphs := make([][gw * gh]uint8, 64)
	for i := range glyphs {
		for j := range glyphs[i] {
			switch v := rng.IntN(10); {
			case v < 5:
			case v < 7:
				glyphs[i][j] = 255
			default:
				glyphs[i][j] = uint8(60 + rng.IntN(150))
			}
		}
	}
	text := func(x, y, width int, ink color.RGBA) {
		for x0 := x; x0 < x+width-gw*10; {
			for range 2 + rng.IntN(9) {
				g := glyphs[rng.IntN(len(glyphs))]
				for gy := range gh {
					for gx := range gw {
						a := uint32(g[gy*gw+gx])
						if a == 0 {
							continue
						}
						bg := img.RGBAAt(x0+gx, y+gy)
						mix := func(f, b uint8) uint8 { return uint8((uint32(f)*a + uint32(b)*(255-a)) / 255) }
						img.SetRGBA(x0+gx, y+gy, color.RGBA{mix(ink.R, bg.R), mix(ink.G, bg.G), mix(ink.B, bg.B), 0xff})
					}
				}
				x0 += gw + 1
			}
			x0 += 6
		}
	}

	fill(img.Rect, gray(0xf5))
	fill(image.Rect(0, 0, w, 36), color.RGBA{0x2d, 0x2d, 0x30, 0xff})
	text(12, 12, 500, gray(0xdd))
	fill(image.Rect(0, 36, w, 84), gray(0xff))
	for i := range 8 {
		fill(image.Rect(316+i*130, 46, 316+i*130+118, 74), color.RGBA{0x0d, 0x6e, 0xfd, 0xff})
		text(326+i*130, 54, 100, gray(0xff))
	}
	fill(image.Rect(0, 84, 300, h), color.RGBA{0xe9, 0xec, 0xef, 0xff})
	for y := 100; y < h-30; y += 28 {
		text(20, y, 200+rng.IntN(60), gray(0x33))
	}
	// A table with alternating rows and text in every cell.
	cols := []int{316, 480, 760, 1000, 1240, 1500}
	for i, y := 0, 100; y < h-40; i, y = i+1, y+30 {
		c := gray(0xff)
		if i%2 == 1 {
			c = gray(0xf8)
		}
		fill(image.Rect(316, y, 1500, y+30), c)
		fill(image.Rect(316, y+29, 1500, y+30), color.RGBA{0xde, 0xe2, 0xe6, 0xff})
		for j := 0; j < len(cols)-1; j++ {
			text(cols[j]+8, y+10, (cols[j+1]-cols[j])*(4+rng.IntN(6))/10, gray(0x21))
		}
	}
	// A photo-like thumbnail: smooth gradients plus sensor noise.
	for y := 120; y < 120+240 && y < h; y++ {
		for x := 1540; x < 1540+360 && x < w; x++ {
			n := rng.IntN(12)
			img.SetRGBA(x, y, color.RGBA{uint8(x/3 + n), uint8(y/2 + n), uint8((x+y)/5 + n), 0xff})
		}
	}
	return img
}

// BenchmarkApplyAndEncode1080p is the work between a 1080p capture and the
// bytes to store: a copy with two masks, no crop, and the PNG encoding.
func BenchmarkApplyAndEncode1080p(b *testing.B) {
	src := screenshotLike(1920, 1080)
	e := capture.Edit{Redactions: []image.Rectangle{image.Rect(320, 100, 760, 130), image.Rect(1540, 120, 1900, 360)}}
	var size int
	for b.Loop() {
		out, err := capture.Apply(src, e)
		if err != nil {
			b.Fatal(err)
		}
		var n countingWriter
		if err := capture.EncodePNG(&n, out); err != nil {
			b.Fatal(err)
		}
		size = int(n)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
	b.ReportMetric(float64(size)/1024, "png-KiB")
}

// BenchmarkEncodeLevels compares PNG compression levels on a 1080p
// screenshot-like image; it is the measurement behind EncodePNG's choice.
func BenchmarkEncodeLevels(b *testing.B) {
	src := screenshotLike(1920, 1080)
	for _, lv := range []struct {
		name  string
		level png.CompressionLevel
	}{{"BestSpeed", png.BestSpeed}, {"Default", png.DefaultCompression}} {
		b.Run(lv.name, func(b *testing.B) {
			enc := png.Encoder{CompressionLevel: lv.level}
			var size int
			for b.Loop() {
				var n countingWriter
				if err := enc.Encode(&n, src); err != nil {
					b.Fatal(err)
				}
				size = int(n)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
			b.ReportMetric(float64(size)/1024, "png-KiB")
		})
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// counting counts the calls the retry policy makes to the real screen.
type counting struct {
	capture.Screen
	captures, queries int
}

func (c *counting) NumDisplays() int {
	c.queries++
	return c.Screen.NumDisplays()
}

func (c *counting) Bounds(i int) image.Rectangle {
	c.queries++
	return c.Screen.Bounds(i)
}

func (c *counting) Capture(r image.Rectangle) (*image.RGBA, error) {
	c.captures++
	return c.Screen.Capture(r)
}

// BenchmarkDesktopGrabEncode measures capture→stored on a real display:
// Grab of display 0 with the default retry policy, Apply with no edit,
// EncodePNG to a file. It runs only when CAPTURE_BENCH_DISPLAY names an X
// display (.ci/bench-capture.sh starts an Xvfb and sets it) and reports the
// median, since retries make the mean jumpy.
func BenchmarkDesktopGrabEncode(b *testing.B) {
	display := os.Getenv("CAPTURE_BENCH_DISPLAY")
	if display == "" {
		b.Skip("set CAPTURE_BENCH_DISPLAY to an X display, e.g. :97, to measure real captures")
	}
	b.Setenv("DISPLAY", display)
	raw := &counting{Screen: capture.Desktop{}}
	s := &capture.Retrying{Screen: raw, Policy: capture.DefaultRetry()}
	path := filepath.Join(b.TempDir(), "capture.png")
	var times []time.Duration
	var size int64
	for b.Loop() {
		start := time.Now()
		img, _, err := capture.Grab(s, 0)
		if err != nil {
			b.Fatal(err)
		}
		out, err := capture.Apply(img, capture.Edit{})
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := capture.EncodePNG(f, out); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	// Without retries: 1 capture and 2 queries (display count, bounds).
	b.ReportMetric(float64(raw.captures)/float64(len(times)), "captures/op")
	b.ReportMetric(float64(raw.queries)/float64(len(times)), "queries/op")
	b.ReportMetric(float64(size)/1024, "png-KiB")
}

// TestScreenshotLikeIsRealistic guards the benchmark image against
// degenerating into something trivially compressible or pure noise.
func TestScreenshotLikeIsRealistic(t *testing.T) {
	img := screenshotLike(1920, 1080)
	var buf bytes.Buffer
	if err := capture.EncodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	raw := len(img.Pix) * 3 / 4
	if ratio := float64(raw) / float64(buf.Len()); ratio < 3 || ratio > 60 {
		t.Errorf("compression ratio %.1f, want a screenshot's (between 3 and 60)", ratio)
	}
}
