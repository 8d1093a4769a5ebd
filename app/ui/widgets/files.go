package widgets

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FilePicker is the application's file and folder picker, in French and
// usable from the keyboard: a path field (focused when it opens) to type or
// paste a file or folder path into, buttons for the parent and home
// folders, then the folder's entries — its folders first (tap or Space to
// open one), then its files. It chooses several files (ShowFilePicker: a
// check box each), one file (PickFile: Entrée on a typed path opens at
// once) or one folder (PickFolder: the folder shown).
type FilePicker struct {
	// Dir is the folder shown.
	Dir string
	// Path is the field people paste a path into; Entrée opens a folder or
	// ticks a file.
	Path *widget.Entry
	// List shows the folder's entries; Confirm gives the files ticked.
	List    *widget.List
	Confirm *widget.Button
	All     *widget.Button
	Message *widget.Label

	entries []pickEntry
	checked map[string]bool
	confirm string
	onPick  func(paths []string)
	dlg     *dialog.CustomDialog
	mode    pickMode
	// exts are the extensions listed (".zip"), lower case; nil lists
	// every file.
	exts []string
}

// pickMode is what a FilePicker chooses.
type pickMode int

const (
	pickMany   pickMode = iota // several files
	pickOne                    // one file
	pickFolder                 // one folder
)

// pickEntry is one entry of the folder shown.
type pickEntry struct {
	name string
	dir  bool
}

// ShowFilePicker opens the picker on dir (the home folder when dir is
// not a folder); confirm labels the button ("Joindre"); onPick receives
// the paths ticked, in the order shown.
func ShowFilePicker(win fyne.Window, title, confirm, dir string, onPick func(paths []string)) *FilePicker {
	return showPicker(win, pickMany, FileChoice{Title: title, Confirm: confirm, Folder: dir}, onPick)
}

// showPicker opens a picker of mode m.
func showPicker(win fyne.Window, m pickMode, c FileChoice, onPick func(paths []string)) *FilePicker {
	p := &FilePicker{checked: map[string]bool{}, confirm: c.Confirm, onPick: onPick, mode: m}
	for _, e := range c.Exts {
		p.exts = append(p.exts, strings.ToLower(e))
	}
	title, confirm, dir := c.Title, c.Confirm, c.Folder
	p.Path = widget.NewEntry()
	p.Path.SetPlaceHolder("Collez ici le chemin d'un fichier ou d'un dossier, puis Entrée")
	p.Path.OnSubmitted = p.onPath
	p.Message = widget.NewLabel("")
	p.Message.Importance = widget.DangerImportance
	p.Message.Wrapping = fyne.TextWrapWord
	p.Message.Hide()
	p.List = widget.NewList(func() int { return len(p.entries) }, p.createItem, p.updateItem)
	p.List.OnSelected = p.onSelected
	up := widget.NewButtonWithIcon("Dossier parent", theme.MoveUpIcon(), func() { p.Open(filepath.Dir(p.Dir)) })
	home := widget.NewButtonWithIcon("Dossier personnel", theme.HomeIcon(), func() {
		if h, err := os.UserHomeDir(); err == nil {
			p.Open(h)
		}
	})
	p.All = widget.NewButtonWithIcon("Tout cocher", theme.CheckButtonCheckedIcon(), p.toggleAll)
	p.Confirm = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), p.pick)
	p.Confirm.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), func() { p.dlg.Hide() })
	if m != pickMany {
		p.All.Hide()
	}
	top := container.NewVBox(p.Path, container.NewHBox(up, home, p.All), p.Message)
	p.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, nil, nil, nil, p.List), win)
	p.dlg.SetButtons([]fyne.CanvasObject{cancel, p.Confirm})
	s := win.Canvas().Size()
	p.dlg.Resize(fyne.NewSize(min(s.Width*0.9, 900), s.Height*0.85))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		dir, _ = os.UserHomeDir()
	}
	p.Open(dir)
	p.dlg.Show()
	win.Canvas().Focus(p.Path)
	return p
}

// Open shows the folder dir; the files ticked elsewhere stay ticked.
func (p *FilePicker) Open(dir string) {
	list, err := os.ReadDir(dir)
	if err != nil {
		p.fail(fmt.Sprintf("Le dossier «\u00a0%s\u00a0» ne peut pas être lu : vérifiez le chemin et vos droits.", dir))
		return
	}
	p.Message.Hide()
	p.Dir = filepath.Clean(dir)
	p.entries = p.entries[:0]
	var files []pickEntry
	for _, e := range list {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			fi, err := os.Stat(filepath.Join(dir, e.Name()))
			isDir = err == nil && fi.IsDir()
		}
		switch {
		case isDir:
			p.entries = append(p.entries, pickEntry{name: e.Name(), dir: true})
		case p.mode != pickFolder && p.listed(e.Name()):
			files = append(files, pickEntry{name: e.Name()})
		}
	}
	p.entries = append(p.entries, files...)
	if p.mode == pickOne {
		clear(p.checked) // one file, of the folder shown
	}
	p.Path.SetText(p.Dir)
	// Typing replaces the folder shown: what is typed or pasted is a path.
	p.Path.TypedShortcut(&fyne.ShortcutSelectAll{})
	p.List.UnselectAll()
	p.List.ScrollToTop()
	p.List.Refresh()
	p.refreshCount()
}

