package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// catalogueFacts are the parts of the detail that depend on where the
// catalogue comes from: whether the text is the official statement or a
// paraphrase, the "à revoir" flag a catalogue change sets, and the proof
// numbers an imported REM expects.
type catalogueFacts struct {
	heading   *widget.Label
	review    *fyne.Container
	reviewMsg *widget.Label
	reviewed  *widget.Button
	slotsHead *widget.Label
	slots     *widget.Label
}

// newCatalogueFacts builds the widgets; onReviewed clears the flag.
func newCatalogueFacts(onReviewed func()) catalogueFacts {
	f := catalogueFacts{heading: bold("Énoncé"), slotsHead: bold("Preuves attendues (numéros du REM)"), slots: wrapped("")}
	f.heading.Wrapping = fyne.TextWrapWord
	f.reviewMsg = wrapped("À revoir : cette exigence a changé avec le nouveau catalogue (énoncé, profils, nature ou section). " +
		"Relisez l'énoncé et vérifiez le statut et les preuves reportés.")
	f.reviewMsg.Importance = widget.WarningImportance
	f.reviewMsg.TextStyle = fyne.TextStyle{Bold: true}
	f.reviewed = widget.NewButtonWithIcon("Revue faite", theme.ConfirmIcon(), onReviewed)
	f.review = container.NewBorder(nil, nil, nil, container.NewCenter(f.reviewed), f.reviewMsg)
	f.review.Hide()
	return f
}

// show fills the facts of a requirement shown in the detail.
func (f *catalogueFacts) show(r dossier.Row) {
	heading := "Résumé (paraphrase)"
	if r.Req.Statement != "" {
		heading = "Énoncé officiel (REM importé)"
	}
	f.heading.Importance = widget.MediumImportance
	if r.Req.NonFinal != "" {
		heading += " — non définitive : statut « " + r.Req.NonFinal + " » dans le REM, l'énoncé peut encore changer"
		f.heading.Importance = widget.WarningImportance
	}
	if r.Req.NoProfile {
		heading += " — sans profil dans le REM (« --- ») : s'applique quels que soient les profils"
		f.heading.Importance = widget.WarningImportance
	}
	f.heading.SetText(heading)
	text := slotsText(r.Req)
	f.slots.SetText(text)
	if text == "" {
		f.slotsHead.Hide()
		f.slots.Hide()
	} else {
		f.slotsHead.Show()
		f.slots.Show()
	}
}

// update follows the stored state: the flag goes once the state changes.
func (f *catalogueFacts) update(r dossier.Row) {
	if r.State.Review {
		f.review.Show()
	} else {
		f.review.Hide()
	}
}

// slotsText lists the scenarios and their numbered proofs, "" when the
// catalogue defines none.
func slotsText(req *dossier.Requirement) string {
	var b strings.Builder
	for _, sc := range req.Scenarios {
		if len(sc.Proofs) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Scénario " + sc.ID)
		if sc.Text != "" {
			b.WriteString(" : " + sc.Text)
		}
		for _, p := range sc.Proofs {
			b.WriteString("\n  • n° " + p.ID)
			if p.Text != "" {
				b.WriteString(" — " + p.Text)
			}
		}
	}
	return b.String()
}

// onReviewed clears the "à revoir" flag: storing the state unchanged is
// reviewing it (Service.UpdateState).
func (v *detailView) onReviewed() {
	if !v.shown {
		return
	}
	v.flush()
	r, err := v.onChange(v.row.Req.ID, dossier.StateChange{})
	if err != nil {
		v.fail(errorText(err))
		return
	}
	v.update(r)
	v.saved.SetText("Revue enregistrée.")
}
