package ui

import (
	"fmt"

	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// allSignoffs is the "everything" choice of the review filter.
const allSignoffs = "Toutes (relecture)"

// newSignoffFilter is the list's review filter: every requirement, or
// those à valider, à corriger or validées.
func newSignoffFilter(changed func(string)) *widget.Select {
	opts := []string{allSignoffs}
	for _, st := range dossier.SignoffStates {
		opts = append(opts, st.Label())
	}
	sel := widget.NewSelect(opts, changed)
	sel.SetSelectedIndex(0)
	return sel
}

// signoffFilterState is the review state a filter choice stands for ("" for
// every requirement).
func signoffFilterState(label string) dossier.SignoffState {
	for _, st := range dossier.SignoffStates {
		if st.Label() == label {
			return st
		}
	}
	return dossier.SignoffNone
}

// signoffImportance colours a row's marker by its review: validated in
// green, to validate in orange; ok is false when the row has no review.
func signoffImportance(r dossier.Row) (widget.Importance, bool) {
	switch r.Signoff.State {
	case dossier.SignoffValidated:
		return widget.SuccessImportance, true
	case dossier.SignoffPending:
		return widget.WarningImportance, true
	}
	return 0, false
}

// setSignoffLine shows the dashboard's review counts, or hides the line
// when the dossier asks no review.
func setSignoffLine(l *widget.Label, c dossier.SignoffCounts) {
	if !c.Required {
		l.Hide()
		return
	}
	// No "Relecture :" before: the column is narrow, the words say it.
	l.SetText(fmt.Sprintf("%s · %d à valider · %d à corriger", fr.Plural(c.Validated, "validée", "validées"), c.Pending, c.ToCorrect))
	switch {
	case c.ToCorrect > 0:
		l.Importance = widget.DangerImportance
	case c.Pending > 0:
		l.Importance = widget.WarningImportance
	default:
		l.Importance = widget.SuccessImportance
	}
	l.Refresh()
	l.Show()
}
