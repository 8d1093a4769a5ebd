package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// progressDialog shows a long operation: a bar (bytes done out of the
// total, or indeterminate when the total is unknown) and, when the
// operation can be stopped, an "Annuler" button.
type progressDialog struct {
	label    *widget.Label
	bar      *widget.ProgressBar
	infinite *widget.ProgressBarInfinite
	cancel   *widget.Button
	dialog   dialog.Dialog
}

// newProgressDialog builds the dialog; onCancel nil means no button.
func newProgressDialog(win fyne.Window, title, text string, determinate bool, onCancel func()) *progressDialog {
	d := &progressDialog{label: wrapped(text)}
	box := container.NewVBox(d.label)
	if determinate {
		d.bar = widget.NewProgressBar()
		box.Add(d.bar)
	} else {
		d.infinite = widget.NewProgressBarInfinite()
		box.Add(d.infinite)
	}
	if onCancel != nil {
		d.cancel = widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), func() {
			d.cancel.Disable()
			d.label.SetText("Annulation en cours…")
			onCancel()
		})
		box.Add(container.NewCenter(d.cancel))
	}
	d.dialog = dialog.NewCustomWithoutButtons(title, box, win)
	d.dialog.Resize(fyne.NewSize(520, 0))
	return d
}

func (d *progressDialog) show() { d.dialog.Show() }

// hide closes the dialog and stops the indeterminate bar's animation.
func (d *progressDialog) hide() {
	if d.infinite != nil {
		d.infinite.Stop()
	}
	d.dialog.Hide()
}

// set shows bytes done out of total; it runs on the UI goroutine.
func (d *progressDialog) set(done, total int64) {
	if d.bar == nil {
		return
	}
	if total > 0 {
		d.bar.SetValue(float64(done) / float64(total))
	} else {
		d.bar.SetValue(1)
	}
	if d.cancel == nil || d.cancel.Disabled() {
		return
	}
	d.label.SetText(fr.Size(done) + " / " + fr.Size(total))
}

// throttled adapts a progress dialog to a dossier.Progress called from a
// worker goroutine: the bar moves by thousandths, each step handed to the
// UI goroutine with fyne.Do.
func (d *progressDialog) throttled() dossier.Progress {
	last := int64(-1)
	return func(done, total int64) {
		step := int64(1000)
		if total > 0 {
			step = done * 1000 / total
		}
		if step == last {
			return
		}
		last = step
		fyne.Do(func() { d.set(done, total) })
	}
}
