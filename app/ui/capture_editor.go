package ui

import (
	"fmt"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// redactFill is the colour of masks, in the preview and in the stored
// image alike.
func redactFill() color.RGBA { return color.RGBA{A: 0xff} }

// captureEditor is the preview window of a capture, or of an image proof
// opened again to annotate it: the user crops it, masks what must not be
// stored, annotates it (arrows, boxes, numbered steps, text, highlighter,
// spotlight), adds a caption, then saves it as a PNG attached to the
// requirement, or discards it. Every mark can be selected, moved, edited
// and deleted until saving; Ctrl+Z and Ctrl+Maj+Z undo and redo. Only the
// edited image is stored; the image as taken stays in this window's
// memory and goes with it.
type captureEditor struct {
	p     *evidencePanel
	win   fyne.Window
	reqID string
	proof string
	img   *image.RGBA
	geo   capture.Geometry
	// replaced is the image proof being annotated again (nil for a new
	// capture); its own annotations, already in its pixels, are carried
	// into the new proof's list.
	replaced *dossier.Evidence
	// pasted is true for an image pasted from the clipboard.
	pasted bool

	hist     capture.History
	tool     editorTool
	colour   string
	selected int
	// typing is the mark whose text is being typed (one undo step for the
	// whole edit), or -1.
	typing int
	// moving is true while a drag moves the selected mark, which was at
	// origin when the drag began.
	moving bool
	origin dossier.Annotation
	// end is the end of the chosen mark being dragged (capture.Handle),
	// 0 when the whole mark moves.
	end int

	view      *redactCanvas
	info      *widget.Label
	toolBtns  map[editorTool]*widget.Button
	swatches  *widgets.Swatches
	marks     *fyne.Container
	notes     *fyne.Container
	noteText  *widget.Entry
	cropLabel *widget.Label
	cropClear *widget.Button
	undo      *widget.Button
	redo      *widget.Button
	keep      *widget.Check
	caption   *widget.Entry
	message   *widget.Label
	save      *widget.Button
	cancel    *widget.Button
	textDlg   dialog.Dialog
	saving    bool
	closed    bool
}

// openEditor shows a capture in a new editor window.
func (p *evidencePanel) openEditor(reqID string, img *image.RGBA, geo capture.Geometry) {
	p.openImageEditor(reqID, img, geo, nil)
}

// openImageEditor shows img in a new editor window; replaced, when not
// nil, is the image proof the result will replace.
func (p *evidencePanel) openImageEditor(reqID string, img *image.RGBA, geo capture.Geometry, replaced *dossier.Evidence) {
	if p.editor != nil {
		p.editor.win.Close()
	}
	e := &captureEditor{p: p, reqID: reqID, proof: p.proofID(), img: img, geo: geo, replaced: replaced,
		tool: toolMask, colour: capture.Palette()[0].Name, selected: -1, typing: -1}
	title := "Aperçu de la capture — " + reqID
	if replaced != nil {
		title = "Annoter «\u00a0" + replaced.Name + "\u00a0» — " + reqID
		e.proof = replaced.ProofID
	}
	e.win = p.d.app.NewWindow(title)
	e.view = newRedactCanvas(img, e.win.Canvas(), e.canvasMarks, e.onTap, e.onDrag)
	e.build()
	// The driver reports Ctrl+Z and Ctrl+Y as the standard undo and redo
	// shortcuts, never as custom ones.
	e.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { e.onUndo() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.onRedo() })
	e.win.Canvas().AddShortcut(ctrlShift(fyne.KeyZ), func(fyne.Shortcut) { e.onRedo() })
	e.win.Canvas().AddShortcut(ctrl(fyne.KeyS), func(fyne.Shortcut) { e.onSave() })
	e.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyDelete || k.Name == fyne.KeyBackspace {
			e.deleteSelected()
		}
	})
	e.win.SetOnClosed(func() {
		e.closed = true
		if p.editor == e {
			p.editor = nil
		}
	})
	e.win.Resize(fyne.NewSize(1240, 800))
	e.refresh()
	p.editor = e
	e.win.Show()
	e.win.RequestFocus() // a pasted image's editor opens over the main window
}

