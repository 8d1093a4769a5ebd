package ui

import (
	"fyne.io/fyne/v2"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// showBytes shows bytes done out of total on p; it runs on the UI
// goroutine.
func showBytes(p *widgets.Progress, done, total int64) {
	fraction := 1.0
	if total > 0 {
		fraction = float64(done) / float64(total)
	}
	p.Set(fr.Size(done)+" sur "+fr.Size(total), fraction)
}

// throttled adapts a progress dialog to a dossier.Progress called from a
// worker goroutine: the bar moves by thousandths, each step handed to the
// UI goroutine with fyne.Do.
func throttled(p *widgets.Progress) dossier.Progress {
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
		fyne.Do(func() { showBytes(p, done, total) })
	}
}