// listed tells whether a file named name is listed: every file, or those
// with one of the extensions asked for.
func (p *FilePicker) listed(name string) bool {
	if len(p.exts) == 0 {
		return true
	}
	return slices.Contains(p.exts, strings.ToLower(filepath.Ext(name)))
}

func (p *FilePicker) fail(msg string) {
	p.Message.SetText(msg)
	p.Message.Show()
}

// onPath opens a pasted folder, or opens a pasted file's folder and ticks
// the file; the single-file picker chooses it at once.
func (p *FilePicker) onPath(text string) {
	path := strings.Trim(strings.TrimSpace(text), `"'`)
	if path == "" {
		return
	}
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		p.fail(fmt.Sprintf("«\u00a0%s\u00a0» est introuvable : vérifiez le chemin.", path))
	case fi.IsDir() && p.mode == pickFolder && filepath.Clean(path) == p.Dir:
		p.pick() // Entrée again on the folder shown chooses it
	case fi.IsDir():
		p.Open(path)
	default:
		p.Open(filepath.Dir(path))
		if p.mode == pickFolder {
			return
		}
		p.checked[filepath.Clean(path)] = true
		p.List.Refresh()
		p.refreshCount()
		if p.mode == pickOne {
			p.pick()
		}
	}
}

func (p *FilePicker) createItem() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	icon := widget.NewIcon(theme.FileIcon())
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewHBox(check, icon), nil, name)
}

func (p *FilePicker) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(p.entries) {
		return
	}
	e := p.entries[i]
	b := o.(*fyne.Container)
	name := b.Objects[0].(*widget.Label)
	left := b.Objects[1].(*fyne.Container)
	check, icon := left.Objects[0].(*widget.Check), left.Objects[1].(*widget.Icon)
	full := filepath.Join(p.Dir, e.name)
	if e.dir {
		name.SetText(e.name + string(filepath.Separator))
		icon.SetResource(theme.FolderIcon())
		check.OnChanged = nil
		check.Hide()
		return
	}
	name.SetText(e.name)
	icon.SetResource(theme.FileIcon())
	if p.mode != pickMany {
		// One file: the one chosen is the list's selection.
		check.OnChanged = nil
		check.Hide()
		return
	}
	check.Show()
	check.OnChanged = nil
	check.SetChecked(p.checked[full])
	check.OnChanged = func(on bool) { p.set(full, on) }
}

// onSelected opens a folder or toggles a file (chooses it, for the
// single-file picker, whose selection stays shown).
func (p *FilePicker) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(p.entries) {
		return
	}
	e := p.entries[i]
	full := filepath.Join(p.Dir, e.name)
	if p.mode == pickOne && !e.dir {
		clear(p.checked)
		p.set(full, true)
		return
	}
	p.List.UnselectAll()
	if e.dir {
		p.Open(full)
		return
	}
	p.set(full, !p.checked[full])
	p.List.RefreshItem(i)
}

// Toggle ticks or unticks the file named name in the folder shown (the
// single-file picker chooses it).
func (p *FilePicker) Toggle(name string) {
	for i, e := range p.entries {
		switch {
		case e.name != name || e.dir:
		case p.mode == pickOne:
			p.List.Select(i)
		default:
			p.onSelected(i)
		}
	}
}

func (p *FilePicker) set(path string, on bool) {
	if on {
		p.checked[path] = true
	} else {
		delete(p.checked, path)
	}
	p.refreshCount()
}

// toggleAll ticks every file of the folder, or unticks them when all are.
func (p *FilePicker) toggleAll() {
	all := true
	for _, e := range p.entries {
		if !e.dir && !p.checked[filepath.Join(p.Dir, e.name)] {
			all = false
		}
	}
	for _, e := range p.entries {
		if !e.dir {
			p.set(filepath.Join(p.Dir, e.name), !all)
		}
	}
	p.List.Refresh()
}

func (p *FilePicker) refreshCount() {
	n := len(p.checked)
	switch {
	case p.mode == pickFolder:
		p.Confirm.SetText(p.confirm)
		p.Confirm.Enable()
		return
	case p.mode == pickOne:
		p.Confirm.SetText(p.confirm)
		if n == 1 {
			p.Confirm.Enable()
		} else {
			p.Confirm.Disable()
		}
		return
	}
	switch n {
	case 0:
		p.Confirm.SetText(p.confirm)
		p.Confirm.Disable()
	case 1:
		p.Confirm.SetText(p.confirm + " 1 fichier")
		p.Confirm.Enable()
	default:
		p.Confirm.SetText(fmt.Sprintf("%s %d fichiers", p.confirm, n))
		p.Confirm.Enable()
	}
}

// Chosen lists the paths ticked, sorted.
func (p *FilePicker) Chosen() []string {
	var out []string
	for path := range p.checked {
		out = append(out, path)
	}
	slices.Sort(out)
	return out
}

func (p *FilePicker) pick() {
	paths := p.Chosen()
	if p.mode == pickFolder {
		paths = []string{p.Dir}
	}
	if len(paths) == 0 {
		return
	}
	p.dlg.Hide()
	p.onPick(paths)
}
