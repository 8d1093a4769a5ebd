package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Progress is the application's one progress dialog for long work: a
// text, a bar (the fraction done, or an indeterminate bar when the total
// is unknown) and, when the work can stop, "Annuler". Its methods run on
// the UI goroutine.
type Progress struct {
	Label    *widget.Label
	Bar      *widget.ProgressBar // nil for an indeterminate dialog
	infinite *widget.ProgressBarInfinite
	Cancel   *widget.Button // nil when the work cannot stop
	dialog   dialog.Dialog
	phase    string
}

// NewProgress builds the dialog (Show shows it); onCancel nil means no
// "Annuler".
func NewProgress(win fyne.Window, title, text string, determinate bool, onCancel func()) *Progress {
	p := &Progress{Label: widget.NewLabel(text)}
	p.Label.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(p.Label)
	if determinate {
		p.Bar = widget.NewProgressBar()
		box.Add(p.Bar)
	} else {
		p.infinite = widget.NewProgressBarInfinite()
		box.Add(p.infinite)
	}
	if onCancel != nil {
		p.Cancel = widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), func() {
			p.Cancel.Disable()
			p.Label.SetText("Annulation en cours…")
			onCancel()
		})
		box.Add(container.NewCenter(p.Cancel))
	}
	p.dialog = dialog.NewCustomWithoutButtons(title, box, win)
	p.dialog.Resize(fyne.NewSize(520, 0))
	return p
}

// Show shows the dialog.
func (p *Progress) Show() { p.dialog.Show() }

// Hide closes the dialog and stops the indeterminate bar's animation.
func (p *Progress) Hide() {
	if p.infinite != nil {
		p.infinite.Stop()
	}
	p.dialog.Hide()
}

// Cancelled tells whether "Annuler" was pressed.
func (p *Progress) Cancelled() bool { return p.Cancel != nil && p.Cancel.Disabled() }

// SetPhase names the step the work is at ("Écriture du rapport"); the
// text of Set follows it.
func (p *Progress) SetPhase(phase string) {
	p.phase = phase
	if !p.Cancelled() {
		p.Label.SetText(phase + "…")
	}
}

// Set moves the bar to fraction (0 to 1) and shows text after the phase;
// once "Annuler" is pressed the text stays "Annulation en cours…".
func (p *Progress) Set(text string, fraction float64) {
	if p.Bar != nil {
		p.Bar.SetValue(fraction)
	}
	if p.Cancelled() {
		return
	}
	if p.phase != "" {
		text = p.phase + " : " + text
	}
	p.Label.SetText(text)
}
