package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestFyneSpeaksFrench: whatever the system's locale (C in CI), Fyne's
// own strings come out in French.
func TestFyneSpeaksFrench(t *testing.T) {
	t.Setenv("LC_ALL", "C")
	t.Setenv("LANG", "C")
	t.Setenv("LANGUAGE", "")
	useFrench()
	for in, want := range map[string]string{"Cancel": "Annuler", "Open": "Ouvrir", "Yes": "Oui"} {
		if got := lang.L(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
	if got := lang.X("file.parent", "Parent"); got != "Dossier parent" {
		t.Errorf("file.parent → %q", got)
	}
}
