package ui

import (
	"fmt"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// Editor modes: what a rectangle drawn on the capture does.
const (
	modeRedact = "Masquer"
	modeCrop   = "Recadrer"
)

// redactFill is the colour of masks, in the preview and in the stored
// image alike.
func redactFill() color.RGBA { return color.RGBA{A: 0xff} }

// captureEditor is the preview window of a capture: the user crops it,
// masks what must not be stored, adds a caption, then saves it as a PNG
// attached to the requirement, or discards it. Only the edited image is
// stored; the capture as taken stays in this window's memory and goes
// with it.
type captureEditor struct {
	p     *evidencePanel
	win   fyne.Window
	reqID string
	proof string
	img   *image.RGBA
	geo   capture.Geometry

	redactions []image.Rectangle
	crop       *image.Rectangle

	view      *redactCanvas
	mode      *widget.RadioGroup
	marks     *fyne.Container
	cropLabel *widget.Label
	cropClear *widget.Button
	undo      *widget.Button
	caption   *widget.Entry
	message   *widget.Label
	save      *widget.Button
	cancel    *widget.Button
	saving    bool
	closed    bool
}

// openEditor shows a capture in a new editor window.
func (p *evidencePanel) openEditor(reqID string, img *image.RGBA, geo capture.Geometry) {
	if p.editor != nil {
		p.editor.win.Close()
	}
	e := &captureEditor{p: p, reqID: reqID, proof: p.proofID(), img: img, geo: geo}
	e.win = p.d.app.NewWindow("Aperçu de la capture — " + reqID)
	e.view = newRedactCanvas(img, e.onRect, e.boxes)
	e.mode = widget.NewRadioGroup([]string{modeRedact, modeCrop}, func(string) {})
	e.mode.Horizontal = true
	e.mode.Required = true
	e.mode.SetSelected(modeRedact)
	e.undo = widget.NewButtonWithIcon("Annuler le dernier masque", theme.ContentUndoIcon(), e.onUndo)
	e.cropLabel = wrapped("")
	e.cropClear = widget.NewButton("Retirer le recadrage", e.onClearCrop)
	e.marks = container.NewVBox()
	e.caption = widget.NewEntry()
	e.caption.SetPlaceHolder("Légende : ce que montre la capture")
	e.message = wrapped("")
	e.message.Importance = widget.DangerImportance
	e.message.Hide()
	e.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), e.onCancel)

	help := wrapped("Tracez un rectangle avec la souris. «\u00a0Masquer\u00a0» remplace définitivement la zone par du noir " +
		"(l'image non masquée n'est jamais enregistrée) ; «\u00a0Recadrer\u00a0» ne garde que la zone tracée.")
	help.Importance = widget.LowImportance
	side := container.NewVBox(bold("Outil"), e.mode, help, widget.NewSeparator(),
		bold("Masques"), e.marks, e.undo, widget.NewSeparator(),
		bold("Recadrage"), e.cropLabel, e.cropClear)
	bottom := container.NewBorder(nil, nil, widget.NewLabel("Légende"), container.NewHBox(e.cancel, e.save), e.caption)
	info := widget.NewLabel(fmt.Sprintf("Capture %s de %d × %d pixels pour %s", captureWhere(geo), geo.W, geo.H, reqID))
	info.Importance = widget.LowImportance
	e.win.SetContent(container.NewBorder(info, container.NewVBox(e.message, bottom), nil,
		fixedWidth(container.NewVScroll(side), 290), e.view))
	e.win.Canvas().AddShortcut(ctrl(fyne.KeyZ), func(fyne.Shortcut) { e.onUndo() })
	e.win.Canvas().AddShortcut(ctrl(fyne.KeyS), func(fyne.Shortcut) { e.onSave() })
	e.win.SetOnClosed(func() {
		e.closed = true
		if p.editor == e {
			p.editor = nil
		}
	})
	e.win.Resize(fyne.NewSize(1200, 780))
	e.refreshMarks()
	p.editor = e
	e.win.Show()
}

