package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// FileChoice is what a single-file or folder picker shows.
type FileChoice struct {
	Title   string   // the dialog's title
	Confirm string   // its confirm button ("Ouvrir", "Lire"…)
	Folder  string   // where it starts; empty or missing: Fyne's default
	Exts    []string // the extensions listed (".zip"); nil lists every file
}

// PickFile asks for one file, in French, and passes its path to onPath;
// nothing happens when the user cancels. It is the application's one
// single-file picker (FilePicker chooses several).
func PickFile(win fyne.Window, c FileChoice, onPath func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		onPath(path)
	}, win)
	if len(c.Exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(c.Exts))
	}
	setUp(d, win, c)
	d.Show()
}

// PickFolder asks for one folder, in French, and passes its path to
// onPath; nothing happens when the user cancels.
func PickFolder(win fyne.Window, c FileChoice, onPath func(string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		onPath(u.Path())
	}, win)
	setUp(d, win, c)
	d.Show()
}

// setUp gives both pickers their French buttons, start folder, list view
// and size (most of the window).
func setUp(d *dialog.FileDialog, win fyne.Window, c FileChoice) {
	d.SetTitleText(c.Title)
	d.SetConfirmText(c.Confirm)
	d.SetDismissText("Annuler")
	if l := listable(c.Folder); l != nil {
		d.SetLocation(l)
	}
	d.SetView(dialog.ListView)
	s := win.Canvas().Size()
	d.Resize(fyne.NewSize(s.Width*0.8, s.Height*0.8))
}

// listable is folder as a location for the pickers, nil when it is empty
// or cannot be listed.
func listable(folder string) fyne.ListableURI {
	if strings.TrimSpace(folder) == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(folder))
	if err != nil {
		return nil
	}
	return l
}
