package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// contactRows is how many contacts the identity page edits.
const contactRows = 3

// identityView is the "Fiche candidature": the application's identity,
// edited in one form and saved in one write (dossier.Service.SetIdentity),
// with the group mandate attached from it.
type identityView struct {
	win fyne.Window
	svc *dossier.Service
	bg  background
	// onSaved refreshes the main window after a save.
	onSaved func()

	entries  map[string]*widget.Entry // by identity key
	ready    *widget.Check
	group    *widget.Check
	mandate  *widget.Label
	dialog   dialog.Dialog
	content  fyne.CanvasObject
	lastSave error
}

// identityFields are the text fields of the page, by key, with labels.
var identityFields = [][2]string{
	{"name", "Nom du dossier"}, {"vendor", "Éditeur (raison sociale)"}, {"siren", "SIREN ou SIRET"},
	{"address", "Adresse"}, {"product", "Produit"}, {"version", "Version"},
	{"corridor", "Couloir"}, {"wave", "Vague"}, {"platform_ref", "Référence ANS du produit"},
	{"charter_date", "Charte acceptée le (AAAA-MM-JJ)"}, {"charter_by", "Charte acceptée par"},
	{"members", "Membres du groupement (séparés par ;)"}, {"representative", "Représentant (mandataire)"},
}

func newIdentityView(win fyne.Window, svc *dossier.Service, bg background, onSaved func()) *identityView {
	v := &identityView{win: win, svc: svc, bg: bg, onSaved: onSaved, entries: map[string]*widget.Entry{}}
	form := widget.NewForm()
	in := svc.Info()
	c := dossier.CandidatureOf(in)
	values := map[string]string{"name": in.Name, "vendor": in.Vendor, "product": in.Product, "version": in.ProductVersion,
		"siren": c.SIREN, "address": c.Address, "corridor": c.Corridor, "wave": c.Wave, "platform_ref": c.PlatformRef,
		"charter_date": c.CharterDate, "charter_by": c.CharterBy, "members": strings.Join(c.Members, " ; "), "representative": c.Representative}
	for _, f := range identityFields {
		e := widget.NewEntry()
		e.SetText(values[f[0]])
		v.entries[f[0]] = e
		form.Append(f[1], e)
		if f[0] == "version" {
			v.ready = widget.NewCheck("C'est la version prête à la commercialisation", nil)
			v.ready.SetChecked(c.ReadyForSale)
			form.Append("", v.ready)
		}
		if f[0] == "charter_by" {
			v.group = widget.NewCheck("Candidature en groupement (mandat signé par chaque membre)", nil)
			v.group.SetChecked(c.Group)
			form.Append("Groupement", v.group)
		}
	}
	for i := 1; i <= contactRows; i++ {
		var ct dossier.Contact
		if i <= len(c.Contacts) {
			ct = c.Contacts[i-1]
		}
		row := container.NewGridWithColumns(4)
		for _, f := range [][3]string{{"name", "Nom", ct.Name}, {"role", "Fonction", ct.Role}, {"email", "Courriel", ct.Email}, {"phone", "Téléphone", ct.Phone}} {
			e := widget.NewEntry()
			e.SetPlaceHolder(f[1])
			e.SetText(f[2])
			v.entries[fmt.Sprintf("contact.%d.%s", i, f[0])] = e
			row.Add(e)
		}
		form.Append(fmt.Sprintf("Contact %d", i), row)
	}
	v.mandate = widget.NewLabel("")
	attach := widget.NewButton("Joindre le mandat…", v.onAttachMandate)
	form.Append("Mandat", container.NewBorder(nil, nil, nil, attach, v.mandate))
	v.refreshMandate()
	id := widget.NewLabel("Identifiant du dossier (repris dans chaque manifeste) : " + in.ID)
	id.Importance = widget.LowImportance
	v.content = container.NewBorder(nil, id, nil, nil, container.NewVScroll(form))
	d := dialog.NewCustomConfirm("Fiche candidature", "Enregistrer", "Fermer", v.content, func(ok bool) {
		if ok {
			v.onSave()
		}
	}, win)
	d.Resize(fyne.NewSize(900, 760))
	v.dialog = d
	return v
}

func (v *identityView) show() { v.dialog.Show() }

// settings are the form's values as identity key/values.
func (v *identityView) settings() [][2]string {
	var kvs [][2]string
	for _, f := range identityFields {
		kvs = append(kvs, [2]string{f[0], v.entries[f[0]].Text})
	}
	kvs = append(kvs, [2]string{"ready_for_sale", yesNo(v.ready.Checked)}, [2]string{"group", yesNo(v.group.Checked)}, [2]string{"contacts", ""})
	n := 0
	for i := 1; i <= contactRows; i++ {
		field := func(f string) string { return strings.TrimSpace(v.entries[fmt.Sprintf("contact.%d.%s", i, f)].Text) }
		if field("name")+field("role")+field("email")+field("phone") == "" {
			continue // empty rows are skipped; the others are renumbered
		}
		n++
		for _, f := range []string{"name", "role", "email", "phone"} {
			kvs = append(kvs, [2]string{fmt.Sprintf("contact.%d.%s", n, f), field(f)})
		}
	}
	return kvs
}

func yesNo(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

// onSave stores the page in one write; a refusal keeps the dialog's
// values and says why.
func (v *identityView) onSave() {
	_, err := v.svc.SetIdentity(v.settings())
	v.lastSave = err
	if err != nil {
		// The page comes back with what was typed, the reason on top.
		v.dialog.Show()
		showError(v.win, "Fiche candidature non enregistrée", err)
		return
	}
	if v.onSaved != nil {
		v.onSaved()
	}
}

// onAttachMandate picks the mandate file and stores it off the UI
// goroutine.
func (v *identityView) onAttachMandate() {
	widgets.PickFile(v.win, widgets.FileChoice{Title: "Joindre le mandat", Confirm: "Joindre"}, v.attachMandate)
}

// attachMandate stores the file at path as the mandate.
func (v *identityView) attachMandate(path string) {
	var err error
	v.bg(func() {
		_, err = v.svc.AttachMandate(context.Background(), path, "")
	}, func() {
		if err != nil {
			showError(v.win, "Mandat non joint", err)
		}
		v.refreshMandate()
	})
}

func (v *identityView) refreshMandate() {
	evs, err := v.svc.Mandates()
	switch {
	case err != nil:
		v.mandate.SetText("mandat illisible")
	case len(evs) == 0:
		v.mandate.SetText("aucun mandat joint")
	default:
		var names []string
		for _, ev := range evs {
			names = append(names, ev.Name)
		}
		v.mandate.SetText(strings.Join(names, ", "))
	}
}