// captureWhere words the captured display.
func captureWhere(g capture.Geometry) string {
	if g.Display == capture.AllDisplays {
		return "de tous les écrans"
	}
	return fmt.Sprintf("de l'écran %d", g.Display)
}

// boxes is what the canvas draws over the image.
func (e *captureEditor) boxes() ([]image.Rectangle, *image.Rectangle, bool) {
	return e.redactions, e.crop, e.mode != nil && e.mode.Selected == modeCrop
}

// onRect takes a rectangle drawn on the image (image coordinates).
func (e *captureEditor) onRect(r image.Rectangle) {
	if e.saving {
		return
	}
	if e.mode.Selected == modeCrop {
		e.crop = &r
	} else {
		e.redactions = append(e.redactions, r)
	}
	e.refreshMarks()
}

func (e *captureEditor) onUndo() {
	if len(e.redactions) == 0 || e.saving {
		return
	}
	e.redactions = e.redactions[:len(e.redactions)-1]
	e.refreshMarks()
}

func (e *captureEditor) removeMark(i int) {
	if i < 0 || i >= len(e.redactions) || e.saving {
		return
	}
	e.redactions = append(e.redactions[:i:i], e.redactions[i+1:]...)
	e.refreshMarks()
}

func (e *captureEditor) onClearCrop() {
	e.crop = nil
	e.refreshMarks()
}

// refreshMarks lists the masks and the crop, and redraws the canvas.
func (e *captureEditor) refreshMarks() {
	e.marks.RemoveAll()
	if len(e.redactions) == 0 {
		none := widget.NewLabel("Aucun masque")
		none.Importance = widget.LowImportance
		e.marks.Add(none)
	}
	for i, r := range e.redactions {
		i := i
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeMark(i) })
		e.marks.Add(container.NewBorder(nil, nil, nil, rm,
			widget.NewLabel(fmt.Sprintf("Masque %d : %d × %d à (%d, %d)", i+1, r.Dx(), r.Dy(), r.Min.X, r.Min.Y))))
	}
	if len(e.redactions) == 0 {
		e.undo.Disable()
	} else {
		e.undo.Enable()
	}
	if e.crop == nil {
		e.cropLabel.SetText(fmt.Sprintf("Aucun : l'image entière (%d × %d) sera enregistrée.", e.img.Rect.Dx(), e.img.Rect.Dy()))
		e.cropClear.Disable()
	} else {
		c := *e.crop
		e.cropLabel.SetText(fmt.Sprintf("Zone gardée : %d × %d à (%d, %d).", c.Dx(), c.Dy(), c.Min.X, c.Min.Y))
		e.cropClear.Enable()
	}
	e.view.Refresh()
}

// onSave masks, crops and stores the capture off the UI goroutine; the
// PNG is encoded into the store through a pipe.
func (e *captureEditor) onSave() {
	if e.saving || e.closed {
		return
	}
	e.saving = true
	e.save.Disable()
	e.cancel.Disable()
	e.message.Hide()
	edit := capture.Edit{Crop: e.crop, Redactions: append([]image.Rectangle(nil), e.redactions...), Fill: redactFill()}
	svc := e.p.svc
	name := fmt.Sprintf("capture-%s.png", svc.Now().Local().Format("20060102-150405"))
	opt := dossier.AttachOptions{ProofID: e.proof, Caption: e.caption.Text, Operator: e.p.d.operator()}
	img, geo, reqID := e.img, e.geo, e.reqID
	var ev dossier.Evidence
	var err error
	e.p.d.bg(func() {
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
		e.p.onChanged(reqID)
		e.p.setNotice(fmt.Sprintf("Capture «\u00a0%s\u00a0» ajoutée à %s (%s).", ev.Name, reqID, fr.Size(ev.Size)))
	})
}

// onCancel discards the capture.
func (e *captureEditor) onCancel() {
	if e.saving {
		return
	}
	e.win.Close()
}
