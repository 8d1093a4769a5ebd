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
)

// showError tells the user what went wrong in one French sentence
// (fr.Error) and logs the error's whole chain, every time.
func showError(win fyne.Window, title string, err error) {
	showNotice(win, title, errorText(title, err))
}

// errorText logs err's chain under context and returns its French
// sentence, for views that show an error inline.
func errorText(context string, err error) string {
	log.Printf("%s: %v", context, err)
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

// chooseFolder lets the user pick a folder and writes its path into entry;
// the dialog starts at the folder the entry already names.
func chooseFolder(win fyne.Window, title string, entry *widget.Entry) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		entry.SetText(u.Path())
	}, win)
	d.SetTitleText(title)
	d.SetConfirmText("Choisir")
	d.SetDismissText("Annuler")
	if l := listableFolder(entry.Text); l != nil {
		d.SetLocation(l)
	}
	d.SetView(dialog.ListView)
	d.Resize(fileDialogSize(win))
	d.Show()
}
