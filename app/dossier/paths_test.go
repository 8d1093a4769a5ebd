package dossier

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSamePath(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.segur")
	os.WriteFile(a, []byte("x"), 0o600)
	link := filepath.Join(dir, "lien")
	os.Symlink(a, link)
	for _, c := range []struct {
		x, y string
		want bool
	}{
		{a, a, true},
		{a, filepath.Join(dir, ".", "a.segur"), true},
		{a, link, true},
		{a, filepath.Join(dir, "b.segur"), false},
		{filepath.Join(dir, "absent"), filepath.Join(dir, "x", "..", "absent"), true},
	} {
		if got := SamePath(c.x, c.y); got != c.want {
			t.Errorf("SamePath(%q, %q) = %v", c.x, c.y, got)
		}
	}
}
