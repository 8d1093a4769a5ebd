package ui

import (
	"fmt"
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// showError tells the user what went wrong in one French sentence
// (fr.Error) and logs the error's whole chain, every time.
func showError(win fyne.Window, title string, err error) {
	log.Printf("%s: %v", title, err)
	showNotice(win, title, fr.Error(err))
}

// errorText logs err's whole chain and returns its French sentence
// (fr.Error), for views that show an error inline.
func errorText(err error) string {
	log.Printf("error shown: %v", err)
	return fr.Error(err)
}

// showNotice shows a French message the UI wrote itself (a form to
// complete, work already running): not an error of the layers below.
func showNotice(win fyne.Window, title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Fermer", msg, win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// showAbout shows the application and the catalogue's provenance.
func showAbout(win fyne.Window, version string, cat *dossier.Catalogue) {
	box := container.NewVBox(
		widget.NewLabelWithStyle(strings.TrimSpace("Dossier Ségur "+version), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped("Préparation hors ligne du dossier de preuves du référencement Ségur numérique (ANS)."),
	)
	if cat != nil {
		box.Add(widget.NewSeparator())
		box.Add(widget.NewLabelWithStyle("Catalogue", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		box.Add(wrapped(cat.Title))
		if cat.DSR != "" {
			box.Add(wrapped("Document de référence : " + cat.DSR))
		}
		box.Add(wrapped(fmt.Sprintf("%d exigences et préconisations, %d sections, %d profils.",
			len(cat.Requirements), len(cat.Sections), len(cat.Profiles))))
		if cat.Provenance != "" {
			box.Add(widget.NewLabelWithStyle("Provenance", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			box.Add(wrapped(cat.Provenance))
		}
	}
	d := dialog.NewCustom("À propos", "Fermer", box, win)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// shownHeight is the height a dialog gives body, which scrolls: the
// whole of it at width, but no more than 60 % of the window (at least
// 420) when it is taller.
func shownHeight(body fyne.CanvasObject, width float32, win fyne.Window) float32 {
	return min(wrappedHeight(body, width), max(420, win.Canvas().Size().Height*0.6))
}

// wrappedHeight is obj's height once its wrapped text is laid out at
// width: a wrapping label measures one line until it has a width.
func wrappedHeight(obj fyne.CanvasObject, width float32) float32 {
	obj.Resize(fyne.NewSize(width, obj.MinSize().Height))
	return obj.MinSize().Height
}

// chooseFolder lets the user pick a folder and writes its path into entry;
// the dialog starts at the folder the entry already names.
func chooseFolder(win fyne.Window, title string, entry *widget.Entry) {
	widgets.PickFolder(win, widgets.FileChoice{Title: title, Confirm: "Choisir", Folder: entry.Text}, entry.SetText)
}