// build lays the window out: the picture, the tools on the side, the
// caption and the buttons below.
func (e *captureEditor) build() {
	e.toolBtns = map[editorTool]*widget.Button{}
	var toolGrid []fyne.CanvasObject
	for _, t := range editorTools() {
		t := t
		b := widget.NewButton(t.label(), func() { e.setTool(t) })
		e.toolBtns[t] = b
		toolGrid = append(toolGrid, b)
	}
	var sw []widgets.Swatch
	for _, c := range capture.Palette() {
		sw = append(sw, widgets.Swatch{Name: c.Name, Color: c.RGBA})
	}
	e.swatches = widgets.NewSwatches(sw, e.onColour)
	e.undo = widget.NewButtonWithIcon("Annuler", theme.ContentUndoIcon(), e.onUndo)
	e.redo = widget.NewButtonWithIcon("Rétablir", theme.ContentRedoIcon(), e.onRedo)
	e.cropLabel = wrapped("")
	e.cropClear = widget.NewButton("Retirer le recadrage", e.onClearCrop)
	e.marks = container.NewVBox()
	e.notes = container.NewVBox()
	e.noteText = widget.NewEntry()
	e.noteText.SetPlaceHolder("Texte de l'annotation choisie")
	e.noteText.OnChanged = e.onNoteText
	e.caption = widget.NewEntry()
	e.caption.SetPlaceHolder("Légende : ce que montre la capture")
	e.message = wrapped("")
	e.message.Importance = widget.DangerImportance
	e.message.Hide()
	e.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), e.onCancel)
	e.keep = widget.NewCheck("Garder aussi l'original", nil)
	if e.replaced == nil {
		e.keep.Hide()
	} else {
		e.caption.SetText(e.replaced.Caption)
	}

	help := wrapped("Tracez avec la souris. «\u00a0Masquer\u00a0» remplace définitivement la zone par du noir " +
		"(l'image non masquée n'est jamais enregistrée) ; «\u00a0Choisir\u00a0» sélectionne une annotation pour " +
		"la déplacer, l'étirer par ses poignées, la modifier ou la supprimer (touche Suppr). Ctrl+Z annule, Ctrl+Maj+Z rétablit.")
	help.Importance = widget.LowImportance
	side := container.NewVBox(bold("Outil"), container.NewGridWithColumns(2, toolGrid...),
		bold("Couleur"), e.swatches, help, container.NewGridWithColumns(2, e.undo, e.redo), widget.NewSeparator(),
		bold("Annotations"), e.noteText, e.notes, widget.NewSeparator(),
		bold("Masques"), e.marks, widget.NewSeparator(),
		bold("Recadrage"), e.cropLabel, e.cropClear)
	bottom := container.NewBorder(nil, nil, widget.NewLabel("Légende"), container.NewHBox(e.keep, e.cancel, e.save), e.caption)
	e.info = widget.NewLabel(e.infoText())
	e.info.Importance = widget.LowImportance
	e.win.SetContent(container.NewBorder(e.info, container.NewVBox(e.message, bottom), nil,
		fixedWidth(container.NewVScroll(side), 320), e.view))
}

// infoText says what is being edited.
func (e *captureEditor) infoText() string {
	size := e.img.Rect.Size()
	if e.pasted {
		return fmt.Sprintf("Image collée de %d × %d pixels pour %s", size.X, size.Y, e.reqID)
	}
	if e.replaced != nil {
		return fmt.Sprintf("Image «\u00a0%s\u00a0» de %d × %d pixels pour %s : l'enregistrement la remplace par l'image annotée",
			e.replaced.Name, size.X, size.Y, e.reqID)
	}
	return fmt.Sprintf("Capture %s de %d × %d pixels pour %s", captureWhere(e.geo), e.geo.W, e.geo.H, e.reqID)
}

// captureWhere words the captured display.
func captureWhere(g capture.Geometry) string {
	if g.Display == capture.AllDisplays {
		return "de tous les écrans"
	}
	return fmt.Sprintf("de l'écran %d", g.Display)
}

// onSave masks, crops and stores the image off the UI goroutine; the PNG
// is encoded into the store through a pipe. An image proof opened again
// is replaced by the result (kept too only when asked and no mask was
// added).
func (e *captureEditor) onSave() {
	if e.saving || e.closed {
		return
	}
	e.saving = true
	e.save.Disable()
	e.cancel.Disable()
	e.message.Hide()
	edit := e.hist.Marks().Edit(redactFill())
	svc := e.p.svc
	name := fmt.Sprintf("capture-%s.png", svc.Now().Local().Format("20060102-150405"))
	if e.pasted {
		name = fmt.Sprintf("collage-%s.png", svc.Now().Local().Format("20060102-150405"))
	}
	opt := dossier.AttachOptions{ProofID: e.proof, Caption: e.caption.Text, Operator: e.p.d.operator()}
	img, geo, reqID := e.img, e.geo, e.reqID
	var replace *capture.Replacement
	if e.replaced != nil {
		replace = &capture.Replacement{Old: *e.replaced, Keep: e.keep.Checked}
		name = annotatedName(e.replaced.Name)
	}
	var ev dossier.Evidence
	var err error
	e.p.d.bg(func() {
		if replace != nil {
			ev, err = capture.StoreReplacing(svc.Context(), svc, *replace, name, img, edit, opt)
			return
		}
		ev, err = capture.Store(svc.Context(), svc, reqID, name, img, geo, edit, opt)
	}, func() {
		e.saving = false
		if err != nil {
			e.save.Enable()
			e.cancel.Enable()
			e.message.SetText(errorText(err))
			e.message.Show()
			return
		}
		e.win.Close()
		e.p.reload()
		e.p.onChanged(ev.ReqID)
		verb := "ajoutée à"
		if replace != nil {
			verb = "enregistrée dans"
		}
		e.p.setNotice(fmt.Sprintf("Image «\u00a0%s\u00a0» %s %s (%s, %s).", ev.Name, verb, ev.ReqID, fr.Size(ev.Size),
			fr.Plural(len(ev.Annotations), "annotation", "annotations")))
	})
}

// onCancel discards the capture.
func (e *captureEditor) onCancel() {
	if e.saving {
		return
	}
	e.win.Close()
}
