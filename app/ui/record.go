package ui

import (
	"image"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/record"
)

// RecordHooks replace the machine's screen for video recording (tests).
type RecordHooks struct {
	// Open opens the screen for recording a region (desktop coordinates).
	Open func(region image.Rectangle) (record.Source, error)
	// Tick paces the frames; closing it ends the recording.
	Tick <-chan time.Time
	// Format is the file format; nil means record.Best.
	Format func() record.Format
}

// recordFPS are the frame rates offered.
func recordFPS() []string { return []string{"5 i/s", "10 i/s", "15 i/s"} }

// videoRecorder is the "Enregistrer une vidéo" flow for one requirement:
// a still of the display on which the user draws the masks and the region
// to record (record_setup.go), then the countdown and the small control
// window while recording (record_control.go), then the trim step before
// the video is stored (record_trim.go).
type videoRecorder struct {
	p       *evidencePanel
	reqID   string
	proof   string
	display capture.Geometry // the whole display chosen
	delay   int
	fps     int

	still  *image.RGBA
	masks  []image.Rectangle // in the still's coordinates
	region *image.Rectangle  // in the still's coordinates; nil: all of it
	setup  *recordSetup

	ctl  *recordControl
	rec  *record.Recording
	trim *recordTrim
	dlg  *dialog.ConfirmDialog
}

// recordShortcut is Ctrl+Maj+R, the recording shortcut.
func recordShortcut() fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// onRecord asks for the display, the delay and the frame rate, then
// takes a still of the display for the user to draw masks on.
func (p *evidencePanel) onRecord() {
	if !p.ready() || p.recorder != nil {
		return
	}
	opts, displayOf, ok := p.displayChoices("Enregistrement impossible", false)
	if !ok {
		return
	}
	display := widget.NewSelect(opts, nil)
	display.SetSelectedIndex(0)
	delay := widget.NewRadioGroup(captureDelays(), nil)
	delay.Horizontal, delay.Required = true, true
	delay.SetSelected(captureDelays()[1])
	fps := widget.NewRadioGroup(recordFPS(), nil)
	fps.Horizontal, fps.Required = true, true
	fps.SetSelected(recordFPS()[1])
	v := &videoRecorder{p: p, reqID: p.row.Req.ID, proof: p.proofID()}
	hint := wrapped("Une image de l'écran s'affiche d'abord : tracez-y les zones à masquer (elles seront noires " +
		"sur chaque image de la vidéo) et, si vous le souhaitez, la zone à enregistrer. La fenêtre de Dossier Ségur " +
		"se masque pendant l'enregistrement ; une petite fenêtre permet de le mettre en pause ou de l'arrêter.")
	hint.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem("Écran", display), widget.NewFormItem("Compte à rebours", delay),
		widget.NewFormItem("Images par seconde", fps))
	v.dlg = dialog.NewCustomConfirm("Enregistrer une vidéo pour "+v.reqID, "Préparer…", "Annuler",
		container.NewVBox(form, hint), func(ok bool) {
			if !ok {
				p.recorder = nil
				return
			}
			v.delay, _ = strconv.Atoi(strings.TrimSuffix(delay.Selected, " s"))
			v.fps, _ = strconv.Atoi(strings.TrimSuffix(fps.Selected, " i/s"))
			v.grabStill(displayOf[display.Selected])
		}, p.win)
	v.dlg.Resize(fyne.NewSize(560, 0))
	p.recorder = v
	v.dlg.Show()
}

// grabStill hides the window, captures the display, and opens the setup.
func (v *videoRecorder) grabStill(display int) {
	p := v.p
	p.win.Hide()
	p.d.after(settleDelay, func() {
		p.grabThen(display, "Enregistrement impossible", func(img *image.RGBA, geo capture.Geometry) {
			v.still, v.display = img, geo
			v.openSetup()
		}, v.end)
	})
}

// area is the region to record in desktop coordinates, with the masks in
// its own coordinates.
func (v *videoRecorder) area() (capture.Geometry, []image.Rectangle) {
	r := image.Rect(0, 0, v.display.W, v.display.H)
	if v.region != nil {
		r = v.region.Canon().Intersect(r)
	}
	geo := capture.Geometry{Display: v.display.Display, X: v.display.X + r.Min.X, Y: v.display.Y + r.Min.Y, W: r.Dx(), H: r.Dy()}
	masks := make([]image.Rectangle, 0, len(v.masks))
	for _, m := range v.masks {
		masks = append(masks, m.Canon().Sub(r.Min))
	}
	return geo, masks
}

// open opens the screen for recording, through the hooks in tests.
func (v *videoRecorder) open(region image.Rectangle) (record.Source, error) {
	if h := v.p.d.record; h != nil && h.Open != nil {
		return h.Open(region)
	}
	return record.OpenScreen(region)
}

// tick is the tests' clock, nil for the real one.
func (v *videoRecorder) tick() <-chan time.Time {
	if h := v.p.d.record; h != nil {
		return h.Tick
	}
	return nil
}

// format is the file format: the best the machine writes.
func (v *videoRecorder) format() record.Format {
	if h := v.p.d.record; h != nil && h.Format != nil {
		return h.Format()
	}
	return record.Best()
}

// dir is where the temporary video is written: beside the dossier.
func (v *videoRecorder) dir() string { return filepath.Dir(v.p.svc.Path()) }

// end forgets the flow, removing any file it left.
func (v *videoRecorder) end() {
	if v.rec != nil && v.trim == nil {
		v.rec.File.Remove()
	}
	if v.p.recorder == v {
		v.p.recorder = nil
	}
}

// abandon ends the flow when the dossier closes: a recording under way is
// stopped and its file removed, the flow's windows closed.
func (v *videoRecorder) abandon() {
	if v.rec != nil {
		v.rec.Stop()
		<-v.rec.Done()
	}
	var wins []fyne.Window
	if v.setup != nil {
		wins = append(wins, v.setup.win)
	}
	if v.ctl != nil {
		v.ctl.stopped = true
		wins = append(wins, v.ctl.win)
	}
	if v.trim != nil {
		wins = append(wins, v.trim.win)
	}
	for _, w := range wins {
		w.Close()
	}
	if v.rec != nil {
		v.rec.File.Remove()
	}
	if v.p.recorder == v {
		v.p.recorder = nil
	}
}
