//go:build !(linux || freebsd || openbsd || netbsd)

package record

import (
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
// coordinates, through github.com/kbinani/screenshot; this process's
// windows (ownWindows) are painted black.
func OpenScreen(region image.Rectangle) (Source, error) {
	all, err := ScreenSize()
	if err != nil {
		return nil, err
	}
	if err := CheckRegion(region, all); err != nil {
		return nil, err
	}
	return &ScreenSource{Screen: capture.NewDesktop(), Region: region, Own: ownWindows}, nil
}
