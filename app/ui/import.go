package ui

import (
	"fmt"
	"log"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/rem"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// chooseREM asks for a REM file (XLSX or PDF) and passes its path on. The
// format is detected from the content, so the filter is only a
// convenience.
func chooseREM(win fyne.Window, folder string, onPath func(string)) {
	widgets.PickFile(win, widgets.FileChoice{Title: "Choisir le REM officiel (XLSX ou PDF)", Confirm: "Lire",
		Folder: folder, Exts: []string{".xlsx", ".pdf"}}, onPath)
}

// readREM reads a REM file off the UI goroutine behind an indeterminate
// bar, then hands the result (or an error already shown) to done. A
// workbook of several REMs asks which to import; a workbook of unknown
// headings asks which column holds what; then the file is read again.
func readREM(win fyne.Window, bg background, path string, done func(*rem.Result)) {
	readREMWith(win, bg, path, rem.Options{}, done)
}

// lastChoice is the choice dialog opened by the last read (for tests).
var lastChoice *remChoice

func readREMWith(win fyne.Window, bg background, path string, opt rem.Options, done func(*rem.Result)) {
	p := widgets.NewProgress(win, "Lecture du REM", "Lecture de "+filepath.Base(path)+"…", false, nil)
	p.Show()
	var res *rem.Result
	var err error
	bg(func() {
		res, err = rem.ReadFile(path, opt)
	}, func() {
		p.Hide()
		if err == nil {
			done(res)
			return
		}
		log.Printf("read REM %s: %v", path, err)
		switch {
		case res != nil && dossier.FaultOf(err) == dossier.FaultChooseREM:
			lastChoice = askPerimeter(win, res.Report, func(code string) {
				opt.Perimeter = code
				readREMWith(win, bg, path, opt, done)
			})
		case res != nil && dossier.FaultOf(err) == dossier.FaultNoTable && len(res.Report.Headings) > 0:
			lastChoice = askColumns(win, fyne.CurrentApp().Preferences(), res.Report, func(cols rem.Columns) {
				opt.Columns = cols
				readREMWith(win, bg, path, opt, done)
			})
		default:
			showError(win, "Import du REM impossible", err)
		}
	})
}

// importDialog is the dry run of a REM import: what the file holds and
// what switching the dossier to it would do (Service.PlanSwitch). Only
// "Appliquer" changes the dossier (Service.SwitchCatalogue).
type importDialog struct {
	win      fyne.Window
	svc      *dossier.Service
	res      *rem.Result
	plan     dossier.SwitchPlan
	onApply  func()
	report   *fyne.Container
	applyBtn *widget.Button
	dialog   dialog.Dialog
	// applied is set once the switch is stored (for tests).
	applied bool
}

func newImportDialog(win fyne.Window, svc *dossier.Service, res *rem.Result, plan dossier.SwitchPlan, onApply func()) *importDialog {
	d := &importDialog{win: win, svc: svc, res: res, plan: plan, onApply: onApply}
	d.report = container.NewVBox()
	// What decides first (counts, diff, what carries forward, what was
	// skipped), then the breakdowns and the long ID lists.
	d.fillFile()
	d.fillPlan()
	d.fillSkipped()
	d.fillCounts()
	d.fillLists()
	note := wrapped("Rien n'est modifié tant que vous n'appliquez pas. Les états et les preuves des exigences inchangées sont reportés ; " +
		"les exigences modifiées sont marquées «\u00a0à revoir\u00a0» ; les exigences retirées qui ont un état ou des preuves sont conservées «\u00a0hors catalogue\u00a0».")
	note.Importance = widget.LowImportance
	cancel := widget.NewButton("Annuler", func() { d.dialog.Hide() })
	d.applyBtn = widget.NewButtonWithIcon("Appliquer", theme.ConfirmIcon(), d.onApplyTapped)
	d.applyBtn.Importance = widget.HighImportance
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), note,
		container.NewHBox(layout.NewSpacer(), cancel, d.applyBtn)), nil, nil, container.NewVScroll(d.report))
	d.dialog = dialog.NewCustomWithoutButtons("Importer le REM officiel : simulation", content, win)
	s := win.Canvas().Size()
	d.dialog.Resize(fyne.NewSize(min(s.Width*0.85, 1100), s.Height*0.85))
	return d
}

func (d *importDialog) show() { d.dialog.Show() }

func (d *importDialog) line(text string) *widget.Label {
	l := wrapped(text)
	d.report.Add(l)
	return l
}

