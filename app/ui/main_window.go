package ui

import (
	"fmt"
	"image/color"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// titleWidth is the most of the header the dossier's name takes.
const titleWidth = 240

// keysHint tells the keyboard shortcuts, shown under the list.
const keysHint = "↑/↓ (liste) ou Ctrl+↓/Ctrl+↑ : exigence suivante/précédente · Ctrl+1…4 : statut · Ctrl+F : rechercher"

// mainHandlers are the shell's actions the main window's menu triggers.
type mainHandlers struct {
	onNew, onOpen, onClose, onAbout func()
	// onCreateFrom creates and opens a dossier for more profiles.
	onCreateFrom func(path string, info dossier.Info, cat *dossier.Catalogue)
	// openCopy opens another copy of a dossier to merge, read-only.
	openCopy func(path string) (*dossier.Service, error)
	// bg runs slow work (export, verify, REM import); nil means a
	// goroutine handing back with fyne.Do.
	bg background
	// operators is the operator store shared with the CLI (may be nil).
	operators OperatorStore
}

// mainView is the window of an open dossier: sections, requirement list
// and detail, overall progress and the menu.
//
// Extension points: svc and win are kept here for the panels to come; the
// evidence panel goes into detail.slot (following detail.onShown), and an
// export/completeness panel can be added to the menu (menu) and to the
// header beside the progress bar (header).
type mainView struct {
	win fyne.Window
	svc *dossier.Service
	h   mainHandlers

	dash     *dashboardView
	list     *listView
	detail   *detailView
	progress *widget.ProgressBar
	title    *widget.Label
	subtitle *widget.Label
	// life is the deposits, requests and decision line (lifecycle.go).
	life   *widget.Label
	header *fyne.Container

	// current is the requirement shown in the detail; lastIndex its last
	// position in the list, to move on when it leaves the filtered list.
	current   string
	lastIndex int
	overview  dossier.Overview
	// board is the last dashboard computed (overview and completeness).
	board dossier.Dashboard

	// dialogs open, kept for tests and for closing them with the dossier.
	profilesDlg *profilesDialog
	infoDlg     *infoDialog
	signoffDlg  *signoffDialog
	// evidence is the evidence panel of the detail (evidence.go).
	evidence *evidencePanel
	// pkg is the completeness badge and the package dialogs (check.go).
	pkg packageViews
	// identity and lifecycle are the "Fiche candidature" and the deposits
	// and requests panel, once opened (lifecycle.go).
	identity  *identityView
	lifecycle *lifecycleView
	// reqHistory and history are the Historique tabs of the detail (the
	// requirement shown) and of the home view (the dossier), history.go;
	// split is the home view beside list and detail, widened while the
	// dossier's history is shown (splitOffset is its width before).
	reqHistory, history *historyPanel
	// tabs switch the home view between the requirements (split:
	// dashboard, list and detail) and the dossier's history.
	tabs     *container.AppTabs
	split    *container.Split
	titleBox *fyne.Container

	content fyne.CanvasObject
}

func newMainView(win fyne.Window, svc *dossier.Service, h mainHandlers) *mainView {
	v := &mainView{win: win, svc: svc, h: h}
	cat := svc.Catalogue()
	v.dash = newDashboardView(v.onSection, v.onGap)
	v.dash.onOpenRequests = v.showOpenRequests
	v.list = newListView(cat, v.onSelect, v.refresh, v.move)
	v.detail = newDetailView(win, cat, v.applyChange)
	v.detail.signoff.onReview, v.detail.signoff.onResubmit = v.review, v.resubmit

	v.progress = widget.NewProgressBar()
	v.progress.TextFormatter = func() string {
		return fmt.Sprintf("%d / %d traitées", v.overview.Done, v.overview.Applicable)
	}
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.subtitle = widget.NewLabel("")
	v.subtitle.Importance = widget.LowImportance
	v.subtitle.Truncation = fyne.TextTruncateEllipsis
	v.life = widget.NewLabel("")
	v.life.Truncation = fyne.TextTruncateEllipsis
	v.life.Hide() // shown by refresh when there is something to say
	progress := container.NewStack(fixedWidth(canvas.NewRectangle(color.Transparent), 260), v.progress)
	// The home view's tabs follow the dossier's name (at most titleWidth
	// of it, so that a long name does not widen the window).
	v.tabs = newHistoryTabs("Exigences", v.onHomeTab)
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.titleBox = fixedWidth(v.title, 0)
	v.header = container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(v.newPackageHeader()),
		container.NewCenter(progress)),
		container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(v.titleBox, tabsWide(v.tabs)), nil, v.subtitle), v.life))

	hint := widget.NewLabel(keysHint)
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	right := container.NewHSplit(container.NewBorder(nil, hint, nil, nil, v.list.content), v.detail.content)
	right.Offset = 0.45
	split := container.NewHSplit(v.dash.content, right)
	split.Offset = 0.2
	v.split = split
	v.newHistories()
	v.content = container.NewBorder(container.NewVBox(v.header, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(split, v.history.content))
	v.showInfo()
	return v
}

