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
// the given scale) cannot hold it with the window's frame around it, the
// largest size that fits the work area with room for the frame: a 1366×768
// laptop gets a window it can see whole, not one that runs off the screen,
// and so does a 1440×900 screen whose taskbar hides itself (the title bar
// would push the window's bottom off it).
func fitSize(want fyne.Size, areaW, areaH int, scale float32) fyne.Size {
	if areaW <= 0 || areaH <= 0 {
		return want
	}
	if scale <= 0 {
		scale = 1
	}
	w := float32(areaW)/scale - windowFrameWidth/scale
	h := float32(areaH)/scale - windowFrameHeight/scale
	return fyne.NewSize(min(want.Width, w), min(want.Height, h))
}
