package ui

import (
	"fmt"
	"image"
	"log"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
)

// settleDelay lets the windows disappear from the screen (the X server
// and compositor redraw what they covered) before the capture.
const settleDelay = 400 * time.Millisecond

// captureDelays are the delays offered, in seconds.
func captureDelays() []string { return []string{"0 s", "3 s", "5 s", "10 s"} }

// allDisplaysLabel starts the choice that captures every display.
const allDisplaysLabel = "Tous les écrans"

// captureDialog chooses the display and the delay of a capture.
type captureDialog struct {
	display   *widget.Select
	delay     *widget.RadioGroup
	displayOf map[string]int
	dlg       *dialog.ConfirmDialog
	// capture starts the capture with the choices made.
	capture func()
}

// countdown is the small window that counts down the delay while the
// main window is hidden.
type countdown struct {
	win       fyne.Window
	label     *widget.Label
	cancelled bool
}

// displayChoices names the displays for a choice ("Écran 0 — 1920 × 1080"),
// with every display together last when withAll and there are several;
// displayOf gives each name's display. With no display it shows the error
// titled title and ok is false.
func (p *evidencePanel) displayChoices(title string, withAll bool) (opts []string, displayOf map[string]int, ok bool) {
	screen := p.d.screen
	n := 0
	if screen != nil {
		n = screen.NumDisplays()
	}
	if n <= 0 {
		showError(p.win, title, capture.ErrNoDisplay)
		return nil, nil, false
	}
	displayOf = map[string]int{}
	var all image.Rectangle
	for i := range n {
		b := screen.Bounds(i)
		all = all.Union(b)
		label := fmt.Sprintf("Écran %d — %d × %d", i, b.Dx(), b.Dy())
		opts = append(opts, label)
		displayOf[label] = i
	}
	if withAll && n > 1 {
		label := fmt.Sprintf("%s — %d × %d", allDisplaysLabel, all.Dx(), all.Dy())
		opts = append(opts, label)
		displayOf[label] = capture.AllDisplays
	}
	return opts, displayOf, true
}

// onCapture asks for the display and delay, then captures.
func (p *evidencePanel) onCapture() {
	if !p.ready() {
		return
	}
	opts, displayOf, ok := p.displayChoices("Capture impossible", true)
	if !ok {
		return
	}
	d := &captureDialog{displayOf: displayOf}
	d.display = widget.NewSelect(opts, nil)
	d.display.SetSelectedIndex(0)
	d.delay = widget.NewRadioGroup(captureDelays(), nil)
	d.delay.Horizontal = true
	d.delay.Required = true
	d.delay.SetSelected(captureDelays()[0])
	reqID := p.row.Req.ID
	d.capture = func() {
		secs, _ := strconv.Atoi(strings.TrimSuffix(d.delay.Selected, " s"))
		p.startCapture(reqID, d.displayOf[d.display.Selected], secs)
	}
	hint := wrapped("La fenêtre de Dossier Ségur se masque pendant la capture, puis revient avec l'aperçu : " +
		"vous pourrez y recadrer l'image et masquer les données sensibles avant de l'enregistrer.")
	hint.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem("Écran", d.display), widget.NewFormItem("Délai", d.delay))
	d.dlg = dialog.NewCustomConfirm("Capture d'écran pour "+reqID, "Capturer", "Annuler",
		container.NewVBox(form, hint), func(ok bool) {
			if ok {
				d.capture()
			}
		}, p.win)
	d.dlg.Resize(fyne.NewSize(520, 0))
	p.capDlg = d
	d.dlg.Show()
}

// startCapture hides the window, counts the delay down in a small window
// of its own, captures, then shows the window again with the editor.
func (p *evidencePanel) startCapture(reqID string, display, seconds int) {
	p.win.Hide()
	if seconds <= 0 {
		p.d.after(settleDelay, func() { p.grab(reqID, display) })
		return
	}
	cd := &countdown{win: p.d.app.NewWindow("Capture d'écran")}
	p.countdown = cd
	cd.label = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	cd.label.SizeName = theme.SizeNameHeadingText
	cancel := widget.NewButton("Annuler la capture", func() {
		cd.cancelled = true
		cd.win.Close()
		p.win.Show()
	})
	cd.win.SetContent(container.NewVBox(cd.label, container.NewCenter(cancel)))
	cd.win.Resize(fyne.NewSize(320, 110))
	var tick func(left int)
	tick = func(left int) {
		if cd.cancelled {
			return
		}
		if left == 0 {
			cd.win.Close()
			p.d.after(settleDelay, func() { p.grab(reqID, display) })
			return
		}
		cd.label.SetText(fmt.Sprintf("Capture dans %d s…", left))
		p.d.after(time.Second, func() { tick(left - 1) })
	}
	cd.win.Show()
	tick(seconds)
}

// grab captures off the UI goroutine, then brings the window back and
// opens the editor.
func (p *evidencePanel) grab(reqID string, display int) {
	p.grabThen(display, "Capture impossible", func(img *image.RGBA, geo capture.Geometry) {
		p.openEditor(reqID, img, geo)
	}, func() {})
}

// grabThen captures display off the UI goroutine, then brings the window
// back and hands the image to done, or tells the error under title and
// calls failed.
func (p *evidencePanel) grabThen(display int, title string, done func(*image.RGBA, capture.Geometry), failed func()) {
	var img *image.RGBA
	var geo capture.Geometry
	var err error
	screen := p.d.screen
	p.d.bg(func() {
		img, geo, err = capture.Grab(screen, display)
	}, func() {
		p.win.Show()
		if err != nil {
			log.Printf("%s: display %d: %v", title, display, err)
			showError(p.win, title, err)
			failed()
			return
		}
		done(img, geo)
	})
}