// start fills the views and shows the first requirement.
func (v *mainView) start() {
	v.refresh()
	v.list.selectIndex(0)
	v.win.Canvas().Focus(v.list.list)
}

// showInfo puts the dossier's identity in the header and title.
func (v *mainView) showInfo() {
	in := v.svc.Info()
	v.title.SetText(in.Name)
	v.titleBox.Objects[0].(*canvas.Rectangle).SetMinSize(fyne.NewSize(min(titleWidth,
		fyne.MeasureText(in.Name, theme.TextSubHeadingSize(), v.title.TextStyle).Width+4*theme.InnerPadding()), 0))
	v.titleBox.Refresh()
	v.subtitle.SetText(fmt.Sprintf("%s · %s %s · profils : %s · %s", in.Vendor, in.Product, in.ProductVersion,
		joinProfiles(in.Profiles), v.svc.Path()))
	title := "Dossier Ségur — " + in.Name
	if op := v.svc.Operator(); op != "" {
		title += " — opérateur : " + op
	}
	v.win.SetTitle(title)
}

// operatorSaved takes the operator set in the settings: recorded from now
// on, shown in the title bar, and saved for the CLI too.
func (v *mainView) operatorSaved(op dossier.Operator) {
	if v.h.operators != nil {
		if err := v.h.operators.SaveOperator(op); err != nil {
			showError(v.win, "Opérateur non enregistré pour la ligne de commande", err)
		}
	}
	name := op.String()
	if v.evidence != nil {
		name = v.evidence.d.operator()
	}
	v.svc.SetOperator(name)
	v.showInfo()
}

func joinProfiles(p []string) string {
	out := ""
	for i, name := range p {
		if i > 0 {
			out += " ; "
		}
		out += shorten(name, 40)
	}
	return out
}

// refresh reloads the list with the current filter, the dashboard and
// the progress. When the requirement shown has left the filtered list,
// the detail follows the list: the row that took its place, or nothing.
func (v *mainView) refresh() {
	f := v.list.filter()
	rows, err := v.svc.Rows(f)
	if err != nil {
		showError(v.win, "Lecture du dossier impossible", err)
		return
	}
	v.list.setRows(rows, v.current)
	d, err := v.svc.Dashboard()
	if err != nil {
		showError(v.win, "Lecture du dossier impossible", err)
		return
	}
	v.board, v.overview = d, d.Overview
	v.dash.setDashboard(d, f.Section, f.Gap)
	v.progress.SetValue(d.Progress())
	v.refreshPackage()
	v.life.SetText(lifeSummary(d.Tracking, d.Decision))
	v.life.Hidden = v.life.Text == ""
	v.followList()
	// A change adds an event: a history shown is read again.
	v.reqHistory.changed()
	v.history.changed()
}

// followList keeps the detail on a listed requirement: when the one shown
// is no longer listed, the row now at its place is shown (none when the
// list is empty).
func (v *mainView) followList() {
	if v.current == "" || v.list.index(v.current) >= 0 {
		v.showGaps()
		return
	}
	n := len(v.list.rows)
	if n == 0 {
		v.detail.flush()
		v.current = ""
		v.detail.clear()
		v.evidence.hide()
		return
	}
	v.list.selectIndex(min(v.lastIndex, n-1))
}

// showGaps tells in the detail what in the requirement shown blocks the
// final export, from the last dashboard.
func (v *mainView) showGaps() {
	var blocking, warnings []string
	for _, g := range v.board.Report.Blocking {
		if g.Req == v.current {
			blocking = append(blocking, g.Reason)
		}
	}
	for _, g := range v.board.Report.Warnings {
		if g.Req == v.current {
			warnings = append(warnings, g.Reason)
		}
	}
	v.detail.setGaps(blocking, warnings)
}

// onSection filters the list on a section ("" for all).
func (v *mainView) onSection(code string) {
	v.list.setSection(code)
}

// onGap filters the list on a kind of blocking gap ("" for none).
func (v *mainView) onGap(k dossier.GapKind) {
	v.list.setGap(k)
}

// onSelect shows a requirement in the detail.
func (v *mainView) onSelect(id string) {
	r, err := v.svc.Row(id)
	if err != nil {
		showError(v.win, "Exigence introuvable", err)
		return
	}
	v.current = id
	v.lastIndex = v.list.index(id)
	v.detail.show(r)
	v.showGaps()
	v.keepListFocus()
}

// keepListFocus gives the keyboard back to the list when a text field of
// the detail holds it, so that ↓ after a click on a row moves the
// selection, not the note's caret. The search field keeps it: typing
// there filters the list.
func (v *mainView) keepListFocus() {
	switch v.win.Canvas().Focused() {
	case v.detail.note, v.detail.justification:
		v.win.Canvas().Focus(v.list.list)
	}
}

// move selects the next (delta 1) or previous (-1) requirement of the
// list (timed when DOSSIER_SEGUR_TRACE asks, see trace.go).
func (v *mainView) move(delta int) {
	traceMove(func() { v.step(delta) })
}

