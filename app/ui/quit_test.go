package ui

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// fakeEnd is an ender whose process end, watchdog and UI goroutine are
// the test's.
type fakeEnd struct {
	*ender
	exits    []int
	watchdog func()
}

func newFakeEnd(s *shell) *fakeEnd {
	f := &fakeEnd{}
	f.ender = &ender{s: s, exit: func(c int) { f.exits = append(f.exits, c) },
		after: func(d time.Duration, fn func()) {
			if d != quitGrace {
				panic("watchdog delay")
			}
			f.watchdog = fn
		},
		do: func(fn func()) { fn() }}
	s.ender = f.ender
	return f
}

// TestSignalClosesTheDossier: SIGTERM closes the open dossier on the UI
// goroutine (the note being typed saved, the lock released) and quits;
// the watchdog armed then ends the process if it is still there; a second
// signal ends it at once.
func TestSignalClosesTheDossier(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	path := filepath.Join(f.dir, "essai.segur")
	req := m.current
	f.win.Canvas().Focus(m.detail.note)
	test.Type(m.detail.note, "Tapée avant le signal")
	end := newFakeEnd(f.shell)
	c := make(chan os.Signal, 2)
	c <- syscall.SIGTERM
	c <- syscall.SIGTERM
	end.watch(c)
	if f.shell.main != nil || f.shell.open.Load() != nil {
		t.Fatal("the dossier is still open after SIGTERM")
	}
	if end.watchdog == nil || len(end.exits) != 1 || end.exits[0] != 0 {
		t.Fatalf("watchdog armed %v, exits %v; want armed and one clean end for the second signal", end.watchdog != nil, end.exits)
	}
	end.watchdog()
	if len(end.exits) != 2 || end.exits[1] != 0 {
		t.Fatalf("exits after the watchdog: %v", end.exits)
	}
	f.shell.onOpenPath(path)
	if f.shell.main == nil {
		t.Fatalf("dossier not opened again (still locked?): %s", f.overlay())
	}
	if r, err := f.shell.main.svc.Row(req); err != nil || r.State.Note != "Tapée avant le signal" {
		t.Fatalf("note after SIGTERM: %q, %v", r.State.Note, err)
	}
}

// TestForcedEndClosesTheStore: when the UI goroutine never runs the quit
// (its loop hung), the forced end closes the dossier's store itself.
func TestForcedEndClosesTheStore(t *testing.T) {
	f := newFixture(t)
	f.create()
	path := filepath.Join(f.dir, "essai.segur")
	end := newFakeEnd(f.shell)
	end.do = func(func()) {} // the UI goroutine no longer runs anything
	end.quit()
	if end.watchdog == nil {
		t.Fatal("no watchdog")
	}
	end.watchdog()
	if len(end.exits) != 1 || end.exits[0] != 0 {
		t.Fatalf("exits: %v", end.exits)
	}
	if st, err := f.opener.Open(path); err != nil {
		t.Fatalf("dossier still locked after the forced end: %v", err)
	} else {
		st.Close()
	}
	// The UI goroutine, if it ever comes back, does not close it twice.
	f.shell.closeDossier()
}

// TestWindowClosedArmsTheWatchdog: closing the window closes the dossier
// and arms the watchdog (Fyne's shutdown can hang after it).
func TestWindowClosedArmsTheWatchdog(t *testing.T) {
	f := newFixture(t)
	f.create()
	end := newFakeEnd(f.shell)
	f.shell.onWindowClosed()
	if f.shell.open.Load() != nil || end.watchdog == nil || len(end.exits) != 0 {
		t.Fatalf("open %v, watchdog %v, exits %v", f.shell.open.Load() != nil, end.watchdog != nil, end.exits)
	}
}

// TestCloseAfterLoop: once the UI loop has ended without the dossier
// being closed (Fyne's own SIGTERM handler ran first), the note typed is
// saved and the store closed.
func TestCloseAfterLoop(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	path := filepath.Join(f.dir, "essai.segur")
	req := m.current
	f.win.Canvas().Focus(m.detail.note)
	test.Type(m.detail.note, "Tapée avant la fin")
	f.shell.closeAfterLoop()
	st, err := f.opener.Open(path)
	if err != nil {
		t.Fatalf("dossier still locked: %v", err)
	}
	st.Close()
	f.shell.main = nil
	f.shell.onOpenPath(path)
	if f.shell.main == nil {
		t.Fatal("not reopened")
	}
	if r, err := f.shell.main.svc.Row(req); err != nil || r.State.Note != "Tapée avant la fin" {
		t.Fatalf("note: %q, %v", r.State.Note, err)
	}
}
