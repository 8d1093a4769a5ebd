package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestStatementFitsATallWindow: in a 900-pixel-high window the statement
// of a requirement without proof (lines of gaps above it) shows whole,
// its scroll as tall as its text; in a 720-pixel-high one it keeps its
// three lines so that the state and the proofs stay in view.
func TestStatementFitsATallWindow(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	for _, height := range []float32{900, 720} {
		f.win.Resize(fyne.NewSize(1400, height))
		m.onSelect("RIS.INS.02")
		m.onSelect("RIS.INS.07")
		if !m.detail.gaps.Visible() {
			t.Fatal("a requirement without proof shows no gap")
		}
		st := m.detail.statement
		text, shown := wrappedHeight(st.Content, st.Size().Width), st.MinSize().Height
		switch {
		case height == 900 && shown < text:
			t.Errorf("window 900 high: the statement shows %.0f of its %.0f px", shown, text)
		case height == 720 && shown != statementHeight:
			t.Errorf("window 720 high: the statement's scroll is %.0f px, want %d", shown, statementHeight)
		}
	}
}
