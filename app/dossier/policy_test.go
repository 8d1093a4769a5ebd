package dossier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestDefaultPolicy(t *testing.T) {
	p := dossier.PolicyOf(dossier.Info{})
	if p.MaxFileSize != dossier.DefaultMaxFileSize {
		t.Fatalf("default max: %d", p.MaxFileSize)
	}
	for _, k := range dossier.Kinds() {
		v := p.Violations(dossier.Evidence{Name: "f", Kind: k, Size: 1})
		if (k == dossier.KindOther) != (len(v) > 0) {
			t.Errorf("kind %s: violations %v", k, v)
		}
	}
	if v := p.Violations(dossier.Evidence{Name: "f.png", Kind: dossier.KindImage, Size: dossier.DefaultMaxFileSize}); len(v) != 0 {
		t.Errorf("file at the limit refused: %v", v)
	}
}

func TestPolicyExtensionsAndNormalize(t *testing.T) {
	p, err := dossier.FilePolicy{AllowedExtensions: []string{"PNG", ".mp4", " .png "}, AllowedKinds: []dossier.Kind{"Image", "video"}, MaxFileSize: 100}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.AllowedExtensions, ",") != ".mp4,.png" || len(p.AllowedKinds) != 2 {
		t.Fatalf("normalized: %+v", p)
	}
	if v := p.Violations(dossier.Evidence{Name: "a.PNG", Kind: dossier.KindImage, Size: 100}); len(v) != 0 {
		t.Errorf("upper-case extension refused: %v", v)
	}
	v := p.Violations(dossier.Evidence{Name: "a.txt", Kind: dossier.KindText, Size: 101})
	if len(v) != 3 {
		t.Errorf("kind, extension and size should all be reported: %v", v)
	}
	if _, err := (dossier.FilePolicy{AllowedKinds: []dossier.Kind{"gif"}}).Normalize(); dossier.FaultOf(err) != dossier.FaultUnknownKind {
		t.Errorf("unknown kind accepted: %v", err)
	}
	if _, err := (dossier.FilePolicy{MaxFileSize: -1}).Normalize(); !errors.Is(err, dossier.ErrInvalid) {
		t.Errorf("negative size accepted: %v", err)
	}
}

func TestParseAndFormatSize(t *testing.T) {
	ok := map[string]int64{"500M": 500 << 20, "2G": 2 << 30, "1048576": 1 << 20, "500 Mio": 500 << 20, "500 Mo": 500 << 20, "1 Go": 1 << 30, "10k": 10 << 10, "3GB": 3 << 30}
	for in, want := range ok {
		if got, err := dossier.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "-5M", "99999999999T"} {
		if _, err := dossier.ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
	if s := dossier.FormatSize(1536 << 10); s != "1,5\u00a0Mo" {
		t.Errorf("FormatSize: %q", s)
	}
}

func TestSetFilePolicyPersists(t *testing.T) {
	svc, m := newService(t)
	if err := svc.SetFilePolicy(&dossier.FilePolicy{AllowedExtensions: []string{"pdf"}, MaxFileSize: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	if infoOf(m).FilePolicy == nil || infoOf(m).FilePolicy.AllowedExtensions[0] != ".pdf" {
		t.Fatalf("policy not saved: %+v", infoOf(m).FilePolicy)
	}
	if err := svc.SetFilePolicy(&dossier.FilePolicy{AllowedKinds: []dossier.Kind{"nope"}}); err == nil {
		t.Fatal("invalid policy saved")
	}
	if infoOf(m).FilePolicy.MaxFileSize != 1<<20 {
		t.Fatal("invalid policy overwrote the saved one")
	}
	if err := svc.SetFilePolicy(nil); err != nil || infoOf(m).FilePolicy != nil {
		t.Fatalf("reset to default: %v %+v", err, infoOf(m).FilePolicy)
	}
}
