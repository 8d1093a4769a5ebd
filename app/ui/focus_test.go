package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestListKeepsFocusAfterAClick: once the note has had focus, a click on
// a row gives the keyboard to the list, so ↓ moves the selection and not
// the note's caret; the note typed is saved on the way.
func TestListKeepsFocusAfterAClick(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	c := f.win.Canvas()
	c.Focus(m.detail.note)
	test.Type(m.detail.note, "à reprendre")
	first := m.current

	// Tap the third row of the list, where it is on the canvas.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m.list.list)
	rowH := m.list.createItem().MinSize().Height + 4
	test.TapCanvas(c, pos.Add(fyne.NewPos(60, 2.5*rowH)))
	if m.current == first || m.current == "" {
		t.Fatalf("the tap selected nothing (current %q)", m.current)
	}
	if c.Focused() != m.list.list {
		t.Fatalf("focus on %T after a click on the list", c.Focused())
	}
	tapped := m.list.index(m.current)
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if m.list.index(m.current) != tapped+1 {
		t.Fatalf("↓ after the click: row %d, want %d", m.list.index(m.current), tapped+1)
	}
	if r, _ := m.svc.Row(first); r.State.Note != "à reprendre" {
		t.Fatalf("note of %s not saved: %q", first, r.State.Note)
	}
	if m.detail.title.Text != m.current {
		t.Fatalf("detail shows %q, list %q", m.detail.title.Text, m.current)
	}
}
