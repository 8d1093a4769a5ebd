package record

import (
	"image"
	"image/color"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
)

// The process's own windows (desktop coordinates) are painted black on
// the frame, in the region's coordinates; they are asked for again only
// every ownRefresh.
func TestScreenSourcePaintsOwnWindowsBlack(t *testing.T) {
	asked := 0
	win := image.Rect(50, 50, 80, 70) // on the desktop
	src := &ScreenSource{Screen: capturetest.OneDisplay(200, 120), Region: image.Rect(10, 20, 170, 116),
		Own: func() []image.Rectangle { asked++; return []image.Rectangle{win} }}
	dst := image.NewRGBA(image.Rect(0, 0, 160, 96))
	for range 3 {
		if err := src.Grab(dst); err != nil {
			t.Fatal(err)
		}
	}
	black := color.RGBA{A: 0xff}
	for y := range 96 {
		for x := range 160 {
			in := image.Pt(x+10, y+20).In(win)
			want := capturetest.Pixel(x+10, y+20)
			if in {
				want = black
			}
			if got := dst.RGBAAt(x, y); got != want {
				t.Fatalf("pixel %d,%d (desktop %d,%d) = %v, want %v", x, y, x+10, y+20, got, want)
			}
		}
	}
	if asked != 1 {
		t.Errorf("own windows asked for %d times in 3 quick frames, want 1", asked)
	}
}
