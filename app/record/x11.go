//go:build linux || freebsd || openbsd || netbsd

package record

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"log"
	"os"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// x11Source reads the screen through one X connection kept for the whole
// recording (github.com/kbinani/screenshot opens one per picture, which is
// slow and, under Xvfb, flaky). The windows of this process (the
// recording's control window) are painted black: the application stays
// out of the picture.
type x11Source struct {
	c       *xgb.Conn
	root    xproto.Window
	region  image.Rectangle
	pidAtom xproto.Atom
	own     ownTracker
}

func init() {
	// The X library logs its connection attempts (in English) to stderr,
	// for our connections and for github.com/kbinani/screenshot's: the
	// user is told what matters by our own messages.
	xgb.Logger = log.New(io.Discard, "", 0)
}

// ScreenSize is the size of the X screen named by DISPLAY.
func ScreenSize() (image.Rectangle, error) {
	c, err := dial()
	if err != nil {
		return image.Rectangle{}, err
	}
	defer c.Close()
	s := xproto.Setup(c).DefaultScreen(c)
	return image.Rect(0, 0, int(s.WidthInPixels), int(s.HeightInPixels)), nil
}

func dial() (*xgb.Conn, error) {
	if os.Getenv("DISPLAY") == "" {
		return nil, dossier.E(dossier.FaultNoDisplay, "", errors.New("DISPLAY is not set"))
	}
	c, err := xgb.NewConn()
	if err != nil {
		return nil, dossier.E(dossier.FaultNoDisplay, "", err)
	}
	return c, nil
}

// OpenScreen opens the screen for recording region, in desktop
// coordinates; a region outside the screen is refused.
func OpenScreen(region image.Rectangle) (Source, error) {
	c, err := dial()
	if err != nil {
		return nil, err
	}
	setup := xproto.Setup(c)
	s := setup.DefaultScreen(c)
	screen := image.Rect(0, 0, int(s.WidthInPixels), int(s.HeightInPixels))
	if err := CheckRegion(region, screen); err != nil {
		c.Close()
		return nil, err
	}
	if bpp := bitsPerPixel(setup, s.RootDepth); s.RootDepth < 24 || bpp != 32 {
		c.Close()
		return nil, dossier.E(dossier.FaultRecordingFailed, "", fmt.Errorf("X screen of depth %d, %d bits a pixel", s.RootDepth, bpp))
	}
	src := &x11Source{c: c, root: s.Root, region: region}
	if a, err := xproto.InternAtom(c, true, uint16(len("_NET_WM_PID")), "_NET_WM_PID").Reply(); err == nil && a.Atom != 0 {
		src.pidAtom = a.Atom
		src.own.find = src.ownWindows
	}
	return src, nil
}

func bitsPerPixel(setup *xproto.SetupInfo, depth byte) int {
	for _, f := range setup.PixmapFormats {
		if f.Depth == depth {
			return int(f.BitsPerPixel)
		}
	}
	return 0
}

// Grab implements Source.
func (s *x11Source) Grab(dst *image.RGBA) error {
	r := s.region
	reply, err := xproto.GetImage(s.c, xproto.ImageFormatZPixmap, xproto.Drawable(s.root),
		int16(r.Min.X), int16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), 0xffffffff).Reply()
	if err != nil || reply == nil {
		if err == nil {
			err = errors.New("no reply")
		}
		return dossier.E(dossier.FaultDisplayLost, "", fmt.Errorf("X GetImage: %w", err))
	}
	w, h := r.Dx(), r.Dy()
	if len(reply.Data) < w*h*4 {
		return dossier.E(dossier.FaultRecordingFailed, "", fmt.Errorf("X image of %d bytes for %d×%d", len(reply.Data), w, h))
	}
	// The X server sends BGRX, little-endian, rows without padding at
	// 32 bits a pixel.
	src := reply.Data
	for y := range h {
		d := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		p := src[y*w*4 : (y+1)*w*4]
		for i := 0; i < len(d); i += 4 {
			d[i], d[i+1], d[i+2], d[i+3] = p[i+2], p[i+1], p[i], 0xff
		}
	}
	Mask(dst, s.own.rects())
	return nil
}

// ownWindows is where this process's visible windows are, in the region's
// coordinates.
func (s *x11Source) ownWindows() []image.Rectangle {
	var own []image.Rectangle
	tree, err := xproto.QueryTree(s.c, s.root).Reply()
	if err != nil {
		return nil
	}
	pid := uint32(os.Getpid())
	for _, w := range tree.Children {
		if !s.viewable(w) || !s.ownedBy(w, pid) {
			continue
		}
		g, err := xproto.GetGeometry(s.c, xproto.Drawable(w)).Reply()
		if err != nil {
			continue
		}
		b := int(g.BorderWidth)
		r := image.Rect(int(g.X), int(g.Y), int(g.X)+int(g.Width)+2*b, int(g.Y)+int(g.Height)+2*b)
		own = append(own, r.Sub(s.region.Min))
	}
	return own
}

func (s *x11Source) viewable(w xproto.Window) bool {
	a, err := xproto.GetWindowAttributes(s.c, w).Reply()
	return err == nil && a.MapState == xproto.MapStateViewable
}

// ownedBy tells whether the top-level window w (or, under a window
// manager that reparents, the client window it frames) belongs to pid.
func (s *x11Source) ownedBy(w xproto.Window, pid uint32) bool {
	if s.pidOf(w) == pid {
		return true
	}
	tree, err := xproto.QueryTree(s.c, w).Reply()
	if err != nil {
		return false
	}
	for _, child := range tree.Children {
		if s.pidOf(child) == pid {
			return true
		}
	}
	return false
}

func (s *x11Source) pidOf(w xproto.Window) uint32 {
	p, err := xproto.GetProperty(s.c, false, w, s.pidAtom, xproto.AtomCardinal, 0, 1).Reply()
	if err != nil || p == nil || p.Format != 32 || len(p.Value) < 4 {
		return 0
	}
	return binary.LittleEndian.Uint32(p.Value)
}

// Close implements Source.
func (s *x11Source) Close() error {
	s.c.Close()
	return nil
}
