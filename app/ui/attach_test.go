package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestAttachSeveralFilesFromThePicker(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	f.file("a.log", []byte("un\n"))
	f.file("b.log", []byte("deux\n"))
	f.file("c.log", []byte("trois\n"))
	f.p.lastFolder = f.dir
	f.menuAction("Joindre des fichiers…")()
	pk := f.p.picker
	if pk == nil || !strings.Contains(f.overlay(), "Joindre des fichiers à "+req) {
		t.Fatalf("picker not shown: %s", f.overlay())
	}
	pk.Toggle("a.log")
	pk.Toggle("c.log")
	test.Tap(pk.Confirm)
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 2 || !strings.Contains(f.p.notice.Text, "2 fichiers ajoutés") {
		t.Fatalf("%d items, notice %q", len(items), f.p.notice.Text)
	}
}

func TestPolicyRefusalNamesTheRuleAndOffersThePolicy(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	bad := f.file("demo.mp4", []byte("\x00\x01\x02 contenu non reconnu \xff\xfe"))
	f.p.attachPaths([]string{bad})
	if items, _ := f.m.svc.ListEvidence(req); len(items) != 0 {
		t.Fatalf("refused file stored: %d items", len(items))
	}
	msg := f.overlay()
	if !strings.Contains(msg, "«\u00a0autre") || !strings.Contains(msg, "politique de fichiers") || strings.Contains(msg, `"other"`) ||
		strings.Contains(f.p.notice.Text, "ajouté") {
		t.Fatalf("refusal: %s; notice %q", msg, f.p.notice.Text)
	}
	test.Tap(f.p.policyBtn)
	if f.m.pkg.policy == nil || !strings.Contains(f.overlay(), "Politique de fichiers") {
		t.Fatalf("policy dialog not opened: %s", f.overlay())
	}
}
