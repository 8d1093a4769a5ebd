package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// profilesDialog edits the dossier's chosen profiles. Dropping a profile
// never deletes anything: its requirements keep their state and show as
// out of scope.
type profilesDialog struct {
	win    fyne.Window
	checks *profileChecks
	onSave func(chosen []string) error
	dialog *dialog.ConfirmDialog
}

func newProfilesDialog(win fyne.Window, cat *dossier.Catalogue, chosen []string, onSave func([]string) error) *profilesDialog {
	d := &profilesDialog{win: win, onSave: onSave, checks: newProfileChecks(cat.Profiles, chosen)}
	note := wrapped("Retirer un profil ne supprime rien : ses exigences gardent leur statut, leur note et leurs preuves, " +
		"et restent visibles avec l'option «\u00a0Afficher hors périmètre\u00a0».")
	note.Importance = widget.LowImportance
	content := container.NewVBox(d.checks.content, note)
	d.dialog = dialog.NewCustomConfirm("Profils du dossier", "Enregistrer", "Annuler", content, func(ok bool) {
		if ok {
			d.onSaveTapped()
		}
	}, win)
	d.dialog.Resize(fyne.NewSize(640, 0))
	return d
}

func (d *profilesDialog) show() { d.dialog.Show() }

// onSaveTapped stores the chosen profiles.
func (d *profilesDialog) onSaveTapped() {
	if err := d.onSave(d.checks.chosen()); err != nil {
		showError(d.win, "Profils non enregistrés", err)
	}
}
