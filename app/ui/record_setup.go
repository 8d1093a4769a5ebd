package ui

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/fr"
)

// Setup modes: what a rectangle drawn on the still does.
const (
	modeMask   = "Masquer"
	modeRegion = "Zone enregistrée"
)

// recordSetup is the window where the user draws, on a still of the
// display, the fixed masks and the region of a recording, then starts it.
type recordSetup struct {
	v       *videoRecorder
	win     fyne.Window
	view    *redactCanvas
	mode    *widget.RadioGroup
	summary *widget.Label
	undo    *widget.Button
	start   *widget.Button
	started bool
}

// openSetup shows the still with the drawing tools.
func (v *videoRecorder) openSetup() {
	s := &recordSetup{v: v}
	s.win = v.p.d.app.NewWindow("Préparer l'enregistrement — " + v.reqID)
	s.view = newRedactCanvas(v.still, s.win.Canvas(), func() canvasMarks {
		return canvasMarks{masks: v.masks, crop: v.region, selected: -1, live: liveBox,
			tint: theme.Color(theme.ColorNamePrimary), frame: s.mode != nil && s.mode.Selected == modeRegion}
	}, func(image.Point) {}, func(from, to image.Point, done bool) {
		if r := (image.Rectangle{Min: from, Max: to}).Canon(); done && r.Dx() >= minDrawn && r.Dy() >= minDrawn {
			s.onRect(r)
		}
	})
	s.mode = widget.NewRadioGroup([]string{modeMask, modeRegion}, func(string) {})
	s.mode.Horizontal, s.mode.Required = true, true
	s.mode.SetSelected(modeMask)
	s.summary = wrapped("")
	s.undo = widget.NewButtonWithIcon("Annuler le dernier masque", theme.ContentUndoIcon(), s.onUndo)
	whole := widget.NewButton("Tout l'écran", func() { v.region = nil; s.refresh() })
	s.start = widget.NewButtonWithIcon("Démarrer l'enregistrement", theme.MediaRecordIcon(), s.onStart)
	s.start.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), func() { s.win.Close() })
	help := wrapped("Tracez un rectangle avec la souris. «\u00a0Masquer\u00a0» peint la zone en noir sur chaque image " +
		"avant l'encodage : son contenu n'atteint jamais le fichier. «\u00a0Zone enregistrée\u00a0» limite la vidéo à la zone tracée.")
	help.Importance = widget.LowImportance
	side := container.NewVBox(bold("Outil"), s.mode, help, widget.NewSeparator(), s.summary, s.undo, whole)
	s.win.SetContent(container.NewBorder(nil, container.NewHBox(cancel, s.start), nil,
		fixedWidth(container.NewVScroll(side), 290), s.view))
	s.win.SetOnClosed(func() {
		if !s.started {
			v.end()
		}
	})
	s.win.Resize(fyne.NewSize(1200, 780))
	v.setup = s
	s.refresh()
	s.win.Show()
}

func (s *recordSetup) onRect(r image.Rectangle) {
	if s.mode.Selected == modeRegion {
		s.v.region = &r
	} else {
		s.v.masks = append(s.v.masks, r)
	}
	s.refresh()
}

func (s *recordSetup) onUndo() {
	if n := len(s.v.masks); n > 0 {
		s.v.masks = s.v.masks[:n-1]
		s.refresh()
	}
}

// refresh says what will be recorded and redraws the still.
func (s *recordSetup) refresh() {
	geo, _ := s.v.area()
	s.summary.SetText(fmt.Sprintf("Zone enregistrée : %d × %d à (%d, %d).\n%s.", geo.W, geo.H, geo.X, geo.Y,
		fr.Plural(len(s.v.masks), "masque", "masques")))
	if len(s.v.masks) == 0 {
		s.undo.Disable()
	} else {
		s.undo.Enable()
	}
	if geo.W < 16 || geo.H < 16 {
		s.start.Disable()
	} else {
		s.start.Enable()
	}
	s.view.marksChanged()
}

func (s *recordSetup) onStart() {
	s.started = true
	s.win.Close()
	s.v.startCountdown()
}
