// Package ui is the Fyne desktop face of the application. Every Fyne import
// of the project lives here; one view per file.
//
// The shell (this file) owns the application and its single window and
// swaps two views in it: the start screen (start.go) and, once a dossier is
// open, the main window (main_window.go) made of the sections panel
// (sections.go), the requirement list (list.go) and the requirement detail
// (detail.go). Views are plain structs built by newXxxView with onXxx
// handlers; they get the window and the service passed in and call only
// dossier.Service, dossier.Create and dossier.Open.
package ui

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// The GUI's garbage collector settings. Previews are decoded and dropped
// as the user walks; with Go's default (GOGC 100) the heap grows to twice
// the live data before a collection. The live heap is about 22 MiB after
// a walk through a 2,000-proof dossier, two thirds of it Fyne's parsed
// fonts (the theme's and, for each text style, the system's font for the
// locale), which never change; a collection at 1.25 times the live data
// keeps the heap 5–6 MiB smaller than at 1.5 times (measured under Xvfb,
// .ci/bench-walk.sh: 191 instead of 193–197 MiB after the walks, opened
// 159 instead of 165 MiB) for about 10–20 ms more CPU per move at p95,
// well within the repaint's budget. The memory limit is only a ceiling
// far above that: a limit below the live heap makes the collector run
// without end (measured with the former 48 MiB limit on a 2,000-proof
// dossier: 141 collections in 15 moves, a quarter of the CPU, moves of
// more than a second).
const (
	guiGCPercent   = 25
	guiMemoryLimit = 256 << 20
)

// appID is the application ID, as in FyneApp.toml; it keys the preferences
// (recent dossiers).
const appID = "fr.segur-dossier.app"

// Deps is what the GUI needs from the composition root.
type Deps struct {
	Opener           dossier.Opener
	DefaultCatalogue func() (*dossier.Catalogue, error)
	Icon             []byte
	// OpenPath, when set, is a dossier to open at start.
	OpenPath string
	// DefaultFolder is where new dossiers are proposed; empty means the
	// user's Documents folder (or home folder).
	DefaultFolder string
	// OpenFile opens a file with the system's default application; nil
	// means Fyne's OpenURL on a file URL.
	OpenFile func(path string) error
	// Screen is what screen captures read; nil means no display.
	Screen capture.Screen
	// Version is shown in "À propos"; empty means the packaged metadata's
	// (FyneApp.toml, only known to `fyne build` and `fyne package`).
	Version string
	// ThumbDir caches the evidence previews; Run sets the user's cache
	// folder when empty.
	ThumbDir string
	// Record replaces the screen for video recording (tests); nil means
	// the real one.
	Record *RecordHooks
	// Operators, when set, is the operator saved for the workstation,
	// shared with the CLI (main sets it to the system's file); the GUI
	// keeps its own copy in its preferences.
	Operators OperatorStore
	// Clipboard reads the system clipboard for Ctrl+V (image, files or
	// text); nil means the toolkit's clipboard, text only.
	Clipboard func(ctx context.Context) (system.Clip, error)
}

// OperatorStore keeps the workstation's operator outside the GUI.
type OperatorStore interface {
	SavedOperator() dossier.Operator
	SaveOperator(dossier.Operator) error
}

// Run starts the application and blocks until its window closes.
func Run(d Deps) int {
	useFrench()
	startProfile()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(guiGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(guiMemoryLimit)
	}
	if d.ThumbDir == "" {
		d.ThumbDir = defaultThumbDir()
	}
	a := app.NewWithID(appID)
	if a.Metadata().Name == "" {
		// A plain `go build` binary run outside the repository has no
		// FyneApp.toml metadata: set what it says, the fyneDo migration
		// included (every UI update from a goroutine goes through fyne.Do).
		app.SetMetadata(fyne.AppMetadata{ID: appID, Name: "Dossier Ségur", Version: d.Version, Build: 1,
			Migrations: map[string]bool{"fyneDo": true}})
	}
	if len(d.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("icon.png", d.Icon))
	}
	w := a.NewWindow("Dossier Ségur")
	w.Resize(fyne.NewSize(1440, 900))
	s := newShell(a, w, d, goBackground)
	s.ender = newEnder(s)
	s.start()
	s.releaseOnceSettled()
	w.ShowAndRun()
	// However the loop ended (a signal, the window closed, a menu), the
	// dossier is closed before the process ends.
	s.closeAfterLoop()
	return 0
}

