package record

import (
	"image"
	"time"
)

// ownRefresh is how often a screen source looks again for the windows of
// this process (they move, appear and hide seldom).
const ownRefresh = 500 * time.Millisecond

// ownTracker keeps where this process's visible windows are (the
// recording's control window), looked up again every ownRefresh: a
// source paints them black, so the application stays out of the picture.
type ownTracker struct {
	find func() []image.Rectangle // the windows now, in the source's coordinates
	own  []image.Rectangle
	at   time.Time
}

// rects is where the windows were at most ownRefresh ago.
func (t *ownTracker) rects() []image.Rectangle {
	if t.find == nil || (!t.at.IsZero() && time.Since(t.at) < ownRefresh) {
		return t.own
	}
	t.at = time.Now()
	t.own = t.find()
	return t.own
}
