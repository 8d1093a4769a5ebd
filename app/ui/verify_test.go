package ui

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/export"
)

// tamper copies a package, appending a byte to alter, leaving out drop
// and adding an extra file.
func tamper(t *testing.T, src, dst, alter, drop, extra string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		if f.Name == drop {
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		if f.Name == alter {
			w.Write([]byte("x"))
		}
	}
	w, err := zw.Create(extra)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("intrus"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyDialogOnGoodAndTamperedPackages(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	good := filepath.Join(t.TempDir(), "bon.zip")
	if err := export.Export(context.Background(), export.FromService(m.svc), good, export.Options{Draft: true}, nil); err != nil {
		t.Fatal(err)
	}

	d := newVerifyDialog(context.Background(), f.win, inline)
	d.run(good)
	if !d.ok || !strings.Contains(f.overlay(), "Paquet intègre") || !strings.Contains(f.overlay(), "BROUILLON") {
		t.Errorf("good package: ok %v, dialog %s", d.ok, f.overlay())
	}
	f.dismissOverlays()

	bad := filepath.Join(t.TempDir(), "altere.zip")
	tamper(t, good, bad, export.ManifestCSVName, export.ReportName, "intrus.txt")
	d.run(bad)
	if d.ok {
		t.Fatal("tampered package reported intact")
	}
	r := d.result
	if !slices.Contains(r.Altered, export.ManifestCSVName) || !slices.Contains(r.Missing, export.ReportName) || !slices.Contains(r.Extra, "intrus.txt") {
		t.Errorf("result %+v", r)
	}
	markup := f.overlay()
	for _, want := range []string{"Paquet altéré", "Altérés (1)", export.ManifestCSVName, "Manquants (1)", export.ReportName, "En trop (1)", "intrus.txt"} {
		if !strings.Contains(markup, want) {
			t.Errorf("dialog lacks %q", want)
		}
	}
	f.dismissOverlays()

	notZip := filepath.Join(t.TempDir(), "note.zip")
	if err := os.WriteFile(notZip, []byte("pas une archive"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.run(notZip)
	if markup := f.overlay(); !strings.Contains(markup, "Vérification impossible") || !strings.Contains(markup, "ZIP") {
		t.Errorf("not a ZIP: %s", markup)
	}
}

func TestVerifyDialogStraysAndCancel(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	good := filepath.Join(t.TempDir(), "bon.zip")
	if err := export.Export(context.Background(), export.FromService(m.svc), good, export.Options{Draft: true}, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	prefixed := filepath.Join(t.TempDir(), "prefixe.zip")
	os.WriteFile(prefixed, append([]byte{0}, data...), 0o600)
	d := newVerifyDialog(context.Background(), f.win, inline)
	d.run(prefixed)
	if d.ok || len(d.result.Strays) != 1 || !strings.Contains(f.overlay(), "Données inattendues (1)") || !strings.Contains(f.overlay(), "avant la première entrée") {
		t.Fatalf("prefixed package: ok %v %+v\n%s", d.ok, d.result.Strays, f.overlay())
	}
	f.dismissOverlays()

	// "Annuler" while the check runs: no verdict, no error.
	var work, done func()
	d = newVerifyDialog(context.Background(), f.win, func(w, dn func()) { work, done = w, dn })
	d.run(good)
	if !strings.Contains(f.overlay(), "Annuler") {
		t.Fatalf("no Annuler button: %s", f.overlay())
	}
	test.Tap(d.progress.Cancel)
	work()
	done()
	if d.dialog != nil || strings.Contains(f.overlay(), "Paquet") || strings.Contains(f.overlay(), "impossible") {
		t.Fatalf("cancelled check showed a result: %s", f.overlay())
	}
}