// step is move untimed.
func (v *mainView) step(delta int) {
	n := len(v.list.rows)
	if n == 0 {
		return
	}
	i := v.list.index(v.current)
	var target int
	switch {
	case i >= 0:
		target = i + delta
	case delta > 0:
		// The current requirement left the filtered list: the next one
		// took its place.
		target = v.lastIndex
	default:
		target = v.lastIndex - 1
	}
	target = max(0, min(n-1, target))
	if target == i {
		return
	}
	v.list.selectIndex(target)
}

// applyChange stores a state change and refreshes the counts.
func (v *mainView) applyChange(id string, ch dossier.StateChange) (dossier.Row, error) {
	if _, err := v.svc.UpdateState(id, ch); err != nil {
		return dossier.Row{}, err
	}
	v.refresh()
	return v.svc.Row(id)
}

// setStatus is the Ctrl+1…4 shortcut.
func (v *mainView) setStatus(st dossier.Status) {
	v.detail.setStatus(st)
}

func (v *mainView) focusSearch() {
	v.win.Canvas().Focus(v.list.search)
}

// onProfiles edits the chosen profiles.
func (v *mainView) onProfiles() {
	v.detail.flush()
	v.profilesDlg = newProfilesDialog(v.win, v.svc.Catalogue(), v.svc.Info().Profiles, func(chosen []string) error {
		if err := v.svc.SetProfiles(chosen); err != nil {
			return err
		}
		v.showInfo()
		v.refresh()
		if r, err := v.svc.Row(v.current); err == nil && v.current != "" {
			v.detail.update(r)
		}
		return nil
	})
	v.profilesDlg.show()
}

// onInfo edits the dossier's identity.
func (v *mainView) onInfo() {
	v.infoDlg = newInfoDialog(v.win, v.svc.Info(), func(name, vendor, product, version string) error {
		if err := v.svc.UpdateInfo(name, vendor, product, version); err != nil {
			return err
		}
		v.showInfo()
		return nil
	})
	v.infoDlg.show()
}

// close saves pending edits and releases the dossier.
func (v *mainView) close() {
	v.detail.flush()
	v.evidence.close()
	// The note may still get a focus-lost event while the window changes
	// content: nothing is saved once the dossier is closed.
	v.detail.shown = false
	if err := v.svc.Close(); err != nil {
		log.Printf("close %s: %v", v.svc.Path(), err)
	}
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// menu is the main menu. Its shortcuts work wherever the focus is.
func (v *mainView) menu() *fyne.MainMenu {
	statusKeys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4}
	req := fyne.NewMenu("Exigence",
		item("Suivante", ctrl(fyne.KeyDown), func() { v.move(1) }),
		item("Précédente", ctrl(fyne.KeyUp), func() { v.move(-1) }),
		fyne.NewMenuItemSeparator(),
	)
	for i, st := range dossier.Statuses {
		st := st
		req.Items = append(req.Items, item("Statut : "+st.Label(), ctrl(statusKeys[i]), func() { v.setStatus(st) }))
	}
	req.Items = append(req.Items, fyne.NewMenuItemSeparator(), item("Rechercher", ctrl(fyne.KeyF), v.focusSearch),
		item("Historique", ctrl(fyne.KeyH), v.onHistory))
	req.Items = append(req.Items, v.evidenceMenuItems()...)
	return fyne.NewMainMenu(
		fyne.NewMenu("Dossier",
			item("Nouveau…", ctrl(fyne.KeyN), v.h.onNew),
			item("Ouvrir…", ctrl(fyne.KeyO), v.h.onOpen),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Profils…", v.onProfiles),
			fyne.NewMenuItem("Informations…", v.onInfo),
			fyne.NewMenuItem("Fiche candidature…", v.onIdentity),
			fyne.NewMenuItem("Dépôts et demandes de l'ANS…", v.onLifecycle),
			fyne.NewMenuItem("Candidature à d'autres profils…", v.onExtraProfile),
			fyne.NewMenuItem("Copie de travail…", v.onWorkingCopy),
			fyne.NewMenuItem("Fusionner un dossier…", v.onMerge),
			item("Historique du dossier", ctrlShift(fyne.KeyH), v.onDossierHistory),
			v.operatorMenuItem(),
			v.compactMenuItem(),
			fyne.NewMenuItem("Politique de fichiers…", v.onPolicy),
			fyne.NewMenuItem("Relecture…", v.onSignoffRules),
			fyne.NewMenuItemSeparator(),
			item("Vérifier la complétude", ctrl(fyne.KeyK), v.onCheck),
			item("Exporter le paquet…", ctrl(fyne.KeyE), v.onExport),
			fyne.NewMenuItem("Vérifier un paquet…", v.onVerify),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Importer le REM officiel…", v.onImportREM),
			fyne.NewMenuItem("Exigences hors catalogue…", v.onOffCatalogue),
			fyne.NewMenuItemSeparator(),
			item("Fermer", ctrl(fyne.KeyW), v.h.onClose),
		),
		req,
		fyne.NewMenu("Aide", fyne.NewMenuItem("À propos", v.h.onAbout)),
	)
}
