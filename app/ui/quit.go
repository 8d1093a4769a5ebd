package ui

import (
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
)

// quitGrace is how long the application may take to end once asked to (a
// signal, its window closed) before the process ends anyway.
const quitGrace = 5 * time.Second

// closeGrace bounds the forced end's wait for the dossier's store to close
// (a transaction in progress finishes first).
const closeGrace = 2 * time.Second

// quitSignals end the application cleanly.
var quitSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// ender ends the application whatever asks it to. Fyne's driver takes
// SIGINT and SIGTERM itself, only once its loop is about to run (the
// window is mapped before: a signal then killed the process, the dossier
// not closed), reads one signal only (a second one was swallowed) and
// quits without closing the window (the note being typed was lost); and
// its shutdown can wait forever, for a call on its loop that the loop no
// longer runs (its lifecycle queue against the drain of its function
// queue). So the application listens to the signals itself from the
// start: the first closes the open dossier on the UI goroutine (the note
// saved, the lock released) and quits; a watchdog armed then, or when the
// window closes, ends the process after quitGrace if it is still there;
// a second signal ends it at once. Either way the dossier's store is
// closed before the process ends.
type ender struct {
	s     *shell
	exit  func(code int)              // os.Exit
	after func(time.Duration, func()) // time.AfterFunc
	do    func(func())                // fyne.Do
	armed sync.Once
}

// newEnder listens to the quit signals from now on, for s.
func newEnder(s *shell) *ender {
	e := &ender{s: s, exit: os.Exit, do: fyne.Do,
		after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	c := make(chan os.Signal, 2)
	signal.Notify(c, quitSignals...)
	go e.watch(c)
	return e
}

// watch ends the application on the first signal of c, the process on
// the second.
func (e *ender) watch(c <-chan os.Signal) {
	sig := <-c
	log.Printf("%v: closing", sig)
	e.quit()
	sig = <-c
	log.Printf("%v again: ending now", sig)
	e.force()
}

// quit closes the dossier and ends the UI loop on the UI goroutine, and
// arms the watchdog. The loop is ended as Fyne's own handler does, its
// window left to the driver's shutdown: closing it first (app.Quit) let
// the loop poll events for a destroyed window, a crash.
func (e *ender) quit() {
	e.arm()
	e.do(func() {
		e.s.closeDossier()
		e.s.app.Driver().Quit()
	})
}

// arm ends the process after quitGrace, unless it ended before.
func (e *ender) arm() {
	e.armed.Do(func() {
		e.after(quitGrace, func() {
			log.Printf("still running %v after being asked to end: ending now", quitGrace)
			e.force()
		})
	})
}

// closeAfterLoop closes the dossier once the UI loop has ended, whoever
// ended it (Fyne's own handler may have run first): the note being typed
// is saved and the store closed; the window is left alone, its library is
// shut down.
func (s *shell) closeAfterLoop() {
	if s.main != nil && s.open.Load() == s.main.svc {
		s.main.detail.flush()
	}
	if svc := s.open.Swap(nil); svc != nil {
		if err := svc.Close(); err != nil {
			log.Printf("close %s: %v", svc.Path(), err)
		}
	}
}

// force ends the process now, its dossier's store closed first if the UI
// goroutine has not closed it (waiting at most closeGrace).
func (e *ender) force() {
	code := 0
	if svc := e.s.open.Swap(nil); svc != nil {
		done := make(chan error, 1)
		go func() { done <- svc.Close() }()
		select {
		case err := <-done:
			if err != nil {
				log.Printf("close %s: %v", svc.Path(), err)
				code = 1
			}
		case <-time.After(closeGrace):
			log.Printf("close %s: still busy after %v", svc.Path(), closeGrace)
			code = 1
		}
	}
	e.exit(code)
}
