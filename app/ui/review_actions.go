package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// operator is who this workstation records as acting.
func (v *mainView) operator() string {
	if v.evidence != nil && v.evidence.d.operator != nil {
		return v.evidence.d.operator()
	}
	return ""
}

// review records the operator's decision on a requirement and refreshes
// the counts.
func (v *mainView) review(id string, d dossier.SignoffDecision, comment string) (dossier.Row, error) {
	v.detail.flush()
	if _, err := v.svc.Review(id, d, comment, v.operator()); err != nil {
		return dossier.Row{}, err
	}
	v.refresh()
	return v.svc.Row(id)
}

// resubmit sends a requirement sent back "à corriger" for review again,
// choosing its status again.
func (v *mainView) resubmit(id string, st dossier.Status) (dossier.Row, error) {
	v.detail.flush()
	return v.applyChange(id, dossier.StateChange{Status: &st})
}

// signoffDialog edits the dossier's review rules.
type signoffDialog struct {
	required, allowSelf *widget.Check
	dlg                 *dialog.ConfirmDialog
}

// onSignoffRules opens "Relecture…": whether the final export needs every
// exigence validated, and whether a proofs' author may validate them.
func (v *mainView) onSignoffRules() {
	rules := v.svc.Info().SignoffRules()
	d := &signoffDialog{}
	d.required = widget.NewCheck("Exiger la validation de chaque exigence par un relecteur avant l'export définitif", nil)
	d.allowSelf = widget.NewCheck("Autoriser l'auteur des preuves à valider lui-même (chaque auto-validation est notée)", nil)
	d.required.SetChecked(rules.Required)
	d.allowSelf.SetChecked(rules.AllowSelf)
	hint := wrapped("Une validation vaut pour les preuves relues : ajouter, retirer ou remplacer une preuve remet l'exigence «\u00a0à valider\u00a0». " +
		"Décochez la première case pour une équipe d'une seule personne.")
	hint.Importance = widget.LowImportance
	d.dlg = dialog.NewCustomConfirm("Relecture", "Enregistrer", "Annuler", container.NewVBox(d.required, d.allowSelf, hint), func(ok bool) {
		if !ok {
			return
		}
		if err := v.svc.SetSignoffRules(dossier.SignoffSettings{Required: d.required.Checked, AllowSelf: d.allowSelf.Checked}); err != nil {
			showError(v.win, "Règles de relecture non enregistrées", err)
			return
		}
		v.refresh()
		if r, err := v.svc.Row(v.current); err == nil && v.current != "" {
			v.detail.update(r)
		}
	}, v.win)
	d.dlg.Resize(fyne.NewSize(560, 0))
	d.dlg.Show()
	v.signoffDlg = d
}
