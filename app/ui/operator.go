package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// Preference keys of the operator: name and optional e-mail.
const (
	prefOperator      = "operator"
	prefOperatorEmail = "operator_email"
)

// operatorOf is the operator set in the preferences (zero when none).
func operatorOf(prefs fyne.Preferences) dossier.Operator {
	return dossier.Operator{Name: strings.TrimSpace(prefs.String(prefOperator)), Email: strings.TrimSpace(prefs.String(prefOperatorEmail))}
}

// operatorName is who is recorded as making changes (journal events,
// evidence added): the operator set in the preferences, or else the OS
// user.
func operatorName(prefs fyne.Preferences) string {
	if op := operatorOf(prefs); op.Name != "" {
		return op.String()
	}
	return system.UserName()
}

// operator is who this workstation's changes are recorded as. The
// preferences are filled from the shared store the first time (an
// operator set with the CLI's `operator` command).
func (s *shell) operator() string {
	prefs := s.app.Preferences()
	if operatorOf(prefs).Name == "" && s.deps.Operators != nil {
		if op := s.deps.Operators.SavedOperator(); op.Name != "" {
			prefs.SetString(prefOperator, op.Name)
			prefs.SetString(prefOperatorEmail, op.Email)
		}
	}
	return operatorName(prefs)
}

// operatorDialog edits the operator's name and e-mail.
type operatorDialog struct {
	entry, email *widget.Entry
	dlg          *dialog.ConfirmDialog
	save         func()
}

// showOperatorDialog edits the operator kept in prefs; saved calls back
// with the operator as recorded from now on. An empty name goes back to
// the OS user.
func showOperatorDialog(win fyne.Window, prefs fyne.Preferences, saved func(dossier.Operator)) *operatorDialog {
	d := &operatorDialog{entry: widget.NewEntry(), email: widget.NewEntry()}
	d.entry.SetText(prefs.String(prefOperator))
	d.email.SetText(prefs.String(prefOperatorEmail))
	d.email.SetPlaceHolder("facultative")
	if u := system.UserName(); u != "" {
		d.entry.SetPlaceHolder(u + " (utilisateur du système)")
	}
	d.save = func() {
		op := dossier.Operator{Name: strings.TrimSpace(d.entry.Text), Email: strings.TrimSpace(d.email.Text)}
		if op.Name == "" {
			prefs.RemoveValue(prefOperator)
			prefs.RemoveValue(prefOperatorEmail)
			op = dossier.Operator{}
		} else {
			prefs.SetString(prefOperator, op.Name)
			prefs.SetString(prefOperatorEmail, op.Email)
		}
		if saved != nil {
			saved(op)
		}
	}
	hint := wrapped("Ce nom est inscrit au journal du dossier avec chaque modification, et avec chaque preuve ajoutée («\u00a0ajoutée par\u00a0»). Il est réglé une fois pour ce poste ; laissé vide, c'est l'utilisateur du système.")
	hint.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem("Opérateur", d.entry), widget.NewFormItem("E-mail", d.email))
	d.entry.OnSubmitted = func(string) { d.dlg.Confirm() }
	d.email.OnSubmitted = func(string) { d.dlg.Confirm() }
	d.dlg = dialog.NewCustomConfirm("Opérateur de ce poste", "Enregistrer", "Annuler", container.NewVBox(form, hint), func(ok bool) {
		if ok {
			d.save()
		}
	}, win)
	d.dlg.Resize(fyne.NewSize(480, 0))
	d.dlg.Show()
	win.Canvas().Focus(d.entry)
	return d
}
