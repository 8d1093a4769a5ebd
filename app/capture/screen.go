package capture

import (
	"errors"
	"fmt"
	"image"
	"os"
	"runtime"

	"github.com/kbinani/screenshot"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// ErrNoDisplay reports that the machine has no display to capture (no X
// server, a headless session, a CI runner).
var ErrNoDisplay error = &dossier.Error{Fault: dossier.FaultNoDisplay}

// Screen is the narrow view of a screen the package needs. Desktop is the
// real one; capturetest.Screen is a fake for tests.
type Screen interface {
	// NumDisplays is the number of active displays; 0 when there is none.
	NumDisplays() int
	// Bounds is the rectangle of display i in desktop coordinates (the
	// primary display starts at 0,0); empty when i is unknown.
	Bounds(i int) image.Rectangle
	// Capture returns the pixels of r, a rectangle in desktop coordinates,
	// as an image whose bounds start at 0,0 and have r's size. Areas of r
	// that no display covers are opaque black.
	Capture(r image.Rectangle) (*image.RGBA, error)
}

// Desktop is the machine's screen, read through
// github.com/kbinani/screenshot. It does not retry: use NewDesktop, which
// wraps it in Retrying, since captures under Xvfb fail intermittently.
type Desktop struct{}

// NewDesktop returns the machine's screen with the default retry policy.
func NewDesktop() *Retrying {
	return &Retrying{Screen: Desktop{}, Policy: DefaultRetry()}
}

// noDisplay reports whether the library has no X server to talk to
// (DISPLAY unset), which it would only find out by failing.
func (Desktop) noDisplay() bool {
	return usesX11() && os.Getenv("DISPLAY") == ""
}

// available says whether there is a display to capture.
func (d Desktop) available() error {
	if d.noDisplay() {
		return ErrNoDisplay
	}
	// Under X11, asking for the display count would open one more
	// connection (on a bare Xvfb, each closing connection resets the
	// server and makes the next one fail): let the capture itself fail.
	if !usesX11() && screenshot.NumActiveDisplays() == 0 {
		return ErrNoDisplay
	}
	return nil
}

// usesX11 reports whether the library reads the screen through an X server
// named by DISPLAY (every platform but Windows and macOS).
func usesX11() bool {
	return runtime.GOOS != "windows" && runtime.GOOS != "darwin"
}

// NumDisplays implements Screen.
func (d Desktop) NumDisplays() int {
	if d.noDisplay() {
		return 0
	}
	return screenshot.NumActiveDisplays()
}

// Bounds implements Screen.
func (d Desktop) Bounds(i int) image.Rectangle {
	// The library returns an empty rectangle for an index past the last
	// display; checking against NumDisplays would cost one more X
	// connection.
	if i < 0 || d.noDisplay() {
		return image.Rectangle{}
	}
	return screenshot.GetDisplayBounds(i)
}

// Capture implements Screen.
func (d Desktop) Capture(r image.Rectangle) (*image.RGBA, error) {
	if err := d.available(); err != nil {
		return nil, err
	}
	if err := checkCaptureRect(r); err != nil {
		return nil, err
	}
	img, err := screenshot.CaptureRect(r)
	if err != nil {
		return nil, dossier.E(dossier.FaultCaptureFailed, "", err)
	}
	if img == nil {
		return nil, dossier.E(dossier.FaultCaptureFailed, "", errors.New("no image"))
	}
	return img, nil
}

// maxPixels bounds every image the package allocates (1 GiB of RGBA): far
// above four 8K displays, far below what a hostile rectangle could ask for.
const maxPixels = 1 << 28

// checkCaptureRect refuses empty or absurdly large capture rectangles.
func checkCaptureRect(r image.Rectangle) error {
	if r.Empty() {
		return dossier.E(dossier.FaultCaptureFailed, "", fmt.Errorf("empty capture area %v", r))
	}
	if !fitsInMemory(r) {
		return dossier.E(dossier.FaultImageTooLarge, "", fmt.Errorf("capture area %v", r))
	}
	return nil
}

// fitsInMemory reports whether an RGBA image of r's size stays under
// maxPixels. A non-empty rectangle whose width or height overflows int
// does not fit.
func fitsInMemory(r image.Rectangle) bool {
	if r.Empty() {
		return true
	}
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return false
	}
	return w <= maxPixels/h
}
