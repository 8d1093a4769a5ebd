package ui

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// pasteWith sets what the clipboard yields, then pastes.
func (f *evFixture) pasteWith(clip system.Clip, err error) {
	f.p.d.clipboard = func(context.Context) (system.Clip, error) { return clip, err }
	f.p.onPaste()
}

func TestPasteImageOpensTheEditor(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 64, 48)))
	f.pasteWith(system.Clip{Image: buf.Bytes(), Types: []string{"image/png"}}, nil)
	e := f.p.editor
	if e == nil || !e.pasted || !strings.Contains(e.info.Text, "Image collée de 64 × 48 pixels") {
		t.Fatalf("editor %v; overlay %s", e, f.overlay())
	}
	test.Tap(e.save)
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 1 || !strings.HasPrefix(items[0].Name, "collage-") || items[0].Capture != nil {
		t.Fatalf("stored %+v", items)
	}
}

// The Windows clipboard's bitmaps (CF_DIB) reach the paste as a BMP.
func TestPasteBitmapOpensTheEditor(t *testing.T) {
	f := newEvFixture(t)
	f.pasteWith(system.Clip{Image: grayBMP(40, 30), Types: []string{"CF_DIBV5", "CF_DIB"}}, nil)
	if e := f.p.editor; e == nil || !strings.Contains(e.info.Text, "Image collée de 40 × 30 pixels") {
		t.Fatalf("editor %v; overlay %s", e, f.overlay())
	}
}

func TestPasteFilesAttachesThem(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	a := f.file("journal.log", []byte("2026-11-30 appel INSi\n"))
	b := f.file("trace.txt", []byte("réponse 200\n"))
	f.pasteWith(system.Clip{Files: []string{a, b}}, nil)
	if items, _ := f.m.svc.ListEvidence(req); len(items) != 2 {
		t.Fatalf("%d items; overlay %s", len(items), f.overlay())
	}
}

func TestPasteTextAsksFirst(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	f.pasteWith(system.Clip{Text: "INSi : réponse 200\nTrait OK\n"}, nil)
	if f.p.pasteDlg == nil || !strings.Contains(f.overlay(), "2 lignes") {
		t.Fatalf("no confirmation; overlay %s", f.overlay())
	}
	if items, _ := f.m.svc.ListEvidence(req); len(items) != 0 {
		t.Fatal("stored before the confirmation")
	}
	f.p.pasteDlg.dlg.Confirm()
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 1 || items[0].Kind != dossier.KindText || !strings.HasSuffix(items[0].Name, ".txt") {
		t.Fatalf("stored %+v", items)
	}
}

func TestPasteRefusesWithOneSentence(t *testing.T) {
	for _, c := range []struct {
		name string
		clip system.Clip
		err  error
		want string
	}{
		{"other", system.Clip{Types: []string{"application/x-vnd.foo"}}, nil, "ne sait pas joindre (application/x-vnd.foo)"},
		{"empty", system.Clip{}, nil, "ne contient ni image"},
		{"huge", system.Clip{}, dossier.ED(dossier.FaultClipboardTooLarge, "", "16777216", nil), "trop volumineux (plus de 16\u00a0Mo)"},
		{"broken image", system.Clip{Image: []byte("\x89PNG\r\n\x1a\nbroken")}, nil, "illisible"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newEvFixture(t)
			f.pasteWith(c.clip, c.err)
			if !strings.Contains(f.overlay(), c.want) || f.p.editor != nil {
				t.Fatalf("overlay %s", f.overlay())
			}
			if items, _ := f.m.svc.ListEvidence(f.m.current); len(items) != 0 {
				t.Fatal("something was stored")
			}
		})
	}
}

func TestPasteFallsBackToTheToolkitsText(t *testing.T) {
	f := newEvFixture(t)
	f.shell.app.Clipboard().SetContent("journal INSi\n")
	f.pasteWith(system.Clip{}, system.ErrNoClipboardReader)
	if f.p.pasteDlg == nil || f.p.pasteDlg.text != "journal INSi\n" {
		t.Fatalf("no text confirmation; overlay %s", f.overlay())
	}
}

// grayBMP is a w×h 24-bit BMP file, written by hand (importing an encoder
// here would register the format the application must register itself).
func grayBMP(w, h int) []byte {
	stride := (3*w + 3) &^ 3
	b := make([]byte, 54+stride*h)
	le := binary.LittleEndian
	b[0], b[1] = 'B', 'M'
	le.PutUint32(b[2:], uint32(len(b)))
	le.PutUint32(b[10:], 54)
	le.PutUint32(b[14:], 40)
	le.PutUint32(b[18:], uint32(w))
	le.PutUint32(b[22:], uint32(h))
	le.PutUint16(b[26:], 1)
	le.PutUint16(b[28:], 24)
	for i := 54; i < len(b); i++ {
		b[i] = 0x80
	}
	return b
}
