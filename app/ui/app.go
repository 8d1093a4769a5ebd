// Package ui is the Fyne desktop face of the application. Every Fyne import
// of the project lives here; one view per file.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Deps is what the GUI needs from the composition root.
type Deps struct {
	Opener           dossier.Opener
	DefaultCatalogue func() (*dossier.Catalogue, error)
	Icon             []byte
	// OpenPath, when set, is a dossier to open at start.
	OpenPath string
}

// Run starts the application and blocks until its window closes.
func Run(d Deps) int {
	a := app.NewWithID("fr.segur-dossier.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", d.Icon))
	w := a.NewWindow("Dossier Ségur")
	w.SetContent(widget.NewLabel("Dossier Ségur"))
	w.Resize(fyne.NewSize(1200, 800))
	w.ShowAndRun()
	return 0
}
