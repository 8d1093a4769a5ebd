package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// convertingOpener reports a conversion while it opens, as the storage
// opener does for a dossier written by an older version, and records what
// the window showed meanwhile.
type convertingOpener struct {
	*dossiertest.MemOpener
	steps  [][2]int64
	during []string // the top dialog's markup after each report
	f      *fixture
}

func (o *convertingOpener) OpenProgress(path string, progress dossier.Progress) (dossier.Store, error) {
	for _, s := range o.steps {
		progress(s[0], s[1])
		o.during = append(o.during, o.f.overlay())
	}
	return o.MemOpener.Open(path)
}

func TestOpeningShowsTheConversionOfAnOlderDossier(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps [][2]int64
	}{
		{"older dossier", [][2]int64{{0, 3 << 20}, {1 << 20, 3 << 20}, {3 << 20, 3 << 20}}},
		{"current dossier", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := dossiertest.NewMemOpener()
			op := &convertingOpener{MemOpener: mem, steps: tc.steps}
			f := newFixtureOn(t, op, mem)
			op.f = f
			path := filepath.Join(f.dir, "essai.segur")
			f.create()
			f.shell.main.svc.Close()
			f.shell.showStart()
			f.shell.onOpenPath(path)
			if f.shell.main == nil {
				t.Fatalf("not opened; overlay: %s", f.overlay())
			}
			for i, markup := range op.during {
				if !strings.Contains(markup, "Conversion du dossier au format de cette version") || !strings.Contains(markup, "Mise à jour du dossier") {
					t.Errorf("after report %d the window showed %q", i, markup)
				}
			}
			if len(op.during) != len(tc.steps) {
				t.Errorf("%d reports seen, want %d", len(op.during), len(tc.steps))
			}
			if o := f.overlay(); strings.Contains(o, "Conversion") {
				t.Errorf("conversion dialog still shown once opened: %s", o)
			}
		})
	}
}