// background runs work off the UI goroutine, then done on it.
type background func(work, done func())

// goBackground is the production background: a goroutine, then fyne.Do.
func goBackground(work, done func()) {
	go func() {
		work()
		fyne.Do(done)
	}()
}

// shell owns the window and switches between the start screen and the
// main window of the open dossier.
type shell struct {
	app    fyne.App
	win    fyne.Window
	deps   Deps
	bg     background
	recent recentList

	startView *startView
	// main is the open dossier's view; nil on the start screen.
	main *mainView
	busy bool
	// after runs f on the UI goroutine once d has passed (capture delay
	// and countdown); tests replace it so as not to wait.
	after func(d time.Duration, f func())
	// release gives memory back once the user stays on a requirement
	// (productionRelease; tests count the calls).
	release func()
	// open is the open dossier's service, for ender's forced end (which
	// runs off the UI goroutine); whoever swaps it out closes it.
	open atomic.Pointer[dossier.Service]
	// ender ends the application on a signal or once its window closed
	// (quit.go); nil in tests.
	ender *ender
}

func newShell(a fyne.App, w fyne.Window, d Deps, bg background) *shell {
	s := &shell{app: a, win: w, deps: d, bg: bg, recent: newRecentList(a.Preferences()), after: productionAfter, release: productionRelease}
	w.SetOnClosed(s.onWindowClosed)
	return s
}

// start shows the start screen, or opens the dossier given at launch.
func (s *shell) start() {
	s.showStart()
	if s.deps.OpenPath != "" {
		s.onOpenPath(s.deps.OpenPath)
	}
}

// showStart closes any open dossier and shows the start screen.
func (s *shell) showStart() {
	s.closeDossier()
	cat, err := s.deps.DefaultCatalogue()
	if err != nil {
		log.Printf("default catalogue: %v", err)
		cat = nil
	}
	s.startView = newStartView(s.win, s.recent, s.defaultFolder(), cat, s.onCreate, s.onOpenPath)
	s.startView.bg = s.bg
	s.win.SetTitle("Dossier Ségur")
	s.win.SetMainMenu(s.startMenu())
	s.win.SetContent(s.startView.content)
	s.startView.focus()
}

func (s *shell) startMenu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu("Dossier",
			fyne.NewMenuItem("Nouveau", func() { s.startView.focus() }),
			fyne.NewMenuItem("Ouvrir…", s.onOpenDialog),
		),
		fyne.NewMenu("Aide", fyne.NewMenuItem("À propos", s.onAbout)),
	)
}

