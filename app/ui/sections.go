package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// sectionsView lists the sections with their applicable and proven
// counts; tapping one filters the requirement list.
type sectionsView struct {
	// items[0] is "all sections"; the others follow the catalogue.
	items []dossier.SectionProgress
	list  *widget.List
	quiet bool

	onSection func(code string)

	content fyne.CanvasObject
}

func newSectionsView(onSection func(string)) *sectionsView {
	v := &sectionsView{onSection: onSection}
	v.list = widget.NewList(
		func() int { return len(v.items) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, count, name)
		},
		v.updateItem,
	)
	v.list.OnSelected = func(i widget.ListItemID) {
		if v.quiet || i < 0 || i >= len(v.items) {
			return
		}
		v.onSection(v.items[i].Code)
	}
	head := widget.NewLabelWithStyle("Sections", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel("prêtes / applicables")
	hint.Importance = widget.LowImportance
	v.content = container.NewBorder(container.NewVBox(head, hint), nil, nil, nil, v.list)
	return v
}

// setOverview shows the counts of o and highlights the section code ("" for
// all sections).
func (v *sectionsView) setOverview(o dossier.Overview, code string) {
	all := dossier.SectionProgress{Label: allSections, Applicable: o.Applicable, Proven: o.ByStatus[dossier.Prete], Done: o.Done}
	v.items = append([]dossier.SectionProgress{all}, o.Sections...)
	v.list.Refresh()
	v.highlight(code)
}

// highlight selects the row of a section without filtering again.
func (v *sectionsView) highlight(code string) {
	v.quiet = true
	defer func() { v.quiet = false }()
	for i, it := range v.items {
		if it.Code == code {
			v.list.Select(i)
			return
		}
	}
}

func (v *sectionsView) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(v.items) {
		return
	}
	it := v.items[i]
	b := o.(*fyne.Container)
	name := b.Objects[0].(*widget.Label)
	count := b.Objects[1].(*widget.Label)
	if it.Code == "" {
		name.TextStyle = fyne.TextStyle{Bold: true}
		name.SetText(it.Label)
	} else {
		name.TextStyle = fyne.TextStyle{}
		name.SetText(it.Code + " · " + it.Label)
	}
	count.SetText(fmt.Sprintf("%d / %d", it.Proven, it.Applicable))
	switch {
	case it.Applicable == 0:
		count.Importance = widget.LowImportance
	case it.Proven == it.Applicable:
		count.Importance = widget.SuccessImportance
	default:
		count.Importance = widget.MediumImportance
	}
	count.Refresh()
}
