package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// infoDialog edits the dossier's identity: name, vendor, product, version.
type infoDialog struct {
	win                            fyne.Window
	name, vendor, product, version *widget.Entry
	onSave                         func(name, vendor, product, version string) error
	dialog                         *dialog.FormDialog
}

func newInfoDialog(win fyne.Window, in dossier.Info, onSave func(name, vendor, product, version string) error) *infoDialog {
	d := &infoDialog{win: win, onSave: onSave}
	field := func(text string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("obligatoire")
			}
			return nil
		}
		return e
	}
	d.name, d.vendor, d.product, d.version = field(in.Name), field(in.Vendor), field(in.Product), field(in.ProductVersion)
	d.dialog = dialog.NewForm("Informations du dossier", "Enregistrer", "Annuler", []*widget.FormItem{
		widget.NewFormItem("Nom du dossier", d.name),
		widget.NewFormItem("Éditeur", d.vendor),
		widget.NewFormItem("Produit", d.product),
		widget.NewFormItem("Version du produit", d.version),
	}, func(ok bool) {
		if ok {
			d.onSaveTapped()
		}
	}, win)
	d.dialog.Resize(fyne.NewSize(560, 0))
	return d
}

func (d *infoDialog) show() { d.dialog.Show() }

// onSaveTapped stores the identity.
func (d *infoDialog) onSaveTapped() {
	if err := d.onSave(d.name.Text, d.vendor.Text, d.product.Text, d.version.Text); err != nil {
		showError(d.win, "Informations non enregistrées", err)
	}
}
