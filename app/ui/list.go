package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// Labels of the "everything" choice of each filter.
const (
	allStatuses = "Tous les statuts"
	allProfiles = "Tous les profils"
	allSections = "Toutes les sections"
)

// listView is the filter bar and the requirement list.
type listView struct {
	rows []dossier.Row

	status, profile, section *widget.Select
	exigences, outOfScope    *widget.Check
	openRequests             *widget.Check
	// signoff filters on a review state (review_list.go).
	signoff *widget.Select
	search  *widget.Entry
	count   *widget.Label
	list    *reqList

	statusOf  map[string]dossier.Status
	profileOf map[string]string
	sectionOf map[string]string
	// gap is the dashboard's gap filter ("" for none).
	gap dossier.GapKind

	// quiet is set while the view changes its own widgets, so their
	// callbacks do not fire handlers back.
	quiet bool

	onSelect func(id string)
	onFilter func()
	onMove   func(delta int)

	content fyne.CanvasObject
}

// catalogueOptions lists the profile and section filter options of a
// catalogue and records what each option stands for.
func (v *listView) catalogueOptions(cat *dossier.Catalogue) (profiles, sections []string) {
	v.profileOf, v.sectionOf = map[string]string{}, map[string]string{}
	profiles = []string{allProfiles}
	for _, p := range cat.Profiles {
		label := shorten(p.Name, 42)
		profiles = append(profiles, label)
		v.profileOf[label] = p.Name
	}
	sections = []string{allSections}
	for _, s := range cat.Sections {
		label := sectionOption(s)
		sections = append(sections, label)
		v.sectionOf[label] = s.Code
	}
	return profiles, sections
}

func newListView(cat *dossier.Catalogue, onSelect func(string), onFilter func(), onMove func(int)) *listView {
	v := &listView{onSelect: onSelect, onFilter: onFilter, onMove: onMove,
		statusOf: map[string]dossier.Status{}, profileOf: map[string]string{}, sectionOf: map[string]string{}}
	v.quiet = true // the initial selections below are not user filters
	defer func() { v.quiet = false }()

	statusOpts := []string{allStatuses}
	for _, st := range dossier.Statuses {
		statusOpts = append(statusOpts, st.Label())
		v.statusOf[st.Label()] = st
	}
	profileOpts, sectionOpts := v.catalogueOptions(cat)
	changed := func(string) { v.changed() }
	v.status = widget.NewSelect(statusOpts, changed)
	v.status.SetSelectedIndex(0)
	v.profile = widget.NewSelect(profileOpts, changed)
	v.profile.SetSelectedIndex(0)
	v.section = widget.NewSelect(sectionOpts, changed)
	v.section.SetSelectedIndex(0)
	v.exigences = widget.NewCheck("Exigences seulement", func(bool) { v.changed() })
	v.outOfScope = widget.NewCheck("Afficher hors périmètre", func(bool) { v.changed() })
	v.openRequests = widget.NewCheck("Demandes ANS ouvertes", func(bool) { v.changed() })
	v.signoff = newSignoffFilter(changed)
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("Rechercher un ID ou un texte (Ctrl+F)")
	v.search.OnChanged = changed
	v.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.count.Importance = widget.LowImportance

	v.list = newReqList(func() int { return len(v.rows) }, v.createItem, v.updateItem, v.onMove)
	v.list.OnSelected = func(i widget.ListItemID) {
		if v.quiet || i < 0 || i >= len(v.rows) {
			return
		}
		v.onSelect(v.rows[i].Req.ID)
	}

	// Two filters a row: at 1024×768 three in a row cut their labels.
	filters := container.NewVBox(
		v.search,
		container.NewGridWithColumns(2, v.status, v.profile),
		v.section,
		// Two check boxes a row: three in a row widen the list past what
		// 1024×768 leaves it.
		container.NewHBox(v.exigences, v.outOfScope),
		container.NewBorder(nil, nil, v.openRequests, nil, v.signoff),
	)
	v.content = container.NewBorder(filters, v.count, nil, nil, v.list)
	return v
}

func sectionOption(s dossier.Section) string {
	return shorten(s.Code+" — "+s.Label, 42)
}

// shorten cuts a label to max runes with an ellipsis.
func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

// filter is what the filter bar asks for.
func (v *listView) filter() dossier.Filter {
	return dossier.Filter{
		Status:        v.statusOf[v.status.Selected],
		Profile:       v.profileOf[v.profile.Selected],
		Section:       v.sectionOf[v.section.Selected],
		ExigencesOnly: v.exigences.Checked,
		Query:         v.search.Text,
		OutOfScope:    v.outOfScope.Checked,
		Gap:           v.gap,
		OpenRequests:  v.openRequests.Checked,
		Signoff:       signoffFilterState(v.signoff.Selected),
	}
}

// setGap filters on a kind of blocking gap ("" for none) and refreshes.
func (v *listView) setGap(k dossier.GapKind) {
	v.gap = k
	v.changed()
}

