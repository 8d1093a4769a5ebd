package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// capture runs the capture dialog with a delay and returns the editor.
func (f *evFixture) capture(delay string) *captureEditor {
	f.t.Helper()
	test.Tap(f.p.captureBtn)
	if f.p.capDlg == nil {
		f.t.Fatalf("no capture dialog; overlay %s", f.overlay())
	}
	f.p.capDlg.delay.SetSelected(delay)
	f.p.capDlg.dlg.Confirm()
	if f.p.editor == nil {
		f.t.Fatalf("no editor; overlay %s", f.overlay())
	}
	return f.p.editor
}

// drag draws a rectangle from image pixel a to image pixel b on the
// editor, as the driver reports a mouse drag: Dragged events at widget
// positions, each with the distance moved since the last, then DragEnd.
// The mapping is computed here independently: the image is scaled to fit
// the widget and centred.
func drag(t *testing.T, e *captureEditor, a, b image.Point) {
	t.Helper()
	size := e.view.Size()
	iw, ih := float32(e.img.Rect.Dx()), float32(e.img.Rect.Dy())
	scale := min(size.Width/iw, size.Height/ih)
	offX, offY := (size.Width-iw*scale)/2, (size.Height-ih*scale)/2
	at := func(x, y float32) fyne.Position {
		return fyne.NewPos(offX+x*scale, offY+y*scale)
	}
	from := at(float32(a.X), float32(a.Y))
	prev := from
	for _, k := range []float32{0.25, 0.5, 1} {
		p := at(float32(a.X)+k*float32(b.X-a.X), float32(a.Y)+k*float32(b.Y-a.Y))
		e.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	e.view.DragEnd()
}

// stored decodes the PNG of an evidence item.
func stored(t *testing.T, svc *dossier.Service, id uint64) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := svc.ExtractEvidence(context.Background(), id, &buf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func TestCaptureRedactSave(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	e := f.capture("3 s")
	// The countdown waited 3 × 1 s, then let the windows go before grabbing.
	if want := []time.Duration{time.Second, time.Second, time.Second, settleDelay}; !equalDurations(f.waits, want) {
		t.Errorf("waits %v, want %v", f.waits, want)
	}
	if f.p.countdown == nil || f.p.countdown.label.Text != "Capture dans 1 s…" {
		t.Errorf("countdown did not count down to 1 s")
	}
	if e.img.Rect.Dx() != 200 || e.img.Rect.Dy() != 100 {
		t.Fatalf("captured %v", e.img.Rect)
	}

	// The editor window is wider than the image's aspect: letterboxed left
	// and right. Draw two masks, take one back, draw it again.
	mask := image.Rect(20, 10, 80, 60)
	drag(t, e, mask.Min, mask.Max)
	drag(t, e, image.Pt(150, 70), image.Pt(190, 95))
	if len(e.hist.Marks().Masks) != 2 || e.hist.Marks().Masks[0] != mask {
		t.Fatalf("redactions %v, want %v first", e.hist.Marks().Masks, mask)
	}
	if e.undo.Disabled() || len(e.marks.Objects) != 2 {
		t.Errorf("mask list has %d rows", len(e.marks.Objects))
	}
	test.Tap(e.undo)
	if len(e.hist.Marks().Masks) != 1 {
		t.Fatalf("undo left %v", e.hist.Marks().Masks)
	}
	// A click without a drag draws nothing.
	drag(t, e, image.Pt(5, 5), image.Pt(5, 5))
	if len(e.hist.Marks().Masks) != 1 {
		t.Errorf("a click drew %v", e.hist.Marks().Masks)
	}
	test.Type(e.caption, "Paramétrage masqué")
	test.Tap(e.save)

	if f.p.editor != nil {
		t.Error("editor still open after saving")
	}
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 1 {
		t.Fatalf("%d items; editor message %q", len(items), e.message.Text)
	}
	ev := items[0]
	if ev.Kind != dossier.KindImage || ev.Caption != "Paramétrage masqué" || ev.AddedBy != "Alice Martin" ||
		ev.Capture == nil || *ev.Capture != (dossier.CaptureInfo{Display: 0, Width: 200, Height: 100}) {
		t.Errorf("stored %+v (capture %+v)", ev, ev.Capture)
	}
	img := stored(t, f.m.svc, ev.ID)
	if img.Bounds().Dx() != 200 || img.Bounds().Dy() != 100 {
		t.Fatalf("stored image %v", img.Bounds())
	}
	bad := 0
	for y := range 100 {
		for x := range 200 {
			want := capturetest.Pixel(x, y)
			if image.Pt(x, y).In(mask) {
				want = redactFill()
			}
			if got := rgba(img.At(x, y)); got != want && bad < 5 {
				bad++
				t.Errorf("pixel %d,%d = %v, want %v", x, y, got, want)
			}
		}
	}
	if f.status(req) != dossier.EnCours || f.m.detail.status.Selected != dossier.EnCours.Label() {
		t.Errorf("status %s after the capture", f.status(req))
	}
	if !strings.Contains(f.p.card(ev.ID).meta.Text, "Capture de l'écran 0 : 200 × 100") {
		t.Errorf("card metadata %q", f.p.card(ev.ID).meta.Text)
	}
}

func TestCaptureCropChangesStoredSize(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	e := f.capture("0 s")
	if want := []time.Duration{settleDelay}; !equalDurations(f.waits, want) {
		t.Errorf("waits %v, want %v", f.waits, want)
	}
	e.setTool(toolCrop)
	drag(t, e, image.Pt(110, 90), image.Pt(10, 10)) // drawn backwards
	e.setTool(toolMask)
	drag(t, e, image.Pt(0, 0), image.Pt(30, 30))
	if c := e.hist.Marks().Crop; c == nil || *c != image.Rect(10, 10, 110, 90) {
		t.Fatalf("crop %v", c)
	}
	test.Tap(e.save)
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	img := stored(t, f.m.svc, items[0].ID)
	if b := img.Bounds(); b.Dx() != 100 || b.Dy() != 80 {
		t.Fatalf("stored %v, want 100×80", b)
	}
	if c := items[0].Capture; c == nil || c.X != 10 || c.Y != 10 || c.Width != 100 || c.Height != 80 {
		t.Errorf("capture geometry %+v, want the kept 100×80 region at 10,10", c)
	}
	// Masked before cropping: image pixels 10..30 are black, the rest is
	// the screen shifted by the crop.
	if got := rgba(img.At(5, 5)); got != redactFill() {
		t.Errorf("masked corner %v", got)
	}
	if got, want := rgba(img.At(50, 40)), capturetest.Pixel(60, 50); got != want {
		t.Errorf("pixel 50,40 = %v, want screen pixel 60,50 %v", got, want)
	}
}

func TestCaptureCancelStoresNothing(t *testing.T) {
	f := newEvFixture(t)
	e := f.capture("0 s")
	drag(t, e, image.Pt(20, 10), image.Pt(80, 60))
	test.Tap(e.cancel)
	if f.p.editor != nil {
		t.Error("editor still open")
	}
	if items, _ := f.m.svc.ListEvidence(f.m.current); len(items) != 0 {
		t.Errorf("%d items after Annuler", len(items))
	}
}

func TestCaptureWithoutDisplay(t *testing.T) {
	f := newEvFixture(t)
	f.p.d.screen = &capturetest.Screen{}
	f.menuAction("Capture d'écran… (Ctrl+Maj+S)")()
	if msg := f.overlay(); !strings.Contains(msg, "Aucun écran disponible") {
		t.Errorf("dialog %s", msg)
	}
	if f.p.editor != nil || f.p.capDlg != nil {
		t.Error("capture went on without a display")
	}
}

func TestCaptureDialogListsDisplays(t *testing.T) {
	f := newEvFixture(t)
	f.p.d.screen = &capturetest.Screen{Displays: []image.Rectangle{image.Rect(0, 0, 300, 200), image.Rect(300, 0, 500, 150)}}
	test.Tap(f.p.captureBtn)
	opts := f.p.capDlg.display.Options
	want := []string{"Écran 0 — 300 × 200", "Écran 1 — 200 × 150", "Tous les écrans — 500 × 200"}
	if strings.Join(opts, "|") != strings.Join(want, "|") {
		t.Fatalf("options %q", opts)
	}
	f.p.capDlg.display.SetSelected(want[2])
	f.p.capDlg.dlg.Confirm()
	e := f.p.editor
	if e == nil || e.geo.Display != capture.AllDisplays || e.img.Rect.Dx() != 500 {
		t.Fatalf("editor %+v", e)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
