package ui

import (
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/record/avi/avitest"
)

// A video proof shows one of its frames; a damaged one keeps its icon.
func TestVideoProofsShowAFrame(t *testing.T) {
	f := newFixture(t)
	f.shell.deps.ThumbDir = t.TempDir()
	m := f.create()
	p := m.evidence
	video := avitest.Bytes(t, 320, 240, color.RGBA{B: 0xff, A: 0xff})
	good := filepath.Join(f.dir, "démo.avi")
	bad := filepath.Join(f.dir, "abîmée.avi")
	os.WriteFile(good, video, 0o600)
	os.WriteFile(bad, video[:300], 0o600)
	p.attachPaths([]string{good, bad})
	items, _ := m.svc.ListEvidence(m.current)
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	for _, ev := range items {
		pv, _ := p.thumbs.get(ev.SHA256)
		if want := ev.Name == "démo.avi"; (pv.Image != nil) != want {
			t.Errorf("%s: frame made = %v, want %v", ev.Name, pv.Image != nil, want)
		}
		if ev.Name != "démo.avi" {
			continue
		}
		c := p.card(ev.ID)
		if c == nil || c.thumb.Image == nil {
			t.Fatal("the video's card shows no frame")
		}
		r, g, b, _ := c.thumb.Image.At(50, 37).RGBA()
		if b>>8 < 0xe0 || r>>8 > 0x20 || g>>8 > 0x20 {
			t.Errorf("thumbnail pixel %d,%d,%d, want the frame's blue", r>>8, g>>8, b>>8)
		}
	}
}
