package ui

import (
	"fmt"
	"image"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/record"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// recordTrim is the step after a recording: the user keeps the part
// between a start and an end, with the frame at each shown, then stores
// it, or discards the recording.
type recordTrim struct {
	v        *videoRecorder
	win      fyne.Window
	frames   int
	from, to *widget.Slider
	label    *widget.Label
	preview  *canvas.Image
	caption  *widget.Entry
	message  *widget.Label
	save     *widget.Button
	discard  *widget.Button
	saving   bool
	saved    bool
	loadSeq  int
	closedUp bool
}

// openTrim shows the trim step for a finished recording.
func (v *videoRecorder) openTrim(st record.Stats) {
	t := &recordTrim{v: v, frames: st.Frames}
	t.win = v.p.d.app.NewWindow("Couper la vidéo — " + v.reqID)
	t.preview = canvas.NewImageFromImage(v.still)
	t.preview.FillMode = canvas.ImageFillContain
	t.preview.SetMinSize(fyne.NewSize(640, 360))
	t.from = widget.NewSlider(0, float64(st.Frames-1))
	t.to = widget.NewSlider(1, float64(st.Frames))
	t.to.Value = float64(st.Frames)
	t.from.OnChanged = func(f float64) { t.onMove(t.from) }
	t.to.OnChanged = func(f float64) { t.onMove(t.to) }
	t.label = widget.NewLabel("")
	t.caption = widget.NewEntry()
	t.caption.SetPlaceHolder("Légende : le scénario que montre la vidéo")
	t.message = wrapped("")
	t.message.Importance = widget.DangerImportance
	t.message.Hide()
	t.save = widget.NewButtonWithIcon("Enregistrer la preuve", theme.DocumentSaveIcon(), t.onSave)
	t.save.Importance = widget.HighImportance
	t.discard = widget.NewButtonWithIcon("Abandonner l'enregistrement", theme.DeleteIcon(), func() { t.win.Close() })
	info := widget.NewLabel(fmt.Sprintf("%s en %s, %s — %s × %s pixels, %d images par seconde",
		fr.Plural(st.Frames, "image", "images"), secondsText(st.Elapsed.Seconds()), fr.Size(st.Bytes),
		strconv.Itoa(v.rec.Geometry.W), strconv.Itoa(v.rec.Geometry.H), v.rec.FPS))
	info.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem("Début", t.from), widget.NewFormItem("Fin", t.to),
		widget.NewFormItem("Légende", t.caption))
	t.win.SetContent(container.NewBorder(info,
		container.NewVBox(t.label, form, t.message, container.NewHBox(t.discard, t.save)), nil, nil, t.preview))
	t.win.SetOnClosed(func() {
		t.closedUp = true
		if !t.saved {
			v.rec.File.Remove()
		}
		v.trim = nil
		v.end()
	})
	t.win.Resize(fyne.NewSize(900, 700))
	v.trim = t
	t.refresh()
	t.load(0)
	t.win.Show()
}

// onMove keeps the start before the end and shows the frame at the cursor
// moved.
func (t *recordTrim) onMove(moved *widget.Slider) {
	if t.from.Value >= t.to.Value {
		if moved == t.from {
			t.to.Value = t.from.Value + 1
			t.to.Refresh()
		} else {
			t.from.Value = t.to.Value - 1
			t.from.Refresh()
		}
	}
	t.refresh()
	frame := int(moved.Value)
	if moved == t.to {
		frame--
	}
	t.load(frame)
}

// refresh words the part kept.
func (t *recordTrim) refresh() {
	fps := float64(t.v.rec.FPS)
	from, to := int(t.from.Value), int(t.to.Value)
	t.label.SetText(fmt.Sprintf("Partie gardée : de %s à %s (%s sur %s).", secondsText(float64(from)/fps),
		secondsText(float64(to)/fps), secondsText(float64(to-from)/fps), secondsText(float64(t.frames)/fps)))
}

// load shows frame i, read off the UI goroutine from the file (the last
// request wins).
func (t *recordTrim) load(i int) {
	t.loadSeq++
	seq := t.loadSeq
	path := t.v.rec.File.Path
	at := time.Duration(float64(i) / float64(t.v.rec.FPS) * float64(time.Second))
	var img image.Image
	t.v.p.d.bg(func() {
		f, err := os.Open(path)
		if err != nil {
			return
		}
		defer f.Close()
		if frame, err := thumb.VideoFrame(f, at, 960, 540); err == nil {
			img = frame
		} else {
			log.Printf("trim preview at %v: %v", at, err)
		}
	}, func() {
		if seq != t.loadSeq || img == nil || t.closedUp {
			return
		}
		t.preview.Image = img
		t.preview.Refresh()
	})
}

// onSave cuts the recording and stores it, off the UI goroutine.
func (t *recordTrim) onSave() {
	if t.saving {
		return
	}
	t.saving = true
	t.save.Disable()
	t.discard.Disable()
	t.message.Hide()
	v := t.v
	svc, rec := v.p.svc, v.rec
	from, to, frames := int(t.from.Value), int(t.to.Value), t.frames
	name := record.Name(svc.Now().Local().Format("20060102-150405"), rec.File.Format)
	opt := dossier.AttachOptions{ProofID: v.proof, Caption: t.caption.Text, Operator: v.p.d.operator()}
	var ev dossier.Evidence
	var err error
	v.p.d.bg(func() {
		var cut *record.File
		cut, err = record.Trim(svc.Context(), rec.File, rec.FPS, frames, from, to)
		if err != nil {
			return
		}
		ev, err = rec.Store(svc.Context(), svc, cut, v.reqID, name, opt, nil)
		if cut != rec.File {
			cut.Remove()
		}
	}, func() {
		t.saving = false
		if err != nil {
			t.save.Enable()
			t.discard.Enable()
			t.message.SetText(errorText(err))
			t.message.Show()
			return
		}
		t.saved = true
		rec.File.Remove()
		t.win.Close()
		v.p.reload()
		v.p.onChanged(v.reqID)
		v.p.setNotice(fmt.Sprintf("Vidéo «\u00a0%s\u00a0» ajoutée à %s (%s).", ev.Name, v.reqID, fr.Size(ev.Size)))
	})
}

// secondsText is s seconds with one decimal, French style: "12,5 s".
func secondsText(s float64) string {
	return strings.Replace(strconv.FormatFloat(s, 'f', 1, 64), ".", ",", 1) + " s"
}
