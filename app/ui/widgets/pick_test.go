package widgets

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// pickerDir makes a folder with a sub-folder and files of several kinds.
func pickerDir(t *testing.T) string {
	dir := t.TempDir()
	for _, n := range []string{"depot.zip", "notes.txt", "ANCIEN.ZIP", "sous/autre.zip"} {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte("x"), 0o600)
	}
	return dir
}

func pickerWindow(t *testing.T) fyne.Window {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	return w
}

// texts lists the texts of the labels and buttons the picker shows.
func texts(w fyne.Window) []string {
	var out []string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.Button:
			out = append(out, o.Text)
		}
	}
	return out
}

func names(p *FilePicker) []string {
	var out []string
	for _, e := range p.entries {
		out = append(out, e.name)
	}
	return out
}

func TestPickFileChoosesOneFileInFrench(t *testing.T) {
	w := pickerWindow(t)
	dir := pickerDir(t)
	var got []string
	p := PickFile(w, FileChoice{Title: "Vérifier un paquet", Confirm: "Vérifier", Folder: dir, Exts: []string{".zip"}},
		func(path string) { got = append(got, path) })
	// Only the folders and the files with the extensions asked for.
	if want := []string{"sous", "ANCIEN.ZIP", "depot.zip"}; !slices.Equal(names(p), want) {
		t.Fatalf("entries %v, want %v", names(p), want)
	}
	for _, s := range texts(w) {
		for _, english := range []string{"Home", "Computer", "(Parent)", "Open", "Cancel"} {
			if s == english {
				t.Errorf("English text %q in the picker", s)
			}
		}
	}
	if w.Canvas().Focused() != p.Path {
		t.Error("the path field does not have the keyboard when the picker opens")
	}
	if !p.Confirm.Disabled() || p.Confirm.Text != "Vérifier" {
		t.Fatalf("confirm %q enabled with nothing chosen", p.Confirm.Text)
	}
	// Choosing a file, then another: one file only.
	p.Toggle("ANCIEN.ZIP")
	p.Toggle("depot.zip")
	if p.Confirm.Disabled() {
		t.Fatal("confirm disabled with a file chosen")
	}
	test.Tap(p.Confirm)
	if want := []string{filepath.Join(dir, "depot.zip")}; !slices.Equal(got, want) {
		t.Fatalf("picked %v, want %v", got, want)
	}
	// A typed path and Entrée choose at once.
	got = nil
	p = PickFile(w, FileChoice{Title: "Ouvrir", Confirm: "Ouvrir", Folder: dir}, func(path string) { got = append(got, path) })
	typed := filepath.Join(dir, "sous", "autre.zip")
	p.Path.SetText(typed)
	p.Path.OnSubmitted(p.Path.Text)
	if !slices.Equal(got, []string{typed}) {
		t.Fatalf("typed path picked %v", got)
	}
}

func TestPickFolderChoosesTheFolderShown(t *testing.T) {
	w := pickerWindow(t)
	dir := pickerDir(t)
	var got []string
	p := PickFolder(w, FileChoice{Title: "Dossier des exports", Confirm: "Choisir", Folder: dir}, func(path string) { got = append(got, path) })
	if want := []string{"sous"}; !slices.Equal(names(p), want) {
		t.Fatalf("entries %v, want only the folders %v", names(p), want)
	}
	p.List.Select(0)
	if p.Dir != filepath.Join(dir, "sous") {
		t.Fatalf("folder shown %q", p.Dir)
	}
	// Entrée on the folder shown chooses it.
	p.Path.OnSubmitted(p.Path.Text)
	if want := []string{filepath.Join(dir, "sous")}; !slices.Equal(got, want) {
		t.Fatalf("picked %v, want %v", got, want)
	}
}
