package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// policyDialog shows and edits the dossier's file policy through
// Service.SetFilePolicy: allowed kinds, allowed extensions, maximum size.
// No kind ticked or no extension given means no restriction on it; the
// domain validates and normalises.
type policyDialog struct {
	win    fyne.Window
	svc    *dossier.Service
	onSave func()

	kinds   map[dossier.Kind]*widget.Check
	exts    *widget.Entry
	maxSize *widget.Entry
	origin  *widget.Label
	message *widget.Label
	saveBtn *widget.Button
	dialog  dialog.Dialog
}

func newPolicyDialog(win fyne.Window, svc *dossier.Service, onSave func()) *policyDialog {
	d := &policyDialog{win: win, svc: svc, onSave: onSave, kinds: map[dossier.Kind]*widget.Check{}}
	grid := container.NewGridWithColumns(3)
	for _, k := range dossier.Kinds() {
		c := widget.NewCheck(kindLabel(k), nil)
		d.kinds[k] = c
		grid.Add(c)
	}
	d.exts = widget.NewEntry()
	d.exts.SetPlaceHolder("toutes (ex. .png, .mp4, .pdf)")
	d.maxSize = widget.NewEntry()
	d.maxSize.SetPlaceHolder("sans limite (ex. 500M, 2G)")
	d.origin = widget.NewLabel("")
	d.origin.Importance = widget.LowImportance
	d.message = wrapped("")
	d.message.Importance = widget.DangerImportance
	d.message.Hide()
	d.fill(dossier.PolicyOf(svc.Info()), svc.Info().FilePolicy == nil)

	form := widget.NewForm(
		widget.NewFormItem("Types autorisés", grid),
		widget.NewFormItem("Extensions autorisées", d.exts),
		widget.NewFormItem("Taille maximale par fichier", d.maxSize),
	)
	note := wrapped("Aucun type coché ou aucune extension : pas de restriction sur ce critère. " +
		"Une preuve hors politique est un manque bloquant de la vérification de complétude.")
	note.Importance = widget.LowImportance
	reset := widget.NewButton("Politique par défaut", d.onDefault)
	cancel := widget.NewButton("Annuler", func() { d.dialog.Hide() })
	d.saveBtn = widget.NewButton("Enregistrer", d.onSaveTapped)
	d.saveBtn.Importance = widget.HighImportance
	content := container.NewVBox(d.origin, form, note, d.message,
		container.NewHBox(reset, layout.NewSpacer(), cancel, d.saveBtn))
	d.dialog = dialog.NewCustomWithoutButtons("Politique de fichiers du dossier", content, win)
	d.dialog.Resize(fyne.NewSize(720, 0))
	return d
}

func (d *policyDialog) show() { d.dialog.Show() }

// fill shows a policy in the form.
func (d *policyDialog) fill(p dossier.FilePolicy, isDefault bool) {
	for k, c := range d.kinds {
		c.SetChecked(false)
		for _, a := range p.AllowedKinds {
			if a == k {
				c.SetChecked(true)
			}
		}
	}
	d.exts.SetText(strings.Join(p.AllowedExtensions, ", "))
	d.maxSize.SetText("")
	if p.MaxFileSize > 0 {
		d.maxSize.SetText(sizeField(p.MaxFileSize))
	}
	if isDefault {
		d.origin.SetText("Politique par défaut (aucune politique propre à ce dossier).")
	} else {
		d.origin.SetText("Politique propre à ce dossier.")
	}
}

// policy reads the form.
func (d *policyDialog) policy() (dossier.FilePolicy, error) {
	var p dossier.FilePolicy
	for _, k := range dossier.Kinds() {
		if d.kinds[k].Checked {
			p.AllowedKinds = append(p.AllowedKinds, k)
		}
	}
	for _, e := range strings.FieldsFunc(d.exts.Text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		p.AllowedExtensions = append(p.AllowedExtensions, e)
	}
	if s := strings.TrimSpace(d.maxSize.Text); s != "" {
		n, err := dossier.ParseSize(s)
		if err != nil {
			return p, err
		}
		p.MaxFileSize = n
	}
	return p, nil
}

func (d *policyDialog) onSaveTapped() {
	p, err := d.policy()
	if err == nil {
		err = d.svc.SetFilePolicy(&p)
	}
	if err != nil {
		d.message.SetText(errorText(err))
		d.message.Show()
		return
	}
	d.dialog.Hide()
	d.onSave()
}

func (d *policyDialog) onDefault() {
	if err := d.svc.SetFilePolicy(nil); err != nil {
		d.message.SetText(errorText(err))
		d.message.Show()
		return
	}
	d.message.Hide()
	d.fill(dossier.PolicyOf(d.svc.Info()), true)
	d.onSave()
}

// onPolicy opens the file policy dialog.
func (v *mainView) onPolicy() {
	v.pkg.policy = newPolicyDialog(v.win, v.svc, v.refreshCompleteness)
	v.pkg.policy.show()
}

// sizeField writes a size so that dossier.ParseSize reads it back
// exactly: in the largest unit that divides it ("500M"), else in bytes.
func sizeField(n int64) string {
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.suffix)
		}
	}
	return fmt.Sprint(n)
}
