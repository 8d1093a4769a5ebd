package ui

import (
	"fmt"
	"log"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/record"
)

// controlTitle names the control window (the window manager is asked to
// keep it above the others; the recording paints it black).
const controlTitle = "Enregistrement vidéo"

// statusEvery is how often the control window updates its figures.
const statusEvery = 500 * time.Millisecond

// recordControl is the small window shown while recording: elapsed time
// and size, pause/resume, stop (also by the global shortcut).
type recordControl struct {
	v       *videoRecorder
	win     fyne.Window
	status  *widget.Label
	pause   *widget.Button
	stop    *widget.Button
	unkey   func()
	ticker  *time.Ticker
	stopped bool
}

// startCountdown hides the main window, shows the control window, counts
// the delay down, then starts recording.
func (v *videoRecorder) startCountdown() {
	p := v.p
	c := &recordControl{v: v}
	c.win = p.d.app.NewWindow(controlTitle)
	c.status = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.pause = widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), c.onPause)
	stopText := "Arrêter"
	if record.StopKey != "" {
		stopText += " (" + record.StopKey + ")"
	}
	c.stop = widget.NewButtonWithIcon(stopText, theme.MediaStopIcon(), c.onStop)
	c.stop.Importance = widget.DangerImportance
	c.pause.Disable()
	c.win.SetContent(container.NewVBox(c.status, container.NewCenter(container.NewHBox(c.pause, c.stop))))
	c.win.Resize(fyne.NewSize(380, 90))
	c.win.SetOnClosed(func() {
		if !c.stopped {
			c.onStop()
		}
	})
	v.ctl = c
	p.win.Hide()
	c.win.Show()
	record.KeepAbove(controlTitle)
	var tick func(left int)
	tick = func(left int) {
		if c.stopped {
			return
		}
		if left <= 0 {
			c.status.SetText("Démarrage…")
			p.d.after(settleDelay, v.begin)
			return
		}
		c.status.SetText(fmt.Sprintf("Enregistrement dans %d s…", left))
		p.d.after(time.Second, func() { tick(left - 1) })
	}
	tick(v.delay)
}

// begin starts the recording proper.
func (v *videoRecorder) begin() {
	c := v.ctl
	if c.stopped {
		v.finishStop()
		return
	}
	geo, masks := v.area()
	src, err := v.open(geo.Rect())
	if err == nil {
		v.rec, err = record.Begin(src, record.Setup{Dir: v.dir(), Format: v.format(), Geometry: geo,
			Options: record.Options{FPS: v.fps, Masks: masks, Tick: v.tick()}})
		if err != nil {
			src.Close()
		}
	}
	if err != nil {
		c.stopped = true
		c.win.Close()
		v.p.win.Show()
		showError(v.p.win, "Enregistrement impossible", err)
		v.end()
		return
	}
	c.pause.Enable()
	if record.StopKey != "" {
		if unkey, err := record.GlobalKey(func() { fyne.Do(c.onStop) }); err == nil {
			c.unkey = unkey
		} else {
			log.Printf("global shortcut %s: %v", record.StopKey, err)
		}
	}
	if v.tick() == nil { // the real clock: show the figures as they grow
		c.ticker = time.NewTicker(statusEvery)
		go func(t *time.Ticker, done <-chan struct{}) {
			for {
				select {
				case <-t.C:
					fyne.Do(c.showStatus)
				case <-done:
					return
				}
			}
		}(c.ticker, v.rec.Done())
	}
	c.showStatus()
	rec := v.rec
	// The recording ends by Stop, or by itself on an error (a display
	// gone, a full disk): either way, what follows is on the UI goroutine.
	v.p.d.bg(func() { <-rec.Done() }, v.finishStop)
}

// showStatus writes the elapsed time and the size.
func (c *recordControl) showStatus() {
	if c.v.rec == nil || c.stopped { // "Finalisation…" stays
		return
	}
	st := c.v.rec.Stats()
	state := "● Enregistrement"
	if st.Paused {
		state = "❚❚ En pause"
	}
	s := int(st.Elapsed.Seconds())
	c.status.SetText(fmt.Sprintf("%s — %02d:%02d — %s", state, s/60, s%60, fr.Size(st.Bytes)))
}

func (c *recordControl) onPause() {
	r := c.v.rec
	if r == nil || c.stopped {
		return
	}
	if r.Stats().Paused {
		r.Resume()
		c.pause.SetText("Pause")
		c.pause.SetIcon(theme.MediaPauseIcon())
	} else {
		r.Pause()
		c.pause.SetText("Reprendre")
		c.pause.SetIcon(theme.MediaPlayIcon())
	}
	c.showStatus()
}

// onStop stops the recording (or the countdown).
func (c *recordControl) onStop() {
	if c.stopped {
		return
	}
	c.stopped = true
	c.pause.Disable()
	c.stop.Disable()
	c.status.SetText("Finalisation de la vidéo…")
	if c.v.rec != nil {
		c.v.rec.Stop()
	}
}

// finishStop runs once the recording has ended: the main window comes
// back with the trim step, or with the error that ended the recording.
func (v *videoRecorder) finishStop() {
	c := v.ctl
	c.stopped = true
	if c.unkey != nil {
		c.unkey()
	}
	if c.ticker != nil {
		c.ticker.Stop()
	}
	c.win.Close()
	v.p.win.Show()
	if v.rec == nil { // stopped during the countdown
		v.end()
		return
	}
	st, err := v.rec.Finish()
	if err != nil {
		log.Printf("recording into %s: %v", filepath.Base(v.rec.File.Path), err)
		showError(v.p.win, "Enregistrement interrompu", err)
		v.rec = nil
		v.end()
		return
	}
	v.openTrim(st)
}