func (v *listView) changed() {
	if v.quiet || v.onFilter == nil {
		return
	}
	v.onFilter()
}

// setSection selects a section filter ("" for all) without firing twice.
func (v *listView) setSection(code string) {
	want := allSections
	for label, c := range v.sectionOf {
		if c == code {
			want = label
		}
	}
	if v.section.Selected != want {
		v.section.SetSelected(want)
	}
}

// setRows shows rows and highlights the requirement current, if listed.
func (v *listView) setRows(rows []dossier.Row, current string) {
	v.rows = rows
	text := countText(len(rows))
	if v.gap != "" {
		text += " · filtre du tableau de bord : " + v.gap.Label()
	}
	v.count.SetText(text)
	v.quiet = true
	v.list.UnselectAll()
	if i := v.index(current); i >= 0 {
		v.list.Select(i)
	}
	v.quiet = false
	v.list.Refresh()
}

func countText(n int) string {
	if n == 0 {
		return "aucune exigence affichée"
	}
	return fr.Plural(n, "exigence affichée", "exigences affichées")
}

// index is the position of a requirement in the list, or -1.
func (v *listView) index(id string) int {
	for i, r := range v.rows {
		if r.Req.ID == id {
			return i
		}
	}
	return -1
}

// selectIndex selects the row at i, firing onSelect.
func (v *listView) selectIndex(i int) {
	if i < 0 || i >= len(v.rows) {
		return
	}
	v.list.Select(i)
	v.list.ScrollTo(i)
}

func (v *listView) createItem() fyne.CanvasObject {
	id := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	status := widget.NewLabel("")
	marker := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	summary := widget.NewLabel("")
	summary.Truncation = fyne.TextTruncateEllipsis
	left := container.NewHBox(fixedWidth(id, 112), fixedWidth(status, 112), marker)
	return container.NewBorder(nil, nil, left, nil, summary)
}

func (v *listView) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(v.rows) {
		return
	}
	r := v.rows[i]
	b := o.(*fyne.Container)
	summary := b.Objects[0].(*widget.Label)
	left := b.Objects[1].(*fyne.Container)
	id := left.Objects[0].(*fyne.Container).Objects[1].(*widget.Label)
	status := left.Objects[1].(*fyne.Container).Objects[1].(*widget.Label)
	marker := left.Objects[2].(*widget.Label)

	relabel(id, r.Req.ID, id.Importance)
	relabel(status, r.State.Status.Label(), statusImportance(r.State.Status))
	markerImp := widget.LowImportance
	if !r.Applicable || r.State.Review || len(r.Track.Open) > 0 {
		markerImp = widget.WarningImportance
	}
	if imp, ok := signoffImportance(r); ok && markerImp != widget.WarningImportance {
		markerImp = imp
	}
	if r.Track.Overdue() || r.Signoff.State == dossier.SignoffToCorrect {
		markerImp = widget.DangerImportance
	}
	relabel(marker, rowMarker(r), markerImp)
	// An imported REM has the official statement and no paraphrase; its
	// statements often start alike ("Le système DOIT…"), so its short
	// title (Fonction or Bloc) names the row when it has one.
	text := r.Req.Text()
	if t := r.Req.Title(); t != "" {
		text = t
	}
	relabel(summary, text, summary.Importance)
}

// rowMarker flags préconisations, out-of-scope rows and rows "à revoir"
// after a catalogue change.
func rowMarker(r dossier.Row) string {
	var parts []string
	if r.Req.Nature == dossier.Preconisation {
		parts = append(parts, "préco. non contrôlée")
	}
	if !r.Applicable {
		parts = append(parts, "hors périmètre")
	}
	if r.State.Review {
		parts = append(parts, "à revoir")
	}
	if r.Req.NonFinal != "" {
		parts = append(parts, "non définitive")
	}
	parts = append(parts, trackMarker(r)...)
	if r.Signoff.State != dossier.SignoffNone {
		parts = append(parts, strings.ToLower(r.Signoff.State.Label()))
	}
	return strings.Join(parts, " · ")
}

func statusImportance(s dossier.Status) widget.Importance {
	switch s {
	case dossier.EnCours:
		return widget.WarningImportance
	case dossier.Prete:
		return widget.SuccessImportance
	case dossier.NonApplicable:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// fixedWidth gives o at least width w, so list columns line up.
func fixedWidth(o fyne.CanvasObject, w float32) *fyne.Container {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(r, o)
}

// reqList is a list where Up and Down move the selection itself, so the
// detail follows the keyboard.
type reqList struct {
	widget.List
	onMove func(delta int)
}

func newReqList(length func() int, create func() fyne.CanvasObject,
	update func(widget.ListItemID, fyne.CanvasObject), onMove func(int)) *reqList {
	l := &reqList{onMove: onMove}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey implements fyne.Focusable: Up and Down select.
func (l *reqList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		l.onMove(1)
	case fyne.KeyUp:
		l.onMove(-1)
	default:
		l.List.TypedKey(ev)
	}
}
