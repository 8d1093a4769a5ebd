package ui

import (
	"os/user"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// prefOperator is the preference key of the operator's name.
const prefOperator = "operator"

// operatorName is who is recorded as adding evidence: the name set in
// the preferences, or else the OS user.
func operatorName(prefs fyne.Preferences) string {
	if name := strings.TrimSpace(prefs.String(prefOperator)); name != "" {
		return name
	}
	return osUser()
}

// osUser is the OS user's full name, or login name; "" when unknown.
func osUser() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	if name := strings.TrimSpace(strings.SplitN(u.Name, ",", 2)[0]); name != "" {
		return name // GECOS may hold "Name,room,phone"
	}
	return u.Username
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
	if u := osUser(); u != "" {
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
