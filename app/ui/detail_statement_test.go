package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestStatementFitsATallWindow: in a 900-pixel-high window the statement
// of a requirement without proof (two lines of gaps above it) shows whole,
// its scroll as tall as its text; in a 720-pixel-high one it keeps its
// three lines so that the state and the proofs stay in view.
func TestStatementFitsATallWindow(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	for _, tc := range []struct {
		height  float32
		atLeast bool // the scroll holds all its text
	}{{900, true}, {720, false}} {
		f.win.Resize(fyne.NewSize(1400, tc.height))
		m.onSelect("RIS.INS.02")
		m.onSelect("RIS.INS.07")
		if !m.detail.gaps.Visible() {
			t.Fatal("a requirement without proof shows no gap")
		}
		st := m.detail.statement
		st.Content.Resize(fyne.NewSize(st.Size().Width, st.Content.MinSize().Height))
		text, shown := st.Content.MinSize().Height, st.MinSize().Height
		room := statementHeight + (tc.height-720)/2
		switch {
		case tc.atLeast && shown < text && shown < room:
			t.Errorf("window %.0f high: the statement shows %.0f of its %.0f px with %.0f of room", tc.height, shown, text, room)
		case shown > room || shown < statementHeight:
			t.Errorf("window %.0f high: the statement's scroll is %.0f px, want %.0f to %.0f", tc.height, shown, float32(statementHeight), room)
		case tc.atLeast && shown <= statementHeight:
			t.Errorf("window %.0f high: the statement keeps its %.0f px (text %.0f)", tc.height, shown, text)
		}
	}
}
