package record

import (
	"bytes"
	"image"
	"math/rand"
	"testing"
)

// busyFrame is a 1920×1080 frame of noise over half its rows and flat
// colour elsewhere: harder to compress than a screen.
func busyFrame() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	r := rand.New(rand.NewSource(1))
	for i := range img.Pix {
		switch {
		case i%4 == 3:
			img.Pix[i] = 0xff
		case (i/4/1920)%40 < 20:
			img.Pix[i] = byte(r.Intn(256))
		default:
			img.Pix[i] = 0xc8
		}
	}
	return img
}

// BenchmarkEncodeFrame is the CPU one frame costs when every frame
// differs (the worst case: a still screen costs a comparison instead):
// masks, then the JPEG encoding of the AVI path. At 10 frames a second the
// cores used are 10 × this time.
func BenchmarkEncodeFrame(b *testing.B) {
	img := busyFrame()
	masks := AlignMasks([]image.Rectangle{image.Rect(100, 100, 500, 300)}, img.Rect.Size())
	e := &aviEncoder{}
	var buf []byte
	b.SetBytes(int64(len(img.Pix)))
	for b.Loop() {
		Mask(img, masks)
		out, err := e.Encode(img, buf[:0])
		if err != nil {
			b.Fatal(err)
		}
		buf = out
	}
	b.ReportMetric(float64(len(buf)), "bytes/frame")
}

// BenchmarkSameFrame is what a frame identical to the last costs.
func BenchmarkSameFrame(b *testing.B) {
	a, c := busyFrame(), busyFrame()
	for b.Loop() {
		if !bytes.Equal(a.Pix, c.Pix) {
			b.Fatal("frames differ")
		}
	}
}
