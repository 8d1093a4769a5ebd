package capture_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// patterned returns an image of r showing the fake desktop's pattern, so
// that every pixel is known and neighbours differ.
func patterned(r image.Rectangle) *image.RGBA {
	img := image.NewRGBA(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := capturetest.Pixel(x, y)
			if c == (color.RGBA{A: 0xff}) {
				c.R = 1 // keep the source distinct from the default fill
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// checkEdit asserts that out is src with the masks (already clamped, in
// src's coordinates) filled with fill, then cropped to keep.
func checkEdit(t *testing.T, src *image.RGBA, out image.Image, masks []image.Rectangle, keep image.Rectangle, fill color.RGBA) {
	t.Helper()
	if got := out.Bounds(); got != (image.Rectangle{Max: keep.Size()}) {
		t.Fatalf("result bounds = %v, want %v at 0,0", got, keep.Size())
	}
	bad := 0
	for y := keep.Min.Y; y < keep.Max.Y; y++ {
		for x := keep.Min.X; x < keep.Max.X; x++ {
			want := src.RGBAAt(x, y)
			for _, m := range masks {
				if image.Pt(x, y).In(m) {
					want = fill
				}
			}
			r, g, b, a := out.At(x-keep.Min.X, y-keep.Min.Y).RGBA()
			got := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
			if got != want {
				if bad++; bad < 5 {
					t.Errorf("pixel %d,%d = %v, want %v", x, y, got, want)
				}
			}
		}
	}
}

func TestApplyRedactionIsIrreversible(t *testing.T) {
	src := patterned(image.Rect(0, 0, 120, 80))
	before := bytes.Clone(src.Pix)
	masks := []image.Rectangle{image.Rect(10, 10, 40, 30), image.Rect(30, 20, 70, 60), image.Rect(119, 79, 120, 80)}
	for _, fill := range []color.Color{nil, color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}, color.NRGBA{R: 200, G: 30, B: 90, A: 0xff}} {
		out, err := capture.Apply(src, capture.Edit{Redactions: masks, Fill: fill})
		if err != nil {
			t.Fatal(err)
		}
		want := color.RGBA{A: 0xff}
		if fill != nil {
			want = color.RGBAModel.Convert(fill).(color.RGBA)
		}
		checkEdit(t, src, out, masks, src.Rect, want)
		if !bytes.Equal(src.Pix, before) {
			t.Fatal("Apply modified its input")
		}
		// What is stored is the PNG: decode it and check again.
		var buf bytes.Buffer
		if err := capture.EncodePNG(&buf, out); err != nil {
			t.Fatal(err)
		}
		back, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		checkEdit(t, src, back, masks, src.Rect, want)
	}
}

func TestApplyCrop(t *testing.T) {
	src := patterned(image.Rect(0, 0, 100, 60))
	crop := image.Rect(20, 10, 70, 45)
	out, err := capture.Apply(src, capture.Edit{Crop: &crop})
	if err != nil {
		t.Fatal(err)
	}
	checkEdit(t, src, out, nil, crop, color.RGBA{})
}

func TestApplyRedactsBeforeCropping(t *testing.T) {
	src := patterned(image.Rect(0, 0, 100, 60))
	crop := image.Rect(20, 10, 70, 45)
	// One mask straddles the crop edge, one is entirely outside it.
	masks := []image.Rectangle{image.Rect(0, 0, 30, 20), image.Rect(80, 50, 90, 55)}
	out, err := capture.Apply(src, capture.Edit{Crop: &crop, Redactions: masks})
	if err != nil {
		t.Fatal(err)
	}
	checkEdit(t, src, out, masks, crop, color.RGBA{A: 0xff})
}

func TestApplyClampsAndNormalisesRectangles(t *testing.T) {
	src := patterned(image.Rect(0, 0, 50, 40))
	huge := image.Rect(math.MinInt, math.MinInt, math.MaxInt, math.MaxInt)
	cases := []struct {
		name  string
		mask  image.Rectangle
		clamp image.Rectangle // the mask once clamped to the image
	}{
		{"negative", image.Rect(-20, -5, 10, 8), image.Rect(0, 0, 10, 8)},
		{"inverted", image.Rectangle{Min: image.Pt(30, 25), Max: image.Pt(10, 5)}, image.Rect(10, 5, 30, 25)},
		{"past the edge", image.Rect(45, 35, 500, 400), image.Rect(45, 35, 50, 40)},
		{"huge", huge, src.Rect},
		{"inverted huge", image.Rectangle{Min: huge.Max, Max: huge.Min}, src.Rect},
		{"outside", image.Rect(100, 100, 200, 200), image.Rectangle{}},
		{"empty", image.Rect(10, 10, 10, 30), image.Rectangle{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := capture.Apply(src, capture.Edit{Redactions: []image.Rectangle{c.mask}})
			if err != nil {
				t.Fatal(err)
			}
			checkEdit(t, src, out, []image.Rectangle{c.clamp}, src.Rect, color.RGBA{A: 0xff})
		})
	}
}

func TestApplyClampsCrop(t *testing.T) {
	src := patterned(image.Rect(0, 0, 50, 40))
	for _, c := range []struct{ crop, keep image.Rectangle }{
		{image.Rect(-10, -10, 20, 15), image.Rect(0, 0, 20, 15)},
		{image.Rectangle{Min: image.Pt(40, 30), Max: image.Pt(10, 5)}, image.Rect(10, 5, 40, 30)},
		{image.Rect(math.MinInt, math.MinInt, math.MaxInt, math.MaxInt), src.Rect},
	} {
		out, err := capture.Apply(src, capture.Edit{Crop: &c.crop})
		if err != nil {
			t.Fatalf("crop %v: %v", c.crop, err)
		}
		checkEdit(t, src, out, nil, c.keep, color.RGBA{})
	}
}

func TestApplyRefusesEmptyCrop(t *testing.T) {
	src := patterned(image.Rect(0, 0, 50, 40))
	for _, crop := range []image.Rectangle{
		image.Rect(60, 0, 80, 40),
		image.Rect(-30, -30, -1, -1),
		image.Rect(10, 10, 10, 20),
		{},
	} {
		out, err := capture.Apply(src, capture.Edit{Crop: &crop})
		if dossier.FaultOf(err) != dossier.FaultBadCrop || out != nil {
			t.Errorf("crop %v: got %v, %v; want bad_crop and no image", crop, out, err)
		}
	}
}

func TestApplyImageWithOffsetBounds(t *testing.T) {
	// Rectangles are in the image's own coordinates, as for a sub-image.
	full := patterned(image.Rect(0, 0, 80, 60))
	src := full.SubImage(image.Rect(20, 10, 70, 50)).(*image.RGBA)
	crop := image.Rect(25, 15, 60, 45)
	masks := []image.Rectangle{image.Rect(0, 0, 30, 30)}
	out, err := capture.Apply(src, capture.Edit{Crop: &crop, Redactions: masks})
	if err != nil {
		t.Fatal(err)
	}
	checkEdit(t, full, out, []image.Rectangle{image.Rect(20, 10, 30, 30)}, crop, color.RGBA{A: 0xff})

	out, err = capture.Apply(src, capture.Edit{})
	if err != nil {
		t.Fatal(err)
	}
	checkEdit(t, full, out, nil, src.Rect, color.RGBA{})
}

func TestApplyConvertsOtherImageTypes(t *testing.T) {
	src := patterned(image.Rect(0, 0, 30, 20))
	nrgba := image.NewNRGBA(src.Rect)
	for y := range 20 {
		for x := range 30 {
			nrgba.Set(x, y, src.At(x, y))
		}
	}
	masks := []image.Rectangle{image.Rect(5, 5, 15, 10)}
	out, err := capture.Apply(nrgba, capture.Edit{Redactions: masks})
	if err != nil {
		t.Fatal(err)
	}
	checkEdit(t, src, out, masks, src.Rect, color.RGBA{A: 0xff})
}

func TestApplyRefusesBadInput(t *testing.T) {
	src := patterned(image.Rect(0, 0, 10, 10))
	cases := map[string]struct {
		img image.Image
		e   capture.Edit
	}{
		"nil image":       {nil, capture.Edit{}},
		"empty image":     {image.NewRGBA(image.Rectangle{}), capture.Edit{}},
		"unbounded image": {image.NewUniform(color.White), capture.Edit{}},
		"translucent":     {src, capture.Edit{Fill: color.NRGBA{A: 0x80}}},
		"transparent":     {src, capture.Edit{Fill: color.Transparent}},
	}
	for name, c := range cases {
		out, err := capture.Apply(c.img, c.e)
		if err == nil || out != nil {
			t.Errorf("%s: got %v, %v; want an error and no image", name, out, err)
		}
	}
}