func (s *shell) defaultFolder() string {
	if s.deps.DefaultFolder != "" {
		return s.deps.DefaultFolder
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// onCreate creates a dossier file and opens it. The storage builds the
// file under a temporary name, so a failure leaves nothing behind.
func (s *shell) onCreate(path string, info dossier.Info) {
	if s.busy {
		return
	}
	cat, err := s.creationCatalogue()
	if err != nil {
		showError(s.win, "Catalogue illisible", err)
		return
	}
	s.setBusy(true)
	var svc *dossier.Service
	s.bg(func() {
		svc, err = dossier.CreateAs(s.deps.Opener, path, info, cat, s.operator())
	}, func() {
		s.setBusy(false)
		if err != nil {
			showError(s.win, "Impossible de créer le dossier", err)
			return
		}
		s.showMain(svc)
	})
}

// onOpenPath opens an existing dossier file. Opening may wait up to the
// lock timeout, so it runs in the background.
func (s *shell) onOpenPath(path string) {
	if s.busy {
		return
	}
	if s.main != nil && dossier.SamePath(s.main.svc.Path(), path) {
		return // already open here; a second open would wait on our own lock
	}
	s.setBusy(true)
	var svc *dossier.Service
	var err error
	mig := newMigrationProgress(s.win)
	s.bg(func() {
		svc, err = dossier.OpenProgress(s.deps.Opener, path, mig.report)
	}, func() {
		mig.close()
		s.setBusy(false)
		if err != nil {
			showError(s.win, "Impossible d'ouvrir le dossier", err)
			if s.main == nil && s.startView != nil {
				s.startView.refreshRecent()
			}
			return
		}
		s.showMain(svc)
	})
}

// onOpenDialog lets the user pick a .segur file to open.
func (s *shell) onOpenDialog() {
	showOpenDialog(s.win, s.recentFolder(), func(path string) {
		s.onOpenPath(path)
	})
}

// recentFolder is the folder of the most recent dossier, where the open
// dialog starts.
func (s *shell) recentFolder() string {
	for _, p := range s.recent.paths() {
		if fi, err := os.Stat(filepath.Dir(p)); err == nil && fi.IsDir() {
			return filepath.Dir(p)
		}
	}
	return s.defaultFolder()
}

func (s *shell) setBusy(b bool) {
	s.busy = b
	if s.startView != nil && s.main == nil {
		s.startView.setBusy(b)
	}
}

// showMain replaces whatever is shown by the main window of svc.
func (s *shell) showMain(svc *dossier.Service) {
	s.closeDossier()
	s.recent.add(svc.Path())
	s.open.Store(svc)
	s.main = newMainView(s.win, svc, mainHandlers{
		onNew:   s.showStart,
		onOpen:  s.onOpenDialog,
		onClose: s.showStart,
		onAbout: s.onAbout,
		bg:      s.bg,

		onCreateFrom: s.onCreateFrom,
		operators:    s.deps.Operators,
		openCopy:     func(path string) (*dossier.Service, error) { return dossier.OpenCopy(s.deps.Opener, path) },
	})
	s.main.addEvidence(evidenceDeps{app: s.app, screen: s.deps.Screen, openFile: s.deps.OpenFile, bg: s.bg, do: fyne.Do, after: s.after,
		operator: s.operator, thumbDir: s.deps.ThumbDir,
		clipboard: s.deps.Clipboard, record: s.deps.Record, release: s.release})
	svc.SetOperator(s.operator())
	s.main.showInfo()
	s.startView = nil
	s.win.SetContent(s.main.content)
	s.win.SetMainMenu(s.main.menu())
	s.main.start()
	s.releaseOnceSettled()
}

// closeDossier saves pending edits and releases the open dossier, if any.
func (s *shell) closeDossier() {
	if s.main == nil {
		return
	}
	m := s.main
	s.main = nil
	if s.open.CompareAndSwap(m.svc, nil) {
		m.close()
	}
}

func (s *shell) onWindowClosed() {
	s.closeDossier()
	if s.ender != nil {
		s.ender.arm()
	}
}

func (s *shell) onAbout() {
	var cat *dossier.Catalogue
	if s.main != nil {
		cat = s.main.svc.Catalogue()
	} else if c, err := s.deps.DefaultCatalogue(); err == nil {
		cat = c
	}
	showAbout(s.win, s.version(), cat)
}

// version is the application version, "" when unknown: a plain `go build`
// carries no metadata and Fyne then reports a placeholder.
func (s *shell) version() string {
	if s.deps.Version != "" {
		return s.deps.Version
	}
	if md := s.app.Metadata(); md.ID != "" {
		return md.Version
	}
	return ""
}