// fillFile shows the file read and what it holds.
func (d *importDialog) fillFile() {
	r, cat := d.res.Report, d.res.Catalogue
	where := r.Layout
	if r.Sheet != "" {
		where += ", feuille «\u00a0" + r.Sheet + "\u00a0»"
	}
	if r.Pages > 0 {
		where += fmt.Sprintf(", %d pages", r.Pages)
	}
	d.report.Add(bold("Fichier lu"))
	d.line(fmt.Sprintf("%s (%s, %s)", filepath.Base(r.Source), strings.ToUpper(r.Format), where))
	d.line("Catalogue : " + cat.Title)
	if r.Perimetre != "" {
		d.line(fmt.Sprintf("REM importé : %s (le classeur en contient %d : %s).", r.Perimetre, len(r.Perimetres),
			strings.Join(slices.Sorted(maps.Keys(r.Perimetres)), ", ")))
	}
	if len(r.Skipped) > 0 {
		d.line(fr.Plural(len(r.Skipped), "ligne ignorée", "lignes ignorées") + " : le détail suit.").Importance = widget.WarningImportance
	}
	d.line(fmt.Sprintf("%d exigences lues : %d exigences (DOIT), %d préconisations (PEUT) ; %d scénarios, %d numéros de preuve.",
		r.Requirements, r.Exigences, r.Preconisations, r.Scenarios, r.Proofs))
	if r.Obsolete > 0 {
		d.line(fmt.Sprintf("Obsolètes, non importées : %d.", r.Obsolete))
	}
	if r.BusinessSheet != "" {
		d.line(fmt.Sprintf("Scénarios coeur de métier (feuille « %s ») : %d reliés aux exigences qu'ils citent.", r.BusinessSheet, r.BusinessScenarios))
	}
	d.idList("Non définitives (importées ; leur statut dans le REM peut encore changer)", r.NonFinal, widget.WarningImportance)
	d.idList("Sans profil (« --- » : appliquées quels que soient les profils)", r.NoProfile, widget.WarningImportance)
}

// fillCounts shows the counts per section and per profile.
func (d *importDialog) fillCounts() {
	r, cat := d.res.Report, d.res.Catalogue
	d.report.Add(widget.NewSeparator())
	d.report.Add(bold("Par section"))
	sec := container.NewGridWithColumns(2)
	for _, code := range slices.Sorted(maps.Keys(r.Sections)) {
		label := code
		if s, ok := cat.Section(code); ok && s.Label != "" && s.Label != code {
			label += " — " + s.Label
		}
		sec.Add(widget.NewLabel(fmt.Sprintf("%s : %d", label, r.Sections[code])))
	}
	d.report.Add(sec)
	d.report.Add(bold("Par profil"))
	for _, p := range slices.Sorted(maps.Keys(r.Profiles)) {
		d.line(fmt.Sprintf("%s : %d", p, r.Profiles[p]))
	}
}

// fillSkipped shows the rows or pages not imported, and duplicates.
func (d *importDialog) fillSkipped() {
	r := d.res.Report
	d.report.Add(bold(fmt.Sprintf("Lignes ou pages ignorées (%d)", len(r.Skipped))))
	for _, s := range r.Skipped {
		d.line(fmt.Sprintf("%s : %s", s.Where, s.Reason)).Importance = widget.WarningImportance
	}
	if len(r.Duplicates) > 0 {
		d.report.Add(bold(fmt.Sprintf("Doublons (%d)", len(r.Duplicates))))
		for _, dup := range r.Duplicates {
			kind := "doublon identique, fusionné"
			if dup.Conflict {
				kind = "énoncés différents"
			}
			d.line(fmt.Sprintf("%s (%s) : %s", dup.ID, kind, strings.Join(dup.Where, ", ")))
		}
	}
}

// fillPlan shows the diff against the dossier's catalogue and what
// carries forward.
func (d *importDialog) fillPlan() {
	p := d.plan
	d.report.Add(bold("Différences avec le catalogue du dossier (" + d.svc.Catalogue().Title + ")"))
	d.line(fmt.Sprintf("%d ajoutées, %d retirées, %d modifiées, %d inchangées.",
		len(p.Diff.Added), len(p.Diff.Removed), len(p.Diff.Changed), len(p.Diff.Unchanged)))
	d.line("États et preuves reportés : " + fr.Plural(p.Carried, "exigence", "exigences") + ".")
	var renamed []string
	for _, u := range p.Diff.Unchanged {
		if u.Old != u.New {
			renamed = append(renamed, u.Old+" → "+u.New)
		}
	}
	d.idList("Correspondances d'identifiants (reportées)", renamed, widget.MediumImportance)
	d.idList("À revoir", p.Review, widget.WarningImportance)
	d.idList("Conservées hors catalogue", p.OffCatalogue, widget.WarningImportance)
	d.idList("Profils absents du nouveau catalogue (retirés du dossier)", p.Dropped, widget.WarningImportance)
}

