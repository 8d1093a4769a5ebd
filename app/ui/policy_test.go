package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestPolicyDialogEditsThePolicy(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	f.menuAction("Politique de fichiers…")()
	d := m.pkg.policy
	def := dossier.DefaultFilePolicy()
	for _, k := range dossier.Kinds() {
		want := false
		for _, a := range def.AllowedKinds {
			want = want || a == k
		}
		if d.kinds[k].Checked != want {
			t.Errorf("kind %s checked %v, default says %v", k, d.kinds[k].Checked, want)
		}
	}

	// A size the domain cannot read is refused and nothing is stored.
	d.maxSize.SetText("beaucoup")
	test.Tap(d.saveBtn)
	if !d.message.Visible() || m.svc.Info().FilePolicy != nil {
		t.Fatalf("bad size accepted (message %q)", d.message.Text)
	}

	d.kinds[dossier.KindOther].SetChecked(true)
	d.kinds[dossier.KindVideo].SetChecked(false)
	d.exts.SetText("PNG, .mp4")
	d.maxSize.SetText("2G")
	test.Tap(d.saveBtn)
	p := m.svc.Info().FilePolicy
	if p == nil || p.MaxFileSize != 2<<30 || len(p.AllowedExtensions) != 2 || p.AllowedExtensions[0] != ".mp4" {
		t.Fatalf("stored %+v", p)
	}
	for _, k := range p.AllowedKinds {
		if k == dossier.KindVideo {
			t.Error("video still allowed")
		}
	}

	f.menuAction("Politique de fichiers…")()
	d = m.pkg.policy
	if d.maxSize.Text != "2G" || !d.kinds[dossier.KindOther].Checked || d.kinds[dossier.KindVideo].Checked {
		t.Errorf("reopened form: size %q", d.maxSize.Text)
	}
	test.Tap(d.saveBtn) // saving the form unchanged keeps the policy
	if q := m.svc.Info().FilePolicy; q == nil || q.MaxFileSize != p.MaxFileSize || len(q.AllowedKinds) != len(p.AllowedKinds) {
		t.Errorf("round trip changed the policy: %+v", q)
	}
	f.menuAction("Politique de fichiers…")()
	d = m.pkg.policy
	d.onDefault()
	if m.svc.Info().FilePolicy != nil || d.maxSize.Text != sizeField(dossier.DefaultMaxFileSize) {
		t.Errorf("default not restored: %+v", m.svc.Info().FilePolicy)
	}
}

func TestSizeFieldReadsBack(t *testing.T) {
	for _, n := range []int64{1, 1000, 1024, 1536, 500 << 20, 3 << 30, 1<<30 + 1} {
		got, err := dossier.ParseSize(sizeField(n))
		if err != nil || got != n {
			t.Errorf("sizeField(%d) = %q reads back as %d, %v", n, sizeField(n), got, err)
		}
	}
}
