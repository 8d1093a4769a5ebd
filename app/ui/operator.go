package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// prefOperator is the preference key of the operator's name.
const prefOperator = "operator"

// operatorName is who is recorded as adding evidence: the name set in
// the preferences, or else the OS user.
func operatorName(prefs fyne.Preferences) string {
	if name := strings.TrimSpace(prefs.String(prefOperator)); name != "" {
		return name
	}
	return system.UserName()
}

// operatorDialog edits the operator's name.
type operatorDialog struct {
	entry *widget.Entry
	dlg   *dialog.ConfirmDialog
	save  func()
}

// showOperatorDialog edits the operator name kept in prefs. An empty
// name goes back to the OS user.
func showOperatorDialog(win fyne.Window, prefs fyne.Preferences) *operatorDialog {
	d := &operatorDialog{entry: widget.NewEntry()}
	d.entry.SetText(prefs.String(prefOperator))
	if u := system.UserName(); u != "" {
		d.entry.SetPlaceHolder(u + " (utilisateur du système)")
	}
	d.save = func() {
		name := strings.TrimSpace(d.entry.Text)
		if name == "" {
			prefs.RemoveValue(prefOperator)
			return
		}
		prefs.SetString(prefOperator, name)
	}
	hint := wrapped("Ce nom est enregistré avec chaque preuve ajoutée («\u00a0ajoutée par\u00a0»). Laissé vide, c'est l'utilisateur du système.")
	hint.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem("Opérateur", d.entry))
	d.entry.OnSubmitted = func(string) { d.dlg.Confirm() }
	d.dlg = dialog.NewCustomConfirm("Opérateur", "Enregistrer", "Annuler", container.NewVBox(form, hint), func(ok bool) {
		if ok {
			d.save()
		}
	}, win)
	d.dlg.Resize(fyne.NewSize(480, 0))
	d.dlg.Show()
	win.Canvas().Focus(d.entry)
	return d
}
