package ui

import (
	"fmt"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// packageViews holds the completeness badge and the package dialogs of an
// open dossier (completeness, export, verify, file policy, REM import), the
// last ones opened kept for tests.
type packageViews struct {
	badge  *widget.Button
	report dossier.Report
	// review and offBtn count the requirements flagged "à revoir" and
	// kept "hors catalogue" by a catalogue change.
	review *widget.Label
	offBtn *widget.Button

	check  *checkDialog
	export *exportDialog
	verify *verifyDialog
	policy *policyDialog
	imp    *importDialog
	off    *offCatalogueDialog
}

// newPackageHeader makes the header's completeness badge (tapping it
// opens the completeness panel) and catalogue-change counts.
func (v *mainView) newPackageHeader() fyne.CanvasObject {
	v.pkg.badge = widget.NewButtonWithIcon("", theme.InfoIcon(), v.onCheck)
	v.pkg.badge.Importance = widget.LowImportance
	return container.NewHBox(v.newScopeFlags(), v.pkg.badge)
}

// refreshPackage updates the header's badge and counts after a change.
func (v *mainView) refreshPackage() {
	v.refreshScopeFlags()
	v.refreshCompleteness()
}

// refreshCompleteness runs the completeness check and updates the badge.
// It runs with every refresh: on a bbolt dossier of the embedded catalogue
// with 327 evidence items it took 2.0 ms, 2.6x the list and overview a
// refresh already reads, well under a frame.
func (v *mainView) refreshCompleteness() {
	if v.pkg.badge == nil {
		return
	}
	rep, err := v.svc.Check()
	if err != nil {
		log.Printf("check %s: %v", v.svc.Path(), err)
		v.pkg.badge.SetText("Complétude inconnue")
		return
	}
	v.pkg.report = rep
	v.pkg.badge.SetText(badgeText(rep))
	if rep.Complete {
		v.pkg.badge.Importance = widget.SuccessImportance
		v.pkg.badge.SetIcon(theme.ConfirmIcon())
	} else {
		v.pkg.badge.Importance = widget.DangerImportance
		v.pkg.badge.SetIcon(theme.WarningIcon())
	}
	v.pkg.badge.Refresh()
}

// badgeText is the header's summary of a completeness report.
func badgeText(rep dossier.Report) string {
	if len(rep.Blocking) == 0 {
		return "Dossier complet"
	}
	return gapsText(len(rep.Blocking))
}

// gapsText counts blocking gaps in words.
func gapsText(n int) string {
	if n == 1 {
		return "1 manque bloquant"
	}
	return fmt.Sprintf("%d manques bloquants", n)
}

// onCheck opens the completeness panel on a fresh report.
func (v *mainView) onCheck() {
	v.detail.flush()
	rep, err := v.svc.Check()
	if err != nil {
		showError(v.win, "Vérification impossible", err)
		return
	}
	v.refreshCompleteness()
	v.pkg.check = newCheckDialog(v.win, rep, v.selectRequirement)
	v.pkg.check.show()
}

// selectRequirement shows a requirement in the list and the detail,
// clearing the filters when they hide it.
func (v *mainView) selectRequirement(id string) {
	if id == "" {
		return
	}
	if v.list.index(id) < 0 {
		v.list.clearFilters()
		v.refresh()
	}
	if i := v.list.index(id); i >= 0 {
		v.list.selectIndex(i)
		return
	}
	v.onSelect(id) // not listed (out of scope): show it anyway
}

// gapRow is one line of the completeness panel: a heading or a gap.
type gapRow struct {
	heading  string
	gap      dossier.Gap
	blocking bool
}

// checkDialog is the completeness panel: the blocking gaps then the
// warnings, one row each with the requirement ID and the reason. Tapping a
// row closes the panel and selects that requirement.
type checkDialog struct {
	rows     []gapRow
	list     *widget.List
	summary  *widget.Label
	onSelect func(id string)
	dialog   dialog.Dialog
}

func newCheckDialog(win fyne.Window, rep dossier.Report, onSelect func(string)) *checkDialog {
	d := &checkDialog{onSelect: onSelect}
	d.rows = append(d.rows, gapRow{heading: fmt.Sprintf("Manques bloquants (%d)", len(rep.Blocking))})
	for _, g := range rep.Blocking {
		d.rows = append(d.rows, gapRow{gap: g, blocking: true})
	}
	d.rows = append(d.rows, gapRow{heading: fmt.Sprintf("Avertissements (%d)", len(rep.Warnings))})
	for _, g := range rep.Warnings {
		d.rows = append(d.rows, gapRow{gap: g})
	}
	d.summary = wrapped(checkSummary(rep))
	d.summary.TextStyle = fyne.TextStyle{Bold: true}
	if rep.Complete {
		d.summary.Importance = widget.SuccessImportance
	} else {
		d.summary.Importance = widget.DangerImportance
	}
	d.list = widget.NewList(func() int { return len(d.rows) }, d.createItem, d.updateItem)
	d.list.OnSelected = d.onRowSelected
	hint := widget.NewLabel("Cliquez sur une ligne pour afficher l'exigence.")
	hint.Importance = widget.LowImportance
	content := container.NewBorder(container.NewVBox(d.summary, hint), nil, nil, nil, d.list)
	d.dialog = dialog.NewCustom("Complétude du dossier", "Fermer", content, win)
	s := win.Canvas().Size()
	d.dialog.Resize(fyne.NewSize(min(s.Width*0.85, 1100), s.Height*0.8))
	return d
}

// checkSummary is the panel's first line.
func checkSummary(rep dossier.Report) string {
	if rep.Complete {
		return fmt.Sprintf("Dossier complet : aucun manque bloquant (%d avertissement(s)). L'export définitif est possible.", len(rep.Warnings))
	}
	return fmt.Sprintf("Dossier incomplet : %s, %d avertissement(s). Corrigez les manques bloquants avant l'export définitif.",
		badgeText(rep), len(rep.Warnings))
}

func (d *checkDialog) show() { d.dialog.Show() }

func (d *checkDialog) createItem() fyne.CanvasObject {
	id := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reason := widget.NewLabel("")
	reason.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, fixedWidth(id, 150), nil, reason)
}

