package widgets

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFilePickerChoosesSeveralFiles(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	dir := t.TempDir()
	for _, n := range []string{"b.log", "a.png", ".cache", "sous/c.txt"} {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte("x"), 0o600)
	}
	var got []string
	p := ShowFilePicker(w, "Joindre", "Joindre", dir, func(paths []string) { got = paths })
	// Folders first, then files; hidden ones left out.
	var names []string
	for _, e := range p.entries {
		names = append(names, e.name)
	}
	if !slices.Equal(names, []string{"sous", "a.png", "b.log"}) {
		t.Fatalf("entries %v", names)
	}
	if !p.Confirm.Disabled() {
		t.Fatal("confirm enabled with nothing ticked")
	}
	test.Tap(p.All)
	if p.Confirm.Text != "Joindre 2 fichiers" {
		t.Fatalf("confirm %q", p.Confirm.Text)
	}
	// A folder opens; a file ticked there adds to the others.
	p.List.Select(0)
	if p.Dir != filepath.Join(dir, "sous") {
		t.Fatalf("folder %q", p.Dir)
	}
	p.Toggle("c.txt")
	// A pasted file path ticks the file.
	p.Path.SetText(filepath.Join(dir, "missing.txt"))
	p.Path.OnSubmitted(p.Path.Text)
	if !p.Message.Visible() {
		t.Fatal("a missing path is not reported")
	}
	test.Tap(p.Confirm)
	want := []string{filepath.Join(dir, "a.png"), filepath.Join(dir, "b.log"), filepath.Join(dir, "sous", "c.txt")}
	if !slices.Equal(got, want) {
		t.Fatalf("picked %v, want %v", got, want)
	}
}
