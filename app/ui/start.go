package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// dossierExt is the extension of dossier files.
const dossierExt = ".segur"

// startView is the start screen: create a dossier, open one, or pick a
// recent one.
type startView struct {
	win    fyne.Window
	recent recentList

	name, vendor, product, version *widget.Entry
	folder, fileName               *widget.Entry
	profiles                       *profileChecks
	// review: each exigence validated by a reviewer before the final
	// export (dossier.DefaultSignoff); unticked for a one-person team.
	review                        *widget.Check
	createBtn, openBtn, folderBtn *widget.Button
	recentBox                     *fyne.Container
	busyLabel                     *widget.Label
	// fileNameEdited stops the file name from following the dossier name
	// once the user typed one.
	fileNameEdited bool
	// form is the new dossier's form; catalogue is the catalogue it is
	// created on, embedded or imported (import_start.go); bg reads a REM.
	form      *widget.Form
	catalogue catalogueChoice
	bg        background

	onCreate func(path string, info dossier.Info)
	onOpen   func(path string)

	content fyne.CanvasObject
}

func newStartView(win fyne.Window, recent recentList, folder string, cat *dossier.Catalogue,
	onCreate func(string, dossier.Info), onOpen func(string)) *startView {
	v := &startView{win: win, recent: recent, onCreate: onCreate, onOpen: onOpen}

	v.name = widget.NewEntry()
	v.name.SetPlaceHolder("ex. Candidature RIS Vague 1")
	v.name.OnChanged = v.onNameChanged
	v.vendor = widget.NewEntry()
	v.vendor.SetPlaceHolder("Raison sociale de l'éditeur")
	v.product = widget.NewEntry()
	v.product.SetPlaceHolder("Nom commercial du logiciel")
	v.version = widget.NewEntry()
	v.version.SetPlaceHolder("ex. 12.4")
	v.folder = widget.NewEntry()
	v.folder.SetText(folder)
	v.folderBtn = widget.NewButtonWithIcon("Choisir…", theme.FolderOpenIcon(), v.onChooseFolder)
	v.fileName = widget.NewEntry()
	v.fileName.SetPlaceHolder("nom du fichier")
	v.fileName.OnChanged = func(string) { v.fileNameEdited = true }

	var profiles []dossier.Profile
	catLine := "Catalogue indisponible."
	if cat != nil {
		profiles = cat.Profiles
		catLine = fmt.Sprintf("Catalogue : %s (%d exigences et préconisations).", cat.Title, len(cat.Requirements))
	}
	v.profiles = newProfileChecks(profiles, nil)
	v.review = widget.NewCheck("Faire valider chaque exigence par un relecteur avant l'export définitif", nil)
	v.review.SetChecked(dossier.DefaultSignoff.Required)

	v.form = widget.NewForm(
		widget.NewFormItem("Nom du dossier", v.name),
		widget.NewFormItem("Éditeur", v.vendor),
		widget.NewFormItem("Produit", v.product),
		widget.NewFormItem("Version du produit", v.version),
		widget.NewFormItem("Profils", v.profiles.content),
		widget.NewFormItem("Relecture", v.review),
		widget.NewFormItem("Enregistrer dans", container.NewBorder(nil, nil, nil, v.folderBtn, v.folder)),
		widget.NewFormItem("Nom du fichier", container.NewBorder(nil, nil, nil, widget.NewLabel(dossierExt), v.fileName)),
	)
	v.createBtn = widget.NewButtonWithIcon("Créer le dossier", theme.DocumentCreateIcon(), v.onCreateTapped)
	v.createBtn.Importance = widget.HighImportance
	newCard := widget.NewCard("Nouveau dossier", "", container.NewVBox(v.newCatalogueChoice(cat, catLine), v.form,
		wrapped("Le profil Général s'applique toujours ; les profils pourront être modifiés plus tard."),
		container.NewHBox(layout.NewSpacer(), v.createBtn)))

	v.openBtn = widget.NewButtonWithIcon("Ouvrir un dossier .segur…", theme.FolderOpenIcon(), v.onOpenTapped)
	v.recentBox = container.NewVBox()
	v.busyLabel = widget.NewLabel("")
	v.busyLabel.Importance = widget.LowImportance
	openCard := widget.NewCard("Ouvrir un dossier", "", container.NewVBox(
		wrapped("Un dossier est un seul fichier .segur : il contient tout."), v.openBtn, v.busyLabel, widget.NewLabelWithStyle("Dossiers récents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.recentBox))
	v.refreshRecent()

	title := widget.NewLabelWithStyle("Dossier Ségur", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("Préparez le dossier de preuves du référencement Ségur numérique : exigences applicables, statut, notes et preuves, dans un seul fichier.")
	intro.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(container.NewVScroll(newCard), container.NewVScroll(openCard))
	split.Offset = 0.6
	v.content = container.NewBorder(container.NewVBox(title, intro), nil, nil, nil, split)
	return v
}

// focus puts the cursor in the first field.
func (v *startView) focus() {
	v.win.Canvas().Focus(v.name)
}

func (v *startView) onNameChanged(s string) {
	if v.fileNameEdited && v.fileName.Text != "" {
		return
	}
	v.fileName.SetText(fileNameFor(s))
	v.fileNameEdited = false
}

// fileNameFor proposes a file name for a dossier name: path separators and
// characters Windows refuses become dashes, spaces too.
func fileNameFor(name string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(name) {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), r < ' ':
			b.WriteRune('-')
		case r == ' ':
			b.WriteRune('-')
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	return strings.Trim(out, ".-")
}

// dossierPath joins folder and file name, adding the extension.
func dossierPath(folder, file string) string {
	file = strings.TrimSpace(file)
	if !strings.HasSuffix(strings.ToLower(file), dossierExt) {
		file += dossierExt
	}
	return filepath.Join(strings.TrimSpace(folder), file)
}

func (v *startView) info() dossier.Info {
	return dossier.Info{
		Name:           strings.TrimSpace(v.name.Text),
		Vendor:         strings.TrimSpace(v.vendor.Text),
		Product:        strings.TrimSpace(v.product.Text),
		ProductVersion: strings.TrimSpace(v.version.Text),
		Profiles:       v.profiles.chosen(),
		Signoff:        &dossier.SignoffSettings{Required: v.review.Checked, AllowSelf: dossier.DefaultSignoff.AllowSelf},
	}
}

// onCreateTapped checks the form and hands it to the shell.
func (v *startView) onCreateTapped() {
	info := v.info()
	if err := info.Check(); err != nil {
		showError(v.win, "Informations manquantes", err)
		return
	}
	folder := strings.TrimSpace(v.folder.Text)
	if folder == "" {
		showNotice(v.win, "Emplacement manquant", "Choisissez le répertoire où enregistrer le dossier (bouton « Choisir… »).")
		return
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		showError(v.win, "Emplacement introuvable", dossier.E(dossier.FaultFolderNotFound, folder, err))
		return
	}
	name := v.fileName.Text
	if strings.TrimSpace(name) == "" {
		name = fileNameFor(info.Name)
	}
	if fileNameFor(name) == "" {
		showNotice(v.win, "Nom de fichier manquant", "Saisissez un nom de fichier pour le dossier.")
		return
	}
	v.onCreate(dossierPath(folder, name), info)
}

func (v *startView) onChooseFolder() {
	chooseFolder(v.win, "Répertoire du nouveau dossier", v.folder)
}

func (v *startView) onOpenTapped() {
	showOpenDialog(v.win, v.folder.Text, v.onOpen)
}

// refreshRecent rebuilds the recent dossiers; missing files are greyed.
func (v *startView) refreshRecent() {
	v.recentBox.RemoveAll()
	paths := v.recent.paths()
	if len(paths) == 0 {
		l := widget.NewLabel("Aucun dossier récent.")
		l.Importance = widget.LowImportance
		v.recentBox.Add(l)
		return
	}
	for _, p := range paths {
		path := p
		name := newTapLabel(filepath.Base(path), func() { v.onOpen(path) })
		name.Wrapping = fyne.TextWrapOff
		name.Truncation = fyne.TextTruncateEllipsis
		name.TextStyle = fyne.TextStyle{Bold: true}
		where := widget.NewLabel(filepath.Dir(path))
		where.Truncation = fyne.TextTruncateEllipsis
		where.Importance = widget.LowImportance
		icon := widget.NewIcon(theme.DocumentIcon())
		if _, err := os.Stat(path); err != nil {
			name.onTapped = nil
			name.TextStyle = fyne.TextStyle{}
			name.Importance = widget.LowImportance
			name.Text += " (introuvable)"
			icon.SetResource(theme.NewDisabledResource(theme.DocumentIcon()))
		}
		forget := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
			v.recent.remove(path)
			v.refreshRecent()
		})
		forget.Importance = widget.LowImportance
		v.recentBox.Add(container.NewBorder(nil, nil, icon, forget, container.NewVBox(name, where)))
	}
	v.recentBox.Refresh()
}

// setBusy disables the actions while a dossier is being opened or created.
func (v *startView) setBusy(b bool) {
	for _, btn := range []*widget.Button{v.createBtn, v.openBtn} {
		if b {
			btn.Disable()
		} else {
			btn.Enable()
		}
	}
	if b {
		v.busyLabel.SetText("Ouverture du dossier…")
	} else {
		v.busyLabel.SetText("")
	}
}

// showOpenDialog asks for a .segur file and passes its path to onPath.
func showOpenDialog(win fyne.Window, folder string, onPath func(string)) {
	widgets.PickFile(win, widgets.FileChoice{Title: "Ouvrir un dossier Ségur (.segur)", Confirm: "Ouvrir",
		Folder: folder, Exts: []string{dossierExt}}, onPath)
}