// fillLists lists the changed, added and removed requirements.
func (d *importDialog) fillLists() {
	p := d.plan
	d.report.Add(widget.NewSeparator())
	var changed []string
	for _, c := range p.Diff.Changed {
		changed = append(changed, changedText(c))
	}
	d.idList("Modifiées", changed, widget.MediumImportance)
	d.idList("Ajoutées", p.Diff.Added, widget.MediumImportance)
	d.idList("Retirées", p.Diff.Removed, widget.MediumImportance)
}

// idList adds a titled list of IDs when it is not empty.
func (d *importDialog) idList(title string, ids []string, imp widget.Importance) {
	if len(ids) == 0 {
		return
	}
	d.report.Add(bold(fmt.Sprintf("%s (%d)", title, len(ids))))
	// A whole new REM changes most statements: the first IDs suffice to
	// judge; the CLI's --json lists them all.
	const shown = 60
	text := strings.Join(ids[:min(len(ids), shown)], " · ")
	if len(ids) > shown {
		text += fmt.Sprintf(" … et %d autres", len(ids)-shown)
	}
	d.line(text).Importance = imp
}

// changedText names a changed requirement and what changed.
func changedText(c dossier.ChangedReq) string {
	var what []string
	if c.Statement {
		what = append(what, "énoncé")
	}
	if c.Profiles {
		what = append(what, "profils")
	}
	if c.Nature {
		what = append(what, "nature")
	}
	if c.Section {
		what = append(what, "section")
	}
	id := c.New
	if c.Old != c.New {
		id = c.Old + " → " + c.New
	}
	return id + " (" + strings.Join(what, ", ") + ")"
}

// onApplyTapped switches the dossier to the imported catalogue.
func (d *importDialog) onApplyTapped() {
	if err := d.svc.SwitchCatalogue(d.plan); err != nil {
		log.Printf("switch catalogue %s: %v", d.svc.Path(), err)
		showError(d.win, "Catalogue non appliqué", err)
		return
	}
	d.applied = true
	d.dialog.Hide()
	d.onApply()
	dialog.ShowInformation("Catalogue appliqué", fmt.Sprintf(
		"Le dossier utilise maintenant %s : %s, %d à revoir, %s hors catalogue.",
		fr.Quote(d.res.Catalogue.Title), fr.Plural(d.plan.Carried, "exigence reportée", "exigences reportées"), len(d.plan.Review),
		fr.Plural(len(d.plan.OffCatalogue), "conservée", "conservées")), d.win)
}

// onImportREM reads a REM chosen by the user and shows the dry run.
func (v *mainView) onImportREM() {
	v.detail.flush()
	chooseREM(v.win, filepath.Dir(v.svc.Path()), v.importREM)
}

// importREM reads the REM at path and shows what switching to it does.
func (v *mainView) importREM(path string) {
	readREM(v.win, v.background(), path, func(res *rem.Result) {
		plan, err := v.svc.PlanSwitch(res.Catalogue)
		if err != nil {
			showError(v.win, "Import du REM impossible", err)
			return
		}
		v.pkg.imp = newImportDialog(v.win, v.svc, res, plan, v.onCatalogueSwitched)
		v.pkg.imp.show()
	})
}

// onCatalogueSwitched shows the dossier on its new catalogue.
func (v *mainView) onCatalogueSwitched() {
	cat := v.svc.Catalogue()
	v.detail.cat = cat
	v.list.setCatalogue(cat)
	v.showInfo()
	if _, err := cat.Requirement(v.current); err != nil {
		v.current = ""
	}
	v.refresh()
	if i := v.list.index(v.current); i >= 0 {
		v.onSelect(v.current)
	} else {
		v.list.selectIndex(0)
	}
}

// setCatalogue rebuilds the profile and section filters for another
// catalogue and shows everything again.
func (v *listView) setCatalogue(cat *dossier.Catalogue) {
	v.quiet = true
	defer func() { v.quiet = false }()
	profileOpts, sectionOpts := v.catalogueOptions(cat)
	v.profile.SetOptions(profileOpts)
	v.section.SetOptions(sectionOpts)
	v.clearFilters()
}
