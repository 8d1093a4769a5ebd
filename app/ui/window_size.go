package ui

import "fyne.io/fyne/v2"

// mainWindowSize is the main window's preferred size, in Fyne's units.
var mainWindowSize = fyne.NewSize(1440, 900)

// windowFrame is the room, in pixels, left around a window shrunk to a
// small screen for the window manager's frame and title bar.
const (
	windowFrameWidth  = 16
	windowFrameHeight = 48
)

// fitSize returns want, or, when the work area of the screen (in pixels, at
// the given scale) cannot hold it, the largest size that fits the work area
// with room for the window's frame: a 1366×768 laptop gets a window it can
// see whole, not one that runs off the screen.
func fitSize(want fyne.Size, areaW, areaH int, scale float32) fyne.Size {
	if areaW <= 0 || areaH <= 0 {
		return want
	}
	if scale <= 0 {
		scale = 1
	}
	w, h := float32(areaW)/scale, float32(areaH)/scale
	if want.Width <= w && want.Height <= h {
		return want
	}
	fit := want
	if fit.Width > w-windowFrameWidth/scale {
		fit.Width = w - windowFrameWidth/scale
	}
	if fit.Height > h-windowFrameHeight/scale {
		fit.Height = h - windowFrameHeight/scale
	}
	return fit
}
