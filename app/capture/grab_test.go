package capture_test

import (
	"encoding/json"
	"errors"
	"image"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// checkDesktop asserts that img shows the fake desktop s over r: the
// fake's pattern where a display covers the point, black elsewhere.
func checkDesktop(t *testing.T, s *capturetest.Screen, img *image.RGBA, r image.Rectangle) {
	t.Helper()
	if got := img.Bounds(); got != (image.Rectangle{Max: r.Size()}) {
		t.Fatalf("bounds = %v, want %v at 0,0", got, r.Size())
	}
	bad := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			want := capturetest.Pixel(x, y)
			covered := false
			for _, d := range s.Displays {
				covered = covered || image.Pt(x, y).In(d)
			}
			if !covered {
				want.R, want.G, want.B = 0, 0, 0
			}
			if got := img.RGBAAt(x-r.Min.X, y-r.Min.Y); got != want {
				if bad++; bad < 5 {
					t.Errorf("pixel at desktop %d,%d = %v, want %v", x, y, got, want)
				}
			}
		}
	}
}

func TestGrabOneDisplay(t *testing.T) {
	s := &capturetest.Screen{Displays: []image.Rectangle{
		image.Rect(0, 0, 64, 48),
		image.Rect(64, 0, 64+40, 30),
	}}
	img, g, err := capture.Grab(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := capture.Geometry{Display: 1, X: 64, Y: 0, W: 40, H: 30}
	if g != want {
		t.Errorf("geometry = %+v, want %+v", g, want)
	}
	if g.Rect() != s.Displays[1] {
		t.Errorf("geometry rect = %v, want %v", g.Rect(), s.Displays[1])
	}
	checkDesktop(t, s, img, s.Displays[1])
}

func TestGrabAllDisplaysIsTheUnion(t *testing.T) {
	// A display left of and above the primary one, another to its right
	// but shorter: the union has black gaps.
	s := &capturetest.Screen{Displays: []image.Rectangle{
		image.Rect(0, 0, 50, 40),
		image.Rect(-30, -10, 0, 20),
		image.Rect(50, 5, 70, 25),
	}}
	img, g, err := capture.Grab(s, capture.AllDisplays)
	if err != nil {
		t.Fatal(err)
	}
	union := image.Rect(-30, -10, 70, 40)
	want := capture.Geometry{Display: capture.AllDisplays, X: -30, Y: -10, W: 100, H: 50}
	if g != want {
		t.Errorf("geometry = %+v, want %+v", g, want)
	}
	if s.Calls != 1 {
		t.Errorf("Capture called %d times, want one capture of the union", s.Calls)
	}
	checkDesktop(t, s, img, union)
}

func TestGrabUnknownDisplay(t *testing.T) {
	s := &capturetest.Screen{Displays: []image.Rectangle{image.Rect(0, 0, 8, 8), image.Rect(8, 0, 16, 8)}}
	for _, display := range []int{2, 99, -2, -1 << 40} {
		img, _, err := capture.Grab(s, display)
		if !errors.Is(err, capture.ErrNoSuchDisplay) {
			t.Fatalf("Grab(%d) error = %v, want ErrNoSuchDisplay", display, err)
		}
		if img != nil {
			t.Errorf("Grab(%d) returned an image with its error", display)
		}
		if e := dossier.AsError(err); e == nil || e.Subject != itoa(display) || e.Detail != "2" {
			t.Errorf("Grab(%d) error %v does not name the index and the display count", display, err)
		}
	}
	if s.Calls != 0 {
		t.Errorf("Capture called %d times for unknown displays", s.Calls)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestGrabNoDisplay(t *testing.T) {
	_, _, err := capture.Grab(&capturetest.Screen{}, 0)
	if !errors.Is(err, capture.ErrNoDisplay) {
		t.Fatalf("error = %v, want ErrNoDisplay", err)
	}
	if dossier.FaultOf(err) != dossier.FaultNoDisplay {
		t.Errorf("error %v is not of fault no_display", err)
	}
}

func TestGrabPassesCaptureErrors(t *testing.T) {
	boom := errors.New("boom")
	s := capturetest.OneDisplay(4, 4)
	s.Err = boom
	if _, _, err := capture.Grab(s, 0); !errors.Is(err, boom) {
		t.Fatalf("error = %v, want the screen's error", err)
	}
}

// wrongSize is a screen whose captures do not have the asked size.
type wrongSize struct{ capturetest.Screen }

func (w *wrongSize) Capture(r image.Rectangle) (*image.RGBA, error) {
	return image.NewRGBA(image.Rect(0, 0, 1, 1)), nil
}

func TestGrabRefusesWrongSizedCapture(t *testing.T) {
	s := &wrongSize{*capturetest.OneDisplay(4, 4)}
	if _, _, err := capture.Grab(s, 0); err == nil {
		t.Fatal("a capture of the wrong size was accepted")
	}
}

// hugeScreen reports a display far too large to allocate.
type hugeScreen struct{ capturetest.Screen }

func (h *hugeScreen) Bounds(int) image.Rectangle { return image.Rect(-1<<62, -1<<62, 1<<62, 1<<62) }

func TestGrabRefusesHugeDisplay(t *testing.T) {
	s := &hugeScreen{*capturetest.OneDisplay(4, 4)}
	if _, _, err := capture.Grab(s, 0); err == nil {
		t.Fatal("a huge display was accepted")
	}
	if s.Calls != 0 {
		t.Errorf("Capture called %d times for a huge display", s.Calls)
	}
}

func TestGeometryJSONAndInfo(t *testing.T) {
	g := capture.Geometry{Display: capture.AllDisplays, X: -30, Y: 1, W: 100, H: 50}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"display":-1,"x":-30,"y":1,"width":100,"height":50}`
	if string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
	info := g.Info()
	if *info != (dossier.CaptureInfo{Display: -1, X: -30, Y: 1, Width: 100, Height: 50}) {
		t.Errorf("Info = %+v", *info)
	}
	// The stored record and the geometry read the same JSON.
	bi, err := json.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	if string(bi) != want {
		t.Errorf("CaptureInfo JSON = %s, want %s", bi, want)
	}
}

func TestGeometryCropped(t *testing.T) {
	g := capture.Geometry{Display: 1, X: 1920, Y: -100, W: 800, H: 600}
	cases := []struct {
		crop *image.Rectangle
		want capture.Geometry
	}{
		{nil, g},
		{&image.Rectangle{Min: image.Pt(10, 20), Max: image.Pt(110, 70)}, capture.Geometry{Display: 1, X: 1930, Y: -80, W: 100, H: 50}},
		// Inverted and overflowing: normalised, then clamped like Apply.
		{&image.Rectangle{Min: image.Pt(900, 650), Max: image.Pt(700, 500)}, capture.Geometry{Display: 1, X: 2620, Y: 400, W: 100, H: 100}},
	}
	for _, tc := range cases {
		if got := g.Cropped(tc.crop); got != tc.want {
			t.Errorf("Cropped(%v) = %+v, want %+v", tc.crop, got, tc.want)
		}
	}
}
