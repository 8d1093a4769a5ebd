package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestMemoryIsReleasedOnceTheUserStays: the memory taken to show a
// requirement is given back once the user stays on it, its previews made;
// never for a requirement already left, so that walking the list does not
// collect at every step. Opening a dossier gives its start-up memory back
// once, whatever the user does meanwhile.
func TestMemoryIsReleasedOnceTheUserStays(t *testing.T) {
	f := newFixture(t)
	f.shell.deps.ThumbDir = t.TempDir()
	var timers []func()
	f.shell.after = func(_ time.Duration, fn func()) { timers = append(timers, fn) }
	released := 0
	f.shell.release = func() { released++ }
	runTimers := func() {
		for len(timers) > 0 {
			fn := timers[0]
			timers = timers[1:]
			fn()
		}
	}
	m := f.create()
	m.move(1)
	m.move(1)
	runTimers()
	if released != 2 {
		t.Fatalf("%d releases after opening, showing 3 requirements and staying on the last, want 2", released)
	}
	path := filepath.Join(f.dir, "écran.png")
	if err := os.WriteFile(path, pngOf(t, 640, 480), 0o600); err != nil {
		t.Fatal(err)
	}
	m.evidence.attachPaths([]string{path})
	if c := m.evidence.card(m.evidence.items[0].ID); c == nil || c.thumb.Image == nil {
		t.Fatal("the preview was not made")
	}
	if released != 2 {
		t.Fatalf("released before the delay: %d", released)
	}
	runTimers()
	if released != 3 {
		t.Fatalf("%d releases after the previews were made, want 3", released)
	}
}
