package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// lifeRows are the dashboard's lines about the dossier's life after the
// first export: the college's decision with its countdown, the open ANS
// requests (a link that keeps only their requirements in the list) and
// the deposit counts. Nothing is shown before the first deposit, request
// or decision.
func lifeRows(d dossier.Dashboard, onOpenRequests func()) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	t, ds := d.Tracking, d.Decision
	if ds.Decision != nil {
		l := widget.NewLabel(ds.Line())
		l.Wrapping = fyne.TextWrapWord
		if ds.Pending {
			l.Importance = widget.WarningImportance
			if ds.DaysLeft < 0 {
				l.Importance = widget.DangerImportance
			}
		}
		out = append(out, l)
	}
	if t.OpenRequests > 0 {
		link := widget.NewHyperlink(fmt.Sprintf("%s de l'ANS (%s)", fr.Plural(t.OpenRequests, "demande ouverte", "demandes ouvertes"),
			fr.Plural(t.Flagged, "exigence", "exigences")), nil)
		link.OnTapped = onOpenRequests
		n := widget.NewLabel("")
		if t.Overdue > 0 {
			n.SetText(fmt.Sprintf("%d en retard", t.Overdue))
			n.Importance = widget.DangerImportance
		}
		out = append(out, container.NewBorder(nil, nil, nil, n, link))
	}
	if t.Rounds > 0 {
		l := widget.NewLabel(fmt.Sprintf("%s : %d déposées, %d modifiées depuis le dépôt, %d jamais déposées",
			fr.Plural(t.Rounds, "dépôt", "dépôts"), t.Deposited, t.Changed, t.Never))
		l.Wrapping = fyne.TextWrapWord
		if t.Changed > 0 {
			l.Importance = widget.WarningImportance
		}
		out = append(out, l)
	}
	if t.Referenced > 0 {
		out = append(out, widget.NewLabel(fmt.Sprintf("Déjà référencées : %d", t.Referenced)))
	}
	return out
}

// setLife fills the dashboard's "Dépôts et demandes" block.
func (v *dashboardView) setLife(d dossier.Dashboard) {
	if v.life == nil {
		return
	}
	v.life.RemoveAll()
	rows := lifeRows(d, v.onOpenRequests)
	if len(rows) == 0 {
		v.life.Hide()
		return
	}
	v.life.Add(bold("Dépôts et demandes de l'ANS"))
	for _, r := range rows {
		v.life.Add(r)
	}
	v.life.Show()
}

// showOpenRequests keeps only the requirements with an open ANS request
// in the list.
func (v *mainView) showOpenRequests() {
	if !v.list.openRequests.Checked {
		v.list.openRequests.SetChecked(true)
	}
}
