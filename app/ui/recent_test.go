package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestRecentListOrderDedupeAndLimit(t *testing.T) {
	r := newRecentList(test.NewTempApp(t).Preferences())
	dir := t.TempDir()
	p := func(i int) string { return filepath.Join(dir, fmt.Sprintf("d%d.segur", i)) }
	for i := 0; i < recentMax+3; i++ {
		r.add(p(i))
	}
	got := r.paths()
	if len(got) != recentMax {
		t.Fatalf("%d recent dossiers, want %d", len(got), recentMax)
	}
	if got[0] != p(recentMax+2) {
		t.Errorf("most recent is %q", got[0])
	}
	r.add(p(recentMax))
	got = r.paths()
	if got[0] != p(recentMax) || len(got) != recentMax {
		t.Errorf("re-added dossier not first once: %v", got)
	}
	for i, x := range got {
		for _, y := range got[i+1:] {
			if x == y {
				t.Errorf("%q listed twice", x)
			}
		}
	}
	r.remove(p(recentMax))
	if got := r.paths(); len(got) != recentMax-1 || got[0] == p(recentMax) {
		t.Errorf("after remove: %v", got)
	}
}
