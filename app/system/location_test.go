package system

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

func TestIsUNC(t *testing.T) {
	cases := map[string]bool{
		`\\serveur\partage\Candidature.segur`:       true,
		`//serveur/partage/Candidature.segur`:       true,
		`\\?\UNC\serveur\partage\Candidature.segur`: true,
		`\\?\unc\serveur\partage\x.segur`:           true,
		`\\?\C:\Users\zoé\Documents\x.segur`:        false,
		`\\.\C:\x.segur`:                            false,
		`C:\Users\zoé\Documents\x.segur`:            false,
		`Z:\partage\x.segur`:                        false, // a mapped drive: GetDriveType decides
		`/home/zoé/Documents/x.segur`:               false,
		`relatif\x.segur`:                           false,
		`\x.segur`:                                  false,
		`\\`:                                        false,
	}
	for p, want := range cases {
		if got := isUNC(p); got != want {
			t.Errorf("isUNC(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestDriveRoot(t *testing.T) {
	cases := map[string]string{
		`C:\Users\x.segur`:    `C:\`,
		`z:\x.segur`:          `Z:\`,
		`\\?\D:\long\x.segur`: `D:\`,
		`\\serveur\p\x.segur`: "",
		`/home/x.segur`:       "",
		`1:\x`:                "",
		`C`:                   "",
	}
	for p, want := range cases {
		if got := driveRoot(p); got != want {
			t.Errorf("driveRoot(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestCheckLocationRefusesNetworkShareInFrench(t *testing.T) {
	p := `\\serveur\qualité\Candidature.segur`
	err := CheckLocation(p)
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultNetworkDrive}) {
		t.Fatalf("CheckLocation(%q) = %v, want a network_drive fault", p, err)
	}
	msg := fr.Error(err)
	if !strings.Contains(msg, "lecteur réseau") || !strings.Contains(msg, "Candidature.segur") {
		t.Errorf("message %q does not say what and where", msg)
	}
	if err := CheckLocation(filepath.Join(scratchDir(t), "local.segur")); err != nil {
		t.Errorf("a local temporary folder is refused: %v", err)
	}
}

// fakeOpener records what reaches the wrapped opener.
type fakeOpener struct{ calls []string }

func (f *fakeOpener) Create(path string, _ dossier.Info, _ *dossier.Catalogue, _ dossier.Event) (dossier.Store, error) {
	f.calls = append(f.calls, "create "+path)
	return nil, nil
}

func (f *fakeOpener) Open(path string) (dossier.Store, error) {
	f.calls = append(f.calls, "open "+path)
	return nil, nil
}

func (f *fakeOpener) OpenReadOnly(path string) (dossier.Store, error) {
	f.calls = append(f.calls, "read "+path)
	return nil, nil
}

func TestOpenerRefusesBeforeTouchingTheFile(t *testing.T) {
	inner := &fakeOpener{}
	o := Opener{Opener: inner}
	share := `\\serveur\partage\d.segur`
	if _, err := o.Open(share); err == nil {
		t.Error("Open on a share succeeded")
	}
	if _, err := o.Create(share, dossier.Info{}, nil, dossier.Event{}); err == nil {
		t.Error("Create on a share succeeded")
	}
	if _, err := o.OpenReadOnly(share); err == nil {
		t.Error("OpenReadOnly on a share succeeded")
	}
	local := filepath.Join(scratchDir(t), "d.segur")
	o.Open(local)
	if len(inner.calls) != 1 || inner.calls[0] != "open "+local {
		t.Errorf("inner opener calls = %q, want only the local open", inner.calls)
	}
}
