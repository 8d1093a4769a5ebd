package capture_test

import (
	"image"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
)

// On Windows a display left of or above the primary one has negative
// desktop coordinates (EnumDisplayMonitors); kbinani/screenshot reads it
// with BitBlt at those coordinates.
func TestGrabDisplayLeftOfAndAbovePrimary(t *testing.T) {
	s := &capturetest.Screen{Displays: []image.Rectangle{
		image.Rect(0, 0, 64, 48),
		image.Rect(-80, -30, 0, 20), // display 1: entirely negative x
	}}
	img, g, err := capture.Grab(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := capture.Geometry{Display: 1, X: -80, Y: -30, W: 80, H: 50}
	if g != want {
		t.Errorf("geometry = %+v, want %+v", g, want)
	}
	checkDesktop(t, s, img, s.Displays[1])
	crop := image.Rect(10, 5, 30, 25)
	if got := g.Cropped(&crop); got != (capture.Geometry{Display: 1, X: -70, Y: -25, W: 20, H: 20}) {
		t.Errorf("cropped geometry = %+v", got)
	}
	if got := g.Cropped(&crop).Rect(); got != image.Rect(-70, -25, -50, -5) {
		t.Errorf("cropped rect = %v", got)
	}
}
