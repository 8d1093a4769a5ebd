package capture

import (
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// RetryPolicy says how often Retrying tries again. The zero value tries
// once.
type RetryPolicy struct {
	// Attempts is the total number of tries (values below 1 mean 1).
	Attempts int
	// Delay is the pause between two tries.
	Delay time.Duration
	// Sleep waits between tries; nil means time.Sleep. Tests replace it
	// to record the pauses without waiting.
	Sleep func(time.Duration)
}

// DefaultRetry is the policy measured to make kbinani/screenshot reliable
// under Xvfb, where back-to-back calls fail intermittently: 5 tries,
// 150 ms apart. The library opens one X connection per call, and an X
// server with no other client resets when that connection closes, so the
// next call can meet a server in the middle of its reset (an Xvfb started
// with -noreset, or a desktop session, does not show the problem).
func DefaultRetry() RetryPolicy {
	return RetryPolicy{Attempts: 5, Delay: 150 * time.Millisecond}
}

func (p RetryPolicy) attempts() int {
	return max(p.Attempts, 1)
}

func (p RetryPolicy) pause() {
	if p.Delay <= 0 {
		return
	}
	if p.Sleep != nil {
		p.Sleep(p.Delay)
		return
	}
	time.Sleep(p.Delay)
}

// Retrying is a Screen that retries the flaky calls of the Screen it wraps.
// Capture is retried on any error but ErrNoDisplay; NumDisplays and Bounds
// are retried while they report nothing, since a failed connection to the
// X server looks like "no display" to the library.
type Retrying struct {
	Screen Screen
	Policy RetryPolicy
}

// displayless is implemented by screens that know for sure, without
// asking a server, that there is no display (Desktop with DISPLAY unset):
// retrying them would only delay the error.
type displayless interface {
	noDisplay() bool
}

// NumDisplays implements Screen.
func (r *Retrying) NumDisplays() int {
	if d, ok := r.Screen.(displayless); ok && d.noDisplay() {
		return 0
	}
	n := 0
	for i := range r.Policy.attempts() {
		if i > 0 {
			r.Policy.pause()
		}
		if n = r.Screen.NumDisplays(); n > 0 {
			break
		}
	}
	return n
}

// Bounds implements Screen.
func (r *Retrying) Bounds(display int) image.Rectangle {
	var b image.Rectangle
	if d, ok := r.Screen.(displayless); ok && d.noDisplay() {
		return b
	}
	for i := range r.Policy.attempts() {
		if i > 0 {
			r.Policy.pause()
		}
		if b = r.Screen.Bounds(display); !b.Empty() {
			break
		}
	}
	return b
}

// Capture implements Screen.
func (r *Retrying) Capture(rect image.Rectangle) (*image.RGBA, error) {
	n := r.Policy.attempts()
	var err error
	for i := range n {
		if i > 0 {
			r.Policy.pause()
		}
		var img *image.RGBA
		img, err = r.Screen.Capture(rect)
		if err == nil {
			return img, nil
		}
		if errors.Is(err, ErrNoDisplay) {
			return nil, err
		}
	}
	if n == 1 {
		return nil, err
	}
	return nil, dossier.E(dossier.FaultCaptureFailed, "", fmt.Errorf("%d attempts: %w", n, err))
}
