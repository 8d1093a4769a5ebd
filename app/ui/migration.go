package ui

import (
	"fyne.io/fyne/v2"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// migrationProgress is the dialog of a dossier written by an older
// version, converted to this version's layout while it opens: shown at
// the conversion's first report only (opening a current dossier shows
// nothing), moved by report from the opening goroutine, hidden by close
// on the UI goroutine. The conversion cannot be cancelled halfway (each
// step is durable and the next opening resumes it), so no "Annuler".
type migrationProgress struct {
	dlg   *widgets.Progress
	shown bool // UI goroutine only
	// report is the dossier.Progress to hand to the opener.
	report dossier.Progress
}

// newMigrationProgress prepares the dialog on win (UI goroutine).
func newMigrationProgress(win fyne.Window) *migrationProgress {
	m := &migrationProgress{dlg: widgets.NewProgress(win, "Mise à jour du dossier",
		"Conversion du dossier au format de cette version…", true, nil)}
	move := throttled(m.dlg)
	started := false // opening goroutine only
	m.report = func(done, total int64) {
		if !started {
			started = true
			fyne.Do(func() {
				m.shown = true
				m.dlg.SetPhase("Conversion du dossier au format de cette version")
				m.dlg.Show()
			})
		}
		move(done, total)
	}
	return m
}

// close hides the dialog if the conversion showed it.
func (m *migrationProgress) close() {
	if m.shown {
		m.dlg.Hide()
	}
}
