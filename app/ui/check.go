package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

	export *exportDialog
	verify *verifyDialog
	policy *policyDialog
	imp    *importDialog
	off    *offCatalogueDialog
	// merge and workCopy are the last merge and working copy dialogs
	// (merge.go, workcopy.go).
	merge    *mergeDialog
	workCopy *workCopyDialog
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

// refreshCompleteness updates the badge from the last dashboard: it
// tells the same as `check` (complete only when every applicable exigence
// is Prête with proof or justified Non applicable).
func (v *mainView) refreshCompleteness() {
	if v.pkg.badge == nil {
		return
	}
	rep := v.board.Report
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
	if rep.Complete {
		return "Dossier complet"
	}
	return "Incomplet : " + gapsText(len(rep.Blocking))
}

// gapsText counts blocking gaps in words.
func gapsText(n int) string {
	return fr.Plural(n, "manque bloquant", "manques bloquants")
}

// onCheck runs the completeness check and shows its result where the
// user works: the dashboard's groups, and the list filtered on every
// requirement with a blocking gap (each one's gaps are in its detail).
func (v *mainView) onCheck() {
	v.detail.flush()
	v.refresh()
	if v.board.Report.Complete {
		v.list.setGap("")
		return
	}
	v.list.setGap(dossier.GapAny)
}

// selectRequirement shows a requirement in the list and the detail,
// clearing the filters when they hide it.
func (v *mainView) selectRequirement(id string) {
	if id == "" {
		return
	}
	if id == dossier.CandidatureGap {
		v.onIdentity() // a gap of the Fiche candidature
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
	v.gap = ""
}
