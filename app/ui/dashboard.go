package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// dashboardView is the dossier's home view, always beside the list: the
// overall progress, per section a bar of its statuses with the count of
// blocking gaps (tapping a section filters the list), and what blocks the
// final export grouped by kind of gap (tapping a group filters the list on
// it, so the requirements it names can be walked without losing the
// panel).
type dashboardView struct {
	board dossier.Dashboard
	// items[0] is "all sections"; the others follow the catalogue.
	items []dossier.SectionProgress
	list  *widget.List
	quiet bool

	overall *widgets.StackBar
	summary *widget.Label
	// signoff counts validated, to validate, to correct (review on only).
	signoff *widget.Label
	final   *widget.Label
	groups  *fyne.Container
	// gap is the group the list is filtered on, "" for none.
	gap     dossier.GapKind
	showAll *widget.Button

	onSection func(code string)
	onGap     func(k dossier.GapKind)
	// life is the deposits and requests block (dashboard_life.go);
	// onOpenRequests filters the list on the open requests.
	life           *fyne.Container
	onOpenRequests func()

	content fyne.CanvasObject
}

// statusSegments draws counts by status: Prête, Non applicable, En cours,
// À faire.
func statusSegments(by map[dossier.Status]int) []widgets.Segment {
	return []widgets.Segment{
		{Value: by[dossier.Prete], Color: theme.ColorNameSuccess},
		{Value: by[dossier.NonApplicable], Color: theme.ColorNameDisabled},
		{Value: by[dossier.EnCours], Color: theme.ColorNameWarning},
		{Value: by[dossier.AFaire], Color: theme.ColorNameInputBorder},
	}
}

func newDashboardView(onSection func(string), onGap func(dossier.GapKind)) *dashboardView {
	v := &dashboardView{onSection: onSection, onGap: onGap}
	v.list = widget.NewList(func() int { return len(v.items) }, v.createItem, v.updateItem)
	v.list.OnSelected = func(i widget.ListItemID) {
		if v.quiet || i < 0 || i >= len(v.items) {
			return
		}
		v.onSection(v.items[i].Code)
	}
	v.overall = widgets.NewStackBar()
	v.overall.Height = 12
	// No wrapping in this column: a label that wraps changes its height
	// after the layout that sized it, and the list below would overlap it.
	v.summary = widget.NewLabel("")
	v.summary.Truncation = fyne.TextTruncateEllipsis
	v.signoff = widget.NewLabel("")
	v.signoff.Truncation = fyne.TextTruncateEllipsis
	v.signoff.Hide()
	v.final = widget.NewLabel("")
	v.final.Truncation = fyne.TextTruncateEllipsis
	v.final.TextStyle = fyne.TextStyle{Bold: true}
	v.groups = container.NewVBox()
	v.showAll = widget.NewButtonWithIcon("Tout afficher", theme.ContentClearIcon(), func() { v.onGap("") })
	v.showAll.Hide()
	v.life = container.NewVBox()
	v.life.Hide()
	head := container.NewVBox(bold("Tableau de bord"), v.overall, v.summary, v.signoff, v.life, widget.NewSeparator(),
		bold("Sections"))
	bottom := container.NewVBox(widget.NewSeparator(), v.final, v.groups, v.showAll)
	v.content = container.NewBorder(head, bottom, nil, nil, v.list)
	return v
}

// setDashboard shows d, highlighting the section code ("" for all) and the
// gap group the list is filtered on.
func (v *dashboardView) setDashboard(d dossier.Dashboard, code string, gap dossier.GapKind) {
	v.board, v.gap = d, gap
	all := dossier.SectionProgress{Label: allSections, Applicable: d.Applicable, Proven: d.ByStatus[dossier.Prete], Done: d.Done,
		ByStatus: d.ByStatus, Blocking: len(d.Report.Blocking)}
	v.items = append([]dossier.SectionProgress{all}, d.Sections...)
	v.list.Refresh()
	v.highlight(code)
	v.overall.SetSegments(statusSegments(d.ByStatus)...)
	v.summary.SetText(fmt.Sprintf("%d / %d traitées · %s", d.Done, d.Applicable,
		fr.Plural(d.Evidence, "preuve", "preuves")))
	if d.Final() {
		v.final.SetText("Export définitif possible")
		v.final.Importance = widget.SuccessImportance
	} else {
		v.final.SetText("Export bloqué par :")
		v.final.Importance = widget.DangerImportance
	}
	v.final.Refresh()
	setSignoffLine(v.signoff, d.Signoff)
	v.setLife(d)
	v.groups.RemoveAll()
	for _, g := range d.Groups {
		v.groups.Add(v.groupRow(g))
	}
	if gap != "" {
		v.showAll.Show()
	} else {
		v.showAll.Hide()
	}
}

// groupRow is one kind of gap: a link that filters the list, and how many
// requirements it concerns.
func (v *dashboardView) groupRow(g dossier.GapGroup) fyne.CanvasObject {
	link := widget.NewHyperlink(g.Label, nil)
	link.Truncation = fyne.TextTruncateEllipsis
	k := g.Kind
	link.OnTapped = func() { v.onGap(k) }
	if k == v.gap {
		link.TextStyle = fyne.TextStyle{Bold: true}
		link.SetText(g.Label + " (filtre actif)")
	}
	n := widget.NewLabel(fmt.Sprint(len(g.Reqs)))
	n.Importance = widget.DangerImportance
	return container.NewBorder(nil, nil, nil, n, link)
}

// highlight selects the row of a section without filtering again.
func (v *dashboardView) highlight(code string) {
	v.quiet = true
	defer func() { v.quiet = false }()
	for i, it := range v.items {
		if it.Code == code {
			v.list.Select(i)
			return
		}
	}
}

func (v *dashboardView) createItem() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	count := widget.NewLabel("")
	bar := widgets.NewStackBar()
	blocking := widget.NewLabel("")
	blocking.SizeName = theme.SizeNameCaptionText
	blocking.Importance = widget.DangerImportance
	return container.NewVBox(container.NewBorder(nil, nil, nil, count, name),
		container.NewBorder(nil, nil, nil, blocking, container.NewVBox(layout.NewSpacer(), bar, layout.NewSpacer())))
}

func (v *dashboardView) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(v.items) {
		return
	}
	it := v.items[i]
	box := o.(*fyne.Container)
	row := box.Objects[0].(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	count := row.Objects[1].(*widget.Label)
	under := box.Objects[1].(*fyne.Container)
	bar := under.Objects[0].(*fyne.Container).Objects[1].(*widgets.StackBar)
	blocking := under.Objects[1].(*widget.Label)
	if it.Code == "" {
		name.TextStyle = fyne.TextStyle{Bold: true}
		name.SetText(it.Label)
	} else {
		name.TextStyle = fyne.TextStyle{}
		name.SetText(it.Code + " · " + it.Label)
	}
	count.SetText(fmt.Sprintf("%d/%d", it.Done, it.Applicable))
	blocking.SetText("")
	if it.Blocking > 0 {
		blocking.SetText(fr.Plural(it.Blocking, "manque", "manques"))
	}
	switch {
	case it.Applicable == 0:
		count.Importance = widget.LowImportance
	case it.Blocking > 0:
		count.Importance = widget.DangerImportance
	case it.Done == it.Applicable:
		count.Importance = widget.SuccessImportance
	default:
		count.Importance = widget.MediumImportance
	}
	count.Refresh()
	bar.SetSegments(statusSegments(it.ByStatus)...)
}
