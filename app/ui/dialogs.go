package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// showError tells the user, in French, what went wrong. Domain and storage
// errors are already French sentences; this capitalises and punctuates
// them.
func showError(win fyne.Window, title string, err error) {
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Fermer", msg, win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// errorText is the sentence people read for err: typed errors
// (dossier.Error) are worded by app/fr, older ones carry French text.
func errorText(err error) string {
	if dossier.AsError(err) != nil {
		return fr.Error(err)
	}
	return sentence(err.Error())
}

// sentence capitalises the first letter and ends with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
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
