package ui

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// tap taps image pixel p on the editor's canvas.
func tap(e *captureEditor, p image.Point) {
	size := e.view.Size()
	iw, ih := float32(e.img.Rect.Dx()), float32(e.img.Rect.Dy())
	scale := min(size.Width/iw, size.Height/ih)
	offX, offY := (size.Width-iw*scale)/2, (size.Height-ih*scale)/2
	e.view.Tapped(&fyne.PointEvent{Position: fyne.NewPos(offX+float32(p.X)*scale, offY+float32(p.Y)*scale)})
}

func TestEditorAnnotatesSelectsMovesAndUndoes(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	e := f.capture("0 s")
	test.Tap(e.toolBtns[editorTool(dossier.AnnotStep)])
	tap(e, image.Pt(40, 30))
	tap(e, image.Pt(150, 30))
	e.swatches.Tap("bleu")
	test.Tap(e.toolBtns[editorTool(dossier.AnnotArrow)])
	drag(t, e, image.Pt(100, 90), image.Pt(60, 40))
	anns := e.hist.Marks().Anns
	if len(anns) != 3 || anns[0].Number != 1 || anns[1].Number != 2 || anns[2].Kind != dossier.AnnotArrow || anns[2].Color != "bleu" {
		t.Fatalf("marks %+v", anns)
	}
	if e.selected != 2 || len(e.notes.Objects) != 3 {
		t.Fatalf("selected %d, %d rows listed", e.selected, len(e.notes.Objects))
	}

	// Choose the first step and drag it: one undo step for the drag.
	test.Tap(e.toolBtns[toolSelect])
	drag(t, e, image.Pt(40, 30), image.Pt(30, 70))
	if a := e.hist.Marks().Anns[0]; e.selected != 0 || a.X < 28 || a.X > 32 || a.Y < 68 || a.Y > 72 {
		t.Fatalf("moved step: selected %d at %d,%d", e.selected, a.X, a.Y)
	}
	e.onUndo()
	if a := e.hist.Marks().Anns[0]; a.X != 40 || a.Y != 30 {
		t.Fatalf("undo left the step at %d,%d", a.X, a.Y)
	}
	e.onRedo()
	if a := e.hist.Marks().Anns[0]; a.X == 40 {
		t.Fatal("redo did not move the step back")
	}

	// Edit its label: the whole typing is one undo step.
	tap(e, image.Pt(e.hist.Marks().Anns[0].X, e.hist.Marks().Anns[0].Y))
	if e.selected != 0 {
		t.Fatalf("tap selected %d", e.selected)
	}
	test.Type(e.noteText, "champ INS")
	if got := e.hist.Marks().Anns[0].Text; got != "champ INS" {
		t.Fatalf("label %q", got)
	}
	e.onUndo()
	if got := e.hist.Marks().Anns[0].Text; got != "" {
		t.Fatalf("undo left the label %q", got)
	}
	e.onRedo()

	// Delete the arrow with the Delete key.
	tap(e, image.Pt(80, 65))
	if e.selected != 2 {
		t.Fatalf("the arrow was not chosen: %d", e.selected)
	}
	e.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if n := len(e.hist.Marks().Anns); n != 2 {
		t.Fatalf("%d marks after Delete", n)
	}

	test.Tap(e.save)
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 1 {
		t.Fatalf("%d items; message %q", len(items), e.message.Text)
	}
	ev := items[0]
	if len(ev.Annotations) != 2 || ev.Annotations[0].Describe() != "Étape 1 : champ INS" {
		t.Fatalf("stored annotations %+v", ev.Annotations)
	}
	// The marks are in the pixels: step 2's centre is not the screen's.
	img := stored(t, f.m.svc, ev.ID)
	if rgba(img.At(150, 30)) == capturetest.Pixel(150, 30) {
		t.Fatal("step 2 is not drawn into the stored image")
	}
	notes := f.p.card(ev.ID).notes
	if !notes.Visible() || !strings.Contains(notes.Text, "Étape 1 : champ INS") || !strings.Contains(notes.Text, "Étape 2 à (150, 30)") {
		t.Fatalf("card lists %q", notes.Text)
	}
}

