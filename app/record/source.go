package record

import (
	"fmt"
	"image"
	"image/draw"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// ScreenSource records Region of a capture.Screen, one capture a frame
// (the fake screens of tests, and platforms without X11).
type ScreenSource struct {
	Screen capture.Screen
	Region image.Rectangle
	// Own, when set, says where this process's visible windows are, in
	// desktop coordinates: they are painted black on every frame, so the
	// application stays out of the picture. It is asked again every
	// ownRefresh at most.
	Own func() []image.Rectangle
	own ownTracker
}

// Grab implements Source.
func (s *ScreenSource) Grab(dst *image.RGBA) error {
	img, err := s.Screen.Capture(s.Region)
	if err != nil {
		if dossier.AsError(err) == nil {
			err = dossier.E(dossier.FaultDisplayLost, "", err)
		}
		return err
	}
	draw.Draw(dst, dst.Rect, img, img.Rect.Min, draw.Src)
	if s.Own != nil {
		if s.own.find == nil {
			s.own.find = func() []image.Rectangle {
				var in []image.Rectangle
				for _, r := range s.Own() {
					in = append(in, r.Sub(s.Region.Min))
				}
				return in
			}
		}
		Mask(dst, s.own.rects())
	}
	return nil
}

// Close implements Source.
func (s *ScreenSource) Close() error { return nil }

// MinSide is the smallest width or height recorded.
const MinSide = 16

// CheckRegion refuses a region that is too small or not wholly on the
// screen.
func CheckRegion(region, screen image.Rectangle) error {
	if region.Dx() < MinSide || region.Dy() < MinSide || !region.In(screen) {
		return dossier.ED(dossier.FaultRegionOutside, RegionText(region),
			fmt.Sprintf("%d×%d", screen.Dx(), screen.Dy()), fmt.Errorf("region %v, screen %v", region, screen))
	}
	return nil
}

// RegionText is r written as the CLI takes it: "x,y,w,h".
func RegionText(r image.Rectangle) string {
	return fmt.Sprintf("%d,%d,%d,%d", r.Min.X, r.Min.Y, r.Dx(), r.Dy())
}
