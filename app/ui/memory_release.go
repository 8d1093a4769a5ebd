package ui

import (
	"context"
	"runtime/debug"
	"time"

	"github.com/segur-dossier/dossier-segur/app/system"
)

// releaseDelay is how long the requirement shown must stay the same, its
// previews made, before the memory its showing took is given back: long
// enough not to fall between two moves of someone walking the list, whose
// next moves would fault the pages given back in again (measured under
// Xvfb with 1 s: no less memory after a walk, more CPU per move; with
// 5 s: 6 MiB less 8 s after the walk, the same CPU per move).
const releaseDelay = 5 * time.Second

// startReleaseDelay is how long after a view first shows (the start screen, a
// dossier's main window) the memory its start took is given back, whatever
// the user does meanwhile: its first frames are drawn by then and, under
// Mesa's llvmpipe, the shaders they need compiled (well within a second),
// after which libLLVM's code is no longer run. Someone who starts walking
// the list at once gives no idle moment for releaseDelay.
const startReleaseDelay = 3 * time.Second

// releaseOnceSettled calls the shell's release startReleaseDelay after a view
// was shown.
func (s *shell) releaseOnceSettled() {
	if s.release != nil {
		s.after(startReleaseDelay, s.release)
	}
}

// productionRelease is evidenceDeps.release outside tests: a collection,
// then the free pages of the Go heap given back to the system, off the UI
// goroutine. Showing a requirement decodes its pictures (a 1280×720
// capture is 3.5 MiB of pixels for a 35 KiB thumbnail) and builds its
// cards; that memory is garbage once the previews are made, but the Go
// runtime hands its pages back to the system only slowly, a few at a time,
// so the process keeps the high-water mark of the last moves. A full
// collection of the GUI's heap (about 27 MiB live) costs some 10–20 ms of
// CPU, spent once the user has stopped on a requirement, never while the
// window repaints for a move. Then the clean code pages of the executable
// and its libraries go too (system.TrimFilePages): under Mesa's llvmpipe,
// libLLVM's code, run only while the first frames compile their shaders.
func productionRelease() {
	go func() {
		debug.FreeOSMemory()
		system.TrimFilePages()
	}()
}

// releaseWhenIdle calls the deps' release once releaseDelay has passed,
// unless ctx (the showing of one requirement) ended before.
func (p *evidencePanel) releaseWhenIdle(ctx context.Context) {
	if p.d.release == nil {
		return
	}
	p.d.after(releaseDelay, func() {
		if ctx.Err() == nil {
			p.d.release()
		}
	})
}
