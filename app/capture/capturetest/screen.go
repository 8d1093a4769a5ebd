// Package capturetest provides a fake capture.Screen for tests of the
// capture package and of the code built on it (the preview editor, the CLI).
package capturetest

import (
	"errors"
	"image"
	"image/color"
)

// ErrFlaky is the error Screen.Capture returns while Failures is positive.
var ErrFlaky = errors.New("capturetest: simulated capture failure")

// Screen is a fake desktop made of Displays. Every pixel of the desktop has
// the colour Pixel(x, y); pixels no display covers are opaque black, as on
// a real multi-display desktop with gaps. It is not safe for concurrent use.
type Screen struct {
	// Displays are the bounds of each display in desktop coordinates.
	Displays []image.Rectangle
	// Failures is how many of the next Capture calls fail with ErrFlaky.
	Failures int
	// Err, when set, is returned by every Capture call after Failures
	// ran out (a permanent failure).
	Err error
	// Calls counts Capture calls, failed or not.
	Calls int
}

// OneDisplay returns a fake with a single display of w×h pixels at 0,0.
func OneDisplay(w, h int) *Screen {
	return &Screen{Displays: []image.Rectangle{image.Rect(0, 0, w, h)}}
}

// Pixel is the colour the fake desktop shows at x, y when a display covers
// that point: a pattern that differs between neighbouring pixels and
// between displays, so that tests can tell any misplaced pixel.
func Pixel(x, y int) color.RGBA {
	return color.RGBA{R: uint8(x*7 + y), G: uint8(y*13 + x/3), B: uint8(x ^ y), A: 0xff}
}

// NumDisplays implements capture.Screen.
func (s *Screen) NumDisplays() int { return len(s.Displays) }

// Bounds implements capture.Screen.
func (s *Screen) Bounds(i int) image.Rectangle {
	if i < 0 || i >= len(s.Displays) {
		return image.Rectangle{}
	}
	return s.Displays[i]
}

// Capture implements capture.Screen.
func (s *Screen) Capture(r image.Rectangle) (*image.RGBA, error) {
	s.Calls++
	if s.Failures > 0 {
		s.Failures--
		return nil, ErrFlaky
	}
	if s.Err != nil {
		return nil, s.Err
	}
	img := image.NewRGBA(image.Rectangle{Max: r.Size()})
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBA{A: 0xff}
			if s.covered(image.Pt(x, y)) {
				c = Pixel(x, y)
			}
			img.SetRGBA(x-r.Min.X, y-r.Min.Y, c)
		}
	}
	return img, nil
}

func (s *Screen) covered(p image.Point) bool {
	for _, d := range s.Displays {
		if p.In(d) {
			return true
		}
	}
	return false
}
