package ui

import (
	"image"
	"os"
	"path/filepath"
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

// TestPreviewsAreCachedOnDisk: a thumbnail made once is kept on disk, so a
// second visit (or another session) does not decode the image again.
func TestPreviewsAreCachedOnDisk(t *testing.T) {
	f := newFixture(t)
	f.shell.deps.ThumbDir = t.TempDir()
	m := f.create()
	p := m.evidence
	path := filepath.Join(f.dir, "écran.png")
	os.WriteFile(path, pngOf(t, 640, 480), 0o600)
	p.attachPaths([]string{path})
	items, _ := m.svc.ListEvidence(m.current)
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	img := p.disk.imageOf(items[0])
	if img == nil || img.Bounds().Dx() != 200 || img.Bounds().Dy() != 150 {
		t.Fatalf("cached thumbnail %v", img)
	}
	// The memory cache forgotten, the card gets the thumbnail from the
	// disk: a marked 10×10 one put in its place shows, not a new decode.
	p.thumbs = newThumbCache(thumbCacheSize)
	p.disk.save(items[0], preview{Image: image.NewRGBA(image.Rect(0, 0, 10, 10))})
	p.reload()
	if c := p.card(items[0].ID); c == nil || c.thumb.Image == nil || c.thumb.Image.Bounds().Dx() != 10 {
		t.Fatal("thumbnail not read from the disk cache")
	}
}
