package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestOpenHandsTheExtractedFileToTheSystem(t *testing.T) {
	f := newEvFixture(t)
	var opened []string
	f.p.d.openFile = func(p string) error { opened = append(opened, p); return nil }
	req := f.m.current
	f.p.attachPaths([]string{f.file("journal d'été.log", []byte("ligne 1\n"))})
	items, err := f.m.svc.ListEvidence(req)
	if err != nil || len(items) != 1 {
		t.Fatalf("evidence: %v %v", items, err)
	}
	f.p.onOpen(items[0])
	if len(opened) != 1 {
		t.Fatalf("opened %q, want one file", opened)
	}
	if !strings.HasSuffix(filepath.Base(opened[0]), "journal d'été.log") || !filepath.IsAbs(opened[0]) {
		t.Errorf("opened %q: not the extracted file under its name", opened[0])
	}
	if b, err := os.ReadFile(opened[0]); err != nil || string(b) != "ligne 1\n" {
		t.Errorf("extracted content %q (%v)", b, err)
	}
	if o := f.overlay(); o != "" {
		t.Errorf("a dialog is shown after a successful open: %s", o)
	}
}

func TestOpenFailureSaysSoInFrench(t *testing.T) {
	f := newEvFixture(t)
	f.p.d.openFile = func(p string) error {
		return dossier.E(dossier.FaultNoApplication, filepath.Base(p), errors.New("SE_ERR_NOASSOC"))
	}
	f.p.attachPaths([]string{f.file("trace.hl7", []byte("MSH|^~\\&|\r"))})
	items, _ := f.m.svc.ListEvidence(f.m.current)
	f.p.onOpen(items[0])
	o := f.overlay()
	if !strings.Contains(o, "aucune application n&#39;a pu ouvrir") && !strings.Contains(o, "ucune application n'a pu ouvrir") {
		t.Fatalf("no French message; overlay: %s", o)
	}
	if strings.Contains(o, "SE_ERR") {
		t.Errorf("the cause's text reaches the user: %s", o)
	}
}
