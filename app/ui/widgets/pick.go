package widgets

import (
	"fyne.io/fyne/v2"
)

// FileChoice is what a single-file or folder picker shows.
type FileChoice struct {
	Title   string   // the dialog's title
	Confirm string   // its confirm button ("Ouvrir", "Lire"…)
	Folder  string   // where it starts; empty or missing: the home folder
	Exts    []string // the extensions listed (".zip"); nil lists every file
}

// PickFile asks for one file with the application's French picker
// (FilePicker) and passes its path to onPath; nothing happens when the
// user cancels. Fyne's own file dialog is not used: its "Home",
// "Computer" and "(Parent)" are not translated.
func PickFile(win fyne.Window, c FileChoice, onPath func(string)) *FilePicker {
	return showPicker(win, pickOne, c, func(paths []string) { onPath(paths[0]) })
}

// PickFolder asks for one folder, the one shown when the user confirms,
// and passes its path to onPath; nothing happens when the user cancels.
func PickFolder(win fyne.Window, c FileChoice, onPath func(string)) *FilePicker {
	return showPicker(win, pickFolder, c, func(paths []string) { onPath(paths[0]) })
}
