//go:build !(linux || freebsd || openbsd || netbsd)

package record

import (
	"errors"
	"image"

	"github.com/segur-dossier/dossier-segur/app/capture"
)

// ScreenSize is the union of the displays.
func ScreenSize() (image.Rectangle, error) {
	s := capture.NewDesktop()
	n := s.NumDisplays()
	if n <= 0 {
		return image.Rectangle{}, capture.ErrNoDisplay
	}
	var all image.Rectangle
	for i := range n {
		all = all.Union(s.Bounds(i))
	}
	return all, nil
}

// OpenScreen opens the screen for recording region, in desktop
// coordinates, through github.com/kbinani/screenshot.
func OpenScreen(region image.Rectangle) (Source, error) {
	all, err := ScreenSize()
	if err != nil {
		return nil, err
	}
	if err := CheckRegion(region, all); err != nil {
		return nil, err
	}
	return &ScreenSource{Screen: capture.NewDesktop(), Region: region}, nil
}

// StopKey is empty where no global shortcut is offered.
const StopKey = ""

// GlobalKey is not offered on this platform.
func GlobalKey(func()) (func(), error) { return nil, errors.ErrUnsupported }

// KeepAbove does nothing on this platform.
func KeepAbove(string) {}
