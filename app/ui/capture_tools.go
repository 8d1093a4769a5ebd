package ui

import (
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// handleSize is the side of a chosen mark's end handles, in layer
// pixels (and widget units).
const handleSize = 10

// editorTool is what a tap or a drag on the capture does.
type editorTool string

const (
	toolMask   editorTool = "mask"
	toolCrop   editorTool = "crop"
	toolSelect editorTool = "select"
)

// editorTools lists the tools in the order of the side panel: masking and
// cropping, choosing, then one tool per annotation kind.
func editorTools() []editorTool {
	tools := []editorTool{toolMask, toolCrop, toolSelect}
	for _, k := range dossier.AnnotationKinds() {
		tools = append(tools, editorTool(k))
	}
	return tools
}

// label is the tool's button text.
func (t editorTool) label() string {
	switch t {
	case toolMask:
		return "Masquer"
	case toolCrop:
		return "Recadrer"
	case toolSelect:
		return "Choisir"
	}
	return dossier.AnnotationKind(t).Label()
}

func (t editorTool) kind() dossier.AnnotationKind { return dossier.AnnotationKind(t) }

// ctrlShift is Ctrl+Maj+key.
func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func (e *captureEditor) setTool(t editorTool) {
	e.tool = t
	if t != toolSelect {
		e.selected = -1
	}
	e.refresh()
}

// onColour colours the next marks, and the selected one.
func (e *captureEditor) onColour(name string) {
	e.colour = name
	if i := e.selected; i >= 0 && !e.saving {
		e.hist.Change(func(m *capture.Marks) { m.Anns[i].Color = name })
		e.view.marksChanged()
	}
}

// canvasMarks is what the canvas draws.
func (e *captureEditor) canvasMarks() canvasMarks {
	m := e.hist.Marks()
	live := liveBox
	switch {
	case e.tool == toolSelect || e.moving:
		live = liveNone
	case e.tool == editorTool(dossier.AnnotArrow):
		live = liveLine
	}
	return canvasMarks{masks: m.Masks, crop: m.Crop, anns: m.Anns, selected: e.selected,
		live: live, tint: capture.ColourOf(e.colour), frame: e.tool == toolCrop}
}

// onTap selects the mark under the pointer (tool «Choisir»), or places a
// step marker or a text label.
func (e *captureEditor) onTap(pt image.Point) {
	if e.saving {
		return
	}
	e.win.Canvas().Unfocus() // the Delete key then reaches the window
	switch e.tool {
	case toolSelect:
		e.selected = e.hitAt(pt)
		e.refresh()
	case editorTool(dossier.AnnotStep):
		e.add(dossier.Annotation{Kind: dossier.AnnotStep, X: pt.X, Y: pt.Y, Number: capture.NextStep(e.allSteps())})
	case editorTool(dossier.AnnotText):
		e.askText(pt)
	}
}

// hitAt is the mark under pt, or -1.
func (e *captureEditor) hitAt(pt image.Point) int {
	if e.view.layer == nil {
		return -1
	}
	return e.view.layer.Hit(e.hist.Marks().Anns, pt, 6)
}

// allSteps is the step markers numbered so far, the replaced proof's
// included, so that numbering goes on after them.
func (e *captureEditor) allSteps() []dossier.Annotation {
	all := e.hist.Marks().Anns
	if e.replaced != nil {
		all = append(append([]dossier.Annotation(nil), e.replaced.Annotations...), all...)
	}
	return all
}

// askText asks for a label's text, then places it at pt.
func (e *captureEditor) askText(pt image.Point) {
	entry := widget.NewEntry()
	entry.SetPlaceHolder("Texte affiché sur l'image")
	d := dialog.NewForm("Texte à ajouter", "Ajouter", "Annuler", []*widget.FormItem{widget.NewFormItem("Texte", entry)},
		func(ok bool) {
			if ok && strings.TrimSpace(entry.Text) != "" {
				e.add(dossier.Annotation{Kind: dossier.AnnotText, X: pt.X, Y: pt.Y, Text: strings.TrimSpace(entry.Text)})
			}
		}, e.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	e.textDlg = d
	e.win.Canvas().Focus(entry)
}

// add records a new mark in the current colour and selects it.
func (e *captureEditor) add(a dossier.Annotation) {
	a.Color = e.colour
	e.hist.Change(func(m *capture.Marks) { m.Anns = append(m.Anns, a) })
	e.selected = len(e.hist.Marks().Anns) - 1
	e.typing = -1
	e.win.Canvas().Unfocus() // Ctrl+Z then undoes the mark, not a field's typing
	e.view.marksChanged()
	e.refresh()
}

// onDrag draws a mask, the crop or a mark, or moves the selected mark
// (tool «Choisir»): the whole drag is one undo step.
func (e *captureEditor) onDrag(from, to image.Point, done bool) {
	if e.saving {
		return
	}
	if e.tool == toolSelect {
		e.dragMove(from, to, done)
		return
	}
	if !done {
		return
	}
	r := image.Rectangle{Min: from, Max: to}.Canon()
	big := r.Dx() >= minDrawn && r.Dy() >= minDrawn
	switch {
	case e.tool == toolMask && big:
		e.hist.Change(func(m *capture.Marks) { m.Masks = append(m.Masks, r) })
	case e.tool == toolCrop && big:
		e.hist.Change(func(m *capture.Marks) { m.Crop = &r })
	case e.tool.kind() == dossier.AnnotArrow && (abs(to.X-from.X) >= minDrawn || abs(to.Y-from.Y) >= minDrawn):
		e.add(dossier.Annotation{Kind: dossier.AnnotArrow, X: from.X, Y: from.Y, X2: to.X, Y2: to.Y})
		return
	case e.tool.kind().Boxed() && big:
		e.add(dossier.Annotation{Kind: e.tool.kind(), X: r.Min.X, Y: r.Min.Y, X2: r.Max.X, Y2: r.Max.Y})
		return
	case e.tool.kind() == dossier.AnnotStep || e.tool.kind() == dossier.AnnotText:
		e.onTap(to) // a short slip of the mouse places the mark where it ends
		return
	}
	e.refresh()
}

// dragMove moves the mark the drag started on, live; a drag that starts
// on an end of the chosen box or arrow (its handles) moves that end only.
func (e *captureEditor) dragMove(from, to image.Point, done bool) {
	if !e.moving {
		e.end = 0
		if i := e.selected; i >= 0 && i < len(e.hist.Marks().Anns) && e.view.layer != nil {
			e.end = capture.Handle(e.hist.Marks().Anns[i], from, e.view.layer.ImagePixels(handleSize))
		}
		if e.end == 0 {
			i := e.hitAt(from)
			if i < 0 {
				return
			}
			e.selected = i
		}
		e.moving, e.typing = true, -1
		e.hist.Begin()
		e.origin = e.hist.Marks().Anns[e.selected]
	}
	i, end := e.selected, e.end
	d := to.Sub(from)
	e.hist.Live(func(m *capture.Marks) {
		if end != 0 {
			m.Anns[i] = capture.WithEnd(e.origin, end, to)
		} else {
			m.Anns[i] = e.origin.Shifted(d.X, d.Y)
		}
	})
	if done {
		e.moving = false
		if d == (image.Point{}) {
			e.hist.Drop()
		}
		e.refresh()
	}
	e.view.marksChanged()
}

// deleteSelected removes the selected mark.
func (e *captureEditor) deleteSelected() {
	if i := e.selected; i >= 0 && !e.saving {
		e.removeNote(i)
	}
}

func (e *captureEditor) removeNote(i int) {
	if i < 0 || i >= len(e.hist.Marks().Anns) || e.saving {
		return
	}
	e.hist.Change(func(m *capture.Marks) { m.Anns = append(m.Anns[:i:i], m.Anns[i+1:]...) })
	e.selected, e.typing = -1, -1
	e.view.marksChanged()
	e.refresh()
}

func (e *captureEditor) removeMark(i int) {
	if i < 0 || i >= len(e.hist.Marks().Masks) || e.saving {
		return
	}
	e.hist.Change(func(m *capture.Marks) { m.Masks = append(m.Masks[:i:i], m.Masks[i+1:]...) })
	e.refresh()
}

// onNoteText changes the selected mark's text as it is typed: one undo
// step for the whole edit.
func (e *captureEditor) onNoteText(s string) {
	i := e.selected
	if i < 0 || e.saving || i >= len(e.hist.Marks().Anns) || e.hist.Marks().Anns[i].Text == s {
		return
	}
	if e.typing != i {
		e.hist.Begin()
		e.typing = i
	}
	e.hist.Live(func(m *capture.Marks) { m.Anns[i].Text = s })
	e.view.marksChanged()
	e.refreshNotes()
}

func (e *captureEditor) onUndo() {
	if !e.saving && e.hist.Undo() {
		e.afterHistory()
	}
}

func (e *captureEditor) onRedo() {
	if !e.saving && e.hist.Redo() {
		e.afterHistory()
	}
}

func (e *captureEditor) afterHistory() {
	e.selected, e.typing = -1, -1
	e.view.marksChanged()
	e.refresh()
}

func (e *captureEditor) onClearCrop() {
	if e.hist.Marks().Crop != nil && !e.saving {
		e.hist.Change(func(m *capture.Marks) { m.Crop = nil })
		e.refresh()
	}
}

// refresh shows the tools, the lists of marks and masks, the crop and
// the undo buttons as the state is, and redraws the canvas.
func (e *captureEditor) refresh() {
	for t, b := range e.toolBtns {
		b.Importance = widget.MediumImportance
		if t == e.tool {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	m := e.hist.Marks()
	if i := e.selected; i >= 0 && i < len(m.Anns) {
		if e.typing != i {
			e.noteText.SetText(m.Anns[i].Text)
			e.typing = -1
		}
		// The palette shows the chosen mark's colour, which the next
		// mark takes too.
		e.colour = orFirstColour(m.Anns[i].Color)
		e.swatches.SetSelected(e.colour)
		e.noteText.Enable()
	} else {
		e.noteText.SetText("")
		e.noteText.Disable()
	}
	e.refreshNotes()
	e.marks.RemoveAll()
	if len(m.Masks) == 0 {
		e.marks.Add(lowLabel("Aucun masque"))
	}
	for i, r := range m.Masks {
		i := i
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeMark(i) })
		e.marks.Add(container.NewBorder(nil, nil, nil, rm,
			widget.NewLabel(fmt.Sprintf("Masque %d : %d × %d à (%d, %d)", i+1, r.Dx(), r.Dy(), r.Min.X, r.Min.Y))))
	}
	enable(e.undo, e.hist.CanUndo())
	enable(e.redo, e.hist.CanRedo())
	if m.Crop == nil {
		e.cropLabel.SetText(fmt.Sprintf("Aucun : l'image entière (%d × %d) sera enregistrée.", e.img.Rect.Dx(), e.img.Rect.Dy()))
		e.cropClear.Disable()
	} else {
		c := *m.Crop
		e.cropLabel.SetText(fmt.Sprintf("Zone gardée : %d × %d à (%d, %d).", c.Dx(), c.Dy(), c.Min.X, c.Min.Y))
		e.cropClear.Enable()
	}
	// The original can be kept beside the annotated image only when
	// nothing was masked: a masked proof must not survive unmasked.
	if len(m.Masks) > 0 {
		e.keep.SetChecked(false)
		e.keep.Disable()
	} else {
		e.keep.Enable()
	}
	e.view.Refresh()
}

// refreshNotes lists the annotations, the selected one in bold.
func (e *captureEditor) refreshNotes() {
	e.notes.RemoveAll()
	anns := e.hist.Marks().Anns
	if e.replaced != nil && len(e.replaced.Annotations) > 0 {
		// Already in the pixels: listed with the new proof, not editable.
		l := wrapped(fmt.Sprintf("Déjà dans l'image : %s (reprises dans la liste de la preuve)",
			fr.Plural(len(e.replaced.Annotations), "annotation", "annotations")))
		l.Importance = widget.LowImportance
		e.notes.Add(l)
	}
	if len(anns) == 0 {
		e.notes.Add(lowLabel("Aucune annotation"))
	}
	for i, a := range anns {
		i := i
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeNote(i) })
		pick := widget.NewButton(a.Describe(), func() {
			e.tool, e.selected, e.typing = toolSelect, i, -1
			e.refresh()
		})
		pick.Alignment = widget.ButtonAlignLeading
		pick.Importance = widget.LowImportance
		if i == e.selected {
			pick.Importance = widget.HighImportance
		}
		e.notes.Add(container.NewBorder(nil, nil, nil, rm, pick))
	}
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func orFirstColour(name string) string {
	if name == "" {
		return capture.Palette()[0].Name
	}
	return name
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// annotatedName is the file name of an annotated copy of name.
func annotatedName(name string) string {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	base = strings.TrimSuffix(base, "-annotee")
	return base + "-annotee.png"
}