func TestAnnotateImageProofReplacesIt(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	e := f.capture("0 s")
	test.Tap(e.toolBtns[editorTool(dossier.AnnotStep)])
	tap(e, image.Pt(40, 30))
	test.Type(e.caption, "Recherche INS")
	test.Tap(e.save)
	items, _ := f.m.svc.ListEvidence(req)
	first := items[0]

	// Annotate it again: numbering goes on, the old proof is replaced.
	f.p.onAnnotate(first)
	e = f.p.editor
	if e == nil || e.replaced == nil || e.caption.Text != "Recherche INS" {
		t.Fatalf("no editor on the proof (%v)", e)
	}
	test.Tap(e.toolBtns[editorTool(dossier.AnnotStep)])
	tap(e, image.Pt(150, 60))
	if n := e.hist.Marks().Anns[0].Number; n != 2 {
		t.Fatalf("new step numbered %d", n)
	}
	test.Tap(e.save)
	items, _ = f.m.svc.ListEvidence(req)
	if len(items) != 1 || items[0].ID == first.ID {
		t.Fatalf("after annotating: %+v", items)
	}
	second := items[0]
	if len(second.Annotations) != 2 || second.Annotations[1].Number != 2 || second.Caption != "Recherche INS" ||
		!strings.HasSuffix(second.Name, "-annotee.png") {
		t.Fatalf("replacement %+v", second)
	}

	// Asked to keep the original: both stay.
	f.p.onAnnotate(second)
	e = f.p.editor
	e.keep.SetChecked(true)
	test.Tap(e.save)
	items, _ = f.m.svc.ListEvidence(req)
	if len(items) != 2 {
		t.Fatalf("keeping the original: %d items", len(items))
	}

	// A mask forbids keeping the unmasked original, whatever was ticked.
	f.p.onAnnotate(items[1])
	e = f.p.editor
	e.keep.SetChecked(true)
	drag(t, e, image.Pt(10, 10), image.Pt(50, 40))
	if !e.keep.Disabled() || e.keep.Checked {
		t.Fatal("keep the original still offered with a mask")
	}
	test.Tap(e.save)
	items, _ = f.m.svc.ListEvidence(req)
	if len(items) != 2 {
		t.Fatalf("with a mask: %d items, want the masked one in place of its original", len(items))
	}
}

func TestCardListsStepsFirst(t *testing.T) {
	got := annotationsText([]dossier.Annotation{
		{Kind: dossier.AnnotSpotlight, X2: 10, Y2: 10},
		{Kind: dossier.AnnotStep, Number: 2, Text: "bouton INSi"},
		{Kind: dossier.AnnotText, Text: "OK"},
		{Kind: dossier.AnnotStep, Number: 1, Text: "champ INS"},
	})
	want := "Annotations : Étape 1 : champ INS · Étape 2 : bouton INSi · Texte «\u00a0OK\u00a0» · Projecteur 10 × 10 à (0, 0)"
	if got != want {
		t.Fatalf("%q\nwant %q", got, want)
	}
}

func TestEditorResizesByAnEnd(t *testing.T) {
	f := newEvFixture(t)
	e := f.capture("0 s")
	test.Tap(e.toolBtns[editorTool(dossier.AnnotRect)])
	drag(t, e, image.Pt(20, 20), image.Pt(80, 60))
	if e.selected != 0 {
		t.Fatalf("new box not chosen: %d", e.selected)
	}
	test.Tap(e.toolBtns[toolSelect])
	e.selected = 0
	drag(t, e, image.Pt(80, 60), image.Pt(120, 90)) // the bottom-right handle
	a := e.hist.Marks().Anns[0]
	if a.X != 20 || a.Y != 20 || a.X2 < 118 || a.X2 > 122 || a.Y2 < 88 || a.Y2 > 92 {
		t.Fatalf("resized box %+v", a)
	}
	e.onUndo()
	if a := e.hist.Marks().Anns[0]; a.X2 != 80 || a.Y2 != 60 {
		t.Fatalf("undo left %+v", a)
	}
	// Away from the handles, a drag on the edge moves the whole box.
	e.selected = 0
	drag(t, e, image.Pt(50, 20), image.Pt(60, 30))
	if a := e.hist.Marks().Anns[0]; a.X2-a.X != 60 || a.X < 28 || a.X > 32 {
		t.Fatalf("moved box %+v", a)
	}
}
