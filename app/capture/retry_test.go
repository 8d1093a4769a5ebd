package capture_test

import (
	"errors"
	"image"
	"runtime"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
)

// recorder is a RetryPolicy.Sleep that records pauses instead of waiting.
type recorder struct{ pauses []time.Duration }

func (r *recorder) sleep(d time.Duration) { r.pauses = append(r.pauses, d) }

func policy(rec *recorder) capture.RetryPolicy {
	p := capture.DefaultRetry()
	p.Sleep = rec.sleep
	return p
}

func TestDefaultRetry(t *testing.T) {
	p := capture.DefaultRetry()
	if p.Attempts != 5 || p.Delay != 150*time.Millisecond {
		t.Errorf("DefaultRetry = %+v, want 5 attempts 150 ms apart", p)
	}
}

func TestRetryingRecoversFromFlakyCaptures(t *testing.T) {
	for failures := range 5 {
		fake := capturetest.OneDisplay(8, 6)
		fake.Failures = failures
		rec := &recorder{}
		s := &capture.Retrying{Screen: fake, Policy: policy(rec)}
		img, _, err := capture.Grab(s, 0)
		if err != nil {
			t.Fatalf("%d failures: %v", failures, err)
		}
		checkDesktop(t, fake, img, fake.Displays[0])
		if fake.Calls != failures+1 {
			t.Errorf("%d failures: %d calls, want %d", failures, fake.Calls, failures+1)
		}
		if len(rec.pauses) != failures {
			t.Errorf("%d failures: %d pauses, want %d", failures, len(rec.pauses), failures)
		}
		for _, d := range rec.pauses {
			if d != 150*time.Millisecond {
				t.Errorf("pause of %v, want 150ms", d)
			}
		}
	}
}

func TestRetryingGivesUp(t *testing.T) {
	fake := capturetest.OneDisplay(8, 6)
	fake.Failures = 5
	rec := &recorder{}
	s := &capture.Retrying{Screen: fake, Policy: policy(rec)}
	_, _, err := capture.Grab(s, 0)
	if !errors.Is(err, capturetest.ErrFlaky) {
		t.Fatalf("error = %v, want the last capture error wrapped", err)
	}
	if fake.Calls != 5 || len(rec.pauses) != 4 {
		t.Errorf("%d calls and %d pauses, want 5 and 4", fake.Calls, len(rec.pauses))
	}
}

func TestRetryingZeroPolicyTriesOnce(t *testing.T) {
	fake := capturetest.OneDisplay(8, 6)
	fake.Failures = 1
	s := &capture.Retrying{Screen: fake}
	if _, _, err := capture.Grab(s, 0); !errors.Is(err, capturetest.ErrFlaky) {
		t.Fatalf("error = %v, want ErrFlaky", err)
	}
	if fake.Calls != 1 {
		t.Errorf("%d calls, want 1", fake.Calls)
	}
}

func TestRetryingDoesNotRetryNoDisplay(t *testing.T) {
	fake := capturetest.OneDisplay(8, 6)
	fake.Err = capture.ErrNoDisplay
	rec := &recorder{}
	s := &capture.Retrying{Screen: fake, Policy: policy(rec)}
	if _, _, err := capture.Grab(s, 0); !errors.Is(err, capture.ErrNoDisplay) {
		t.Fatalf("error = %v, want ErrNoDisplay", err)
	}
	if fake.Calls != 1 || len(rec.pauses) != 0 {
		t.Errorf("%d calls and %d pauses, want 1 and 0", fake.Calls, len(rec.pauses))
	}
}

// blinking is a screen whose display list and bounds come back empty the
// first times they are asked, as when the X connection fails.
type blinking struct {
	capturetest.Screen
	emptyCounts, emptyBounds int
}

func (b *blinking) NumDisplays() int {
	if b.emptyCounts > 0 {
		b.emptyCounts--
		return 0
	}
	return b.Screen.NumDisplays()
}

func (b *blinking) Bounds(i int) image.Rectangle {
	if b.emptyBounds > 0 {
		b.emptyBounds--
		return image.Rectangle{}
	}
	return b.Screen.Bounds(i)
}

func TestRetryingRetriesDisplayQueries(t *testing.T) {
	fake := &blinking{Screen: *capturetest.OneDisplay(8, 6), emptyCounts: 2, emptyBounds: 3}
	rec := &recorder{}
	s := &capture.Retrying{Screen: fake, Policy: policy(rec)}
	_, g, err := capture.Grab(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	if g.W != 8 || g.H != 6 {
		t.Errorf("geometry %+v, want 8×6", g)
	}
	if len(rec.pauses) != 5 {
		t.Errorf("%d pauses, want 5 (2 for the count, 3 for the bounds)", len(rec.pauses))
	}
}

func TestDesktopWithoutDisplay(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("DISPLAY only matters where the library talks to an X server")
	}
	t.Setenv("DISPLAY", "")
	s := capture.NewDesktop()
	rec := &recorder{}
	s.Policy.Sleep = rec.sleep
	if n := s.NumDisplays(); n != 0 {
		t.Errorf("NumDisplays = %d without DISPLAY", n)
	}
	if _, _, err := capture.Grab(s, 0); !errors.Is(err, capture.ErrNoDisplay) {
		t.Errorf("Grab error = %v, want ErrNoDisplay", err)
	}
	if _, err := s.Capture(image.Rect(0, 0, 10, 10)); !errors.Is(err, capture.ErrNoDisplay) {
		t.Errorf("Capture error = %v, want ErrNoDisplay", err)
	}
	if b := s.Bounds(0); !b.Empty() {
		t.Errorf("Bounds(0) = %v without DISPLAY", b)
	}
	if len(rec.pauses) != 0 {
		t.Errorf("%d pauses: a missing DISPLAY must fail at once", len(rec.pauses))
	}
}
