package capture

import (
	"errors"
	"image"
	"strconv"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// AllDisplays asks Grab for the union of every display.
const AllDisplays = -1

// ErrNoSuchDisplay reports a display index the machine does not have.
var ErrNoSuchDisplay error = &dossier.Error{Fault: dossier.FaultNoSuchDisplay}

// Geometry records what a capture covers, stored as evidence metadata
// (see Info). X, Y, W and H are the captured rectangle in desktop
// coordinates (the primary display starts at 0,0). Its JSON is spelt as
// dossier.CaptureInfo's.
type Geometry struct {
	// Display is the display index, or AllDisplays for the whole desktop.
	Display int `json:"display"`
	X       int `json:"x"`
	Y       int `json:"y"`
	W       int `json:"width"`
	H       int `json:"height"`
}

// Info is g as the evidence record stores it; nil for the zero geometry
// of an image that was not captured from the screen (a pasted one).
func (g Geometry) Info() *dossier.CaptureInfo {
	if g.W <= 0 || g.H <= 0 {
		return nil
	}
	return &dossier.CaptureInfo{Display: g.Display, X: g.X, Y: g.Y, Width: g.W, Height: g.H}
}

// Cropped is the geometry of the part of the capture that a crop
// rectangle (in image coordinates, clamped as Apply clamps it) keeps; the
// whole capture when crop is nil.
func (g Geometry) Cropped(crop *image.Rectangle) Geometry {
	if crop == nil {
		return g
	}
	r := crop.Canon().Intersect(image.Rect(0, 0, g.W, g.H))
	return Geometry{Display: g.Display, X: g.X + r.Min.X, Y: g.Y + r.Min.Y, W: r.Dx(), H: r.Dy()}
}

// Rect is the captured rectangle in desktop coordinates.
func (g Geometry) Rect() image.Rectangle {
	return image.Rect(g.X, g.Y, g.X+g.W, g.Y+g.H)
}

// Grab captures display (0 to NumDisplays-1) or, with AllDisplays, the
// smallest rectangle holding every display; gaps between displays are
// black. The image's bounds start at 0,0. It returns ErrNoDisplay when the
// screen has no display and wraps ErrNoSuchDisplay for an unknown index.
func Grab(s Screen, display int) (*image.RGBA, Geometry, error) {
	n := s.NumDisplays()
	if n <= 0 {
		return nil, Geometry{}, ErrNoDisplay
	}
	var r image.Rectangle
	switch {
	case display == AllDisplays:
		for i := range n {
			r = r.Union(s.Bounds(i))
		}
	case display >= 0 && display < n:
		r = s.Bounds(display)
	default:
		return nil, Geometry{}, dossier.ED(dossier.FaultNoSuchDisplay, strconv.Itoa(display), strconv.Itoa(n), nil)
	}
	if err := checkCaptureRect(r); err != nil {
		return nil, Geometry{}, err
	}
	img, err := s.Capture(r)
	if err != nil {
		return nil, Geometry{}, err
	}
	if img == nil || img.Rect.Size() != r.Size() {
		return nil, Geometry{}, dossier.E(dossier.FaultCaptureFailed, "", errors.New("image of unexpected size"))
	}
	// Rebase to 0,0 so that edit rectangles are offsets from the
	// top-left corner, whatever origin the screen used.
	img.Rect = image.Rectangle{Max: r.Size()}
	g := Geometry{Display: display, X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy()}
	return img, g, nil
}