func (d *checkDialog) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(d.rows) {
		return
	}
	r := d.rows[i]
	b := o.(*fyne.Container)
	reason := b.Objects[0].(*widget.Label)
	id := b.Objects[1].(*fyne.Container).Objects[1].(*widget.Label)
	if r.heading != "" {
		id.SetText("")
		reason.TextStyle = fyne.TextStyle{Bold: true}
		reason.Importance = widget.MediumImportance
		reason.SetText(r.heading)
		return
	}
	id.SetText(orDossier(r.gap.Req))
	reason.TextStyle = fyne.TextStyle{}
	reason.Importance = widget.WarningImportance
	if r.blocking {
		reason.Importance = widget.DangerImportance
	}
	reason.SetText(fr.Sentence(r.gap.Reason))
}

// orDossier names a dossier-wide gap.
func orDossier(req string) string {
	if req == "" {
		return "Dossier"
	}
	return req
}

// onRowSelected closes the panel and selects the gap's requirement.
func (d *checkDialog) onRowSelected(i widget.ListItemID) {
	d.list.UnselectAll()
	if i < 0 || i >= len(d.rows) || d.rows[i].heading != "" || d.rows[i].gap.Req == "" {
		return
	}
	d.dialog.Hide()
	d.onSelect(d.rows[i].gap.Req)
}

// gapIndex is the list row of the n-th blocking gap (for tests).
func (d *checkDialog) gapIndex(n int) int {
	k := 0
	for i, r := range d.rows {
		if r.blocking {
			if k == n {
				return i
			}
			k++
		}
	}
	return -1
}

// clearFilters shows every applicable requirement again, without firing
// the filter handler (the caller refreshes).
func (v *listView) clearFilters() {
	v.quiet = true
	defer func() { v.quiet = false }()
	v.status.SetSelectedIndex(0)
	v.profile.SetSelectedIndex(0)
	v.section.SetSelectedIndex(0)
	v.exigences.SetChecked(false)
	v.outOfScope.SetChecked(false)
	v.search.SetText("")
}
