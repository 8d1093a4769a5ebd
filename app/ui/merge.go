package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// Choices of the per-requirement conflict resolution.
const (
	keepMine   = "Garder ce dossier"
	keepTheirs = "Garder la copie"
)

// mergeDialog brings a teammate's copy of the dossier in: a dry run first,
// whose report and conflicts (one choice per requirement) it shows, then
// the merge itself, off the UI goroutine with progress.
type mergeDialog struct {
	v     *mainView
	path  string // the other copy
	other *dossier.Service
	rep   dossier.MergeReport
	// choices holds, per requirement in conflict, the side to keep.
	choices map[string]*widget.RadioGroup
	apply   *widget.Button
	dialog  dialog.Dialog
	// body is the report and the conflicts, shown in scroll.
	body   *fyne.Container
	scroll *container.Scroll
	// done is the applied merge's report (for tests).
	done *dossier.MergeReport
}

// onMerge asks for the other copy, starting beside the dossier.
func (v *mainView) onMerge() {
	widgets.PickFile(v.win, widgets.FileChoice{Title: "Fusionner un dossier (.segur)", Confirm: "Fusionner",
		Folder: filepath.Dir(v.svc.Path()), Exts: []string{".segur"}}, v.mergeFrom)
}

// mergeFrom opens the copy at path read-only and shows what merging it
// would bring in.
func (v *mainView) mergeFrom(path string) {
	if err := dossier.CheckMergeSource(v.svc.Path(), path); err != nil {
		showError(v.win, "Fusion impossible", err)
		return
	}
	v.detail.flush()
	d := &mergeDialog{v: v, path: path}
	v.pkg.merge = d
	var err error
	v.background()(func() {
		if d.other, err = v.h.openCopy(path); err == nil {
			d.rep, err = v.svc.Merge(v.svc.Context(), d.other, dossier.MergeOptions{}, nil)
		}
	}, func() {
		if err != nil {
			d.close()
			showError(v.win, "Fusion impossible", err)
			return
		}
		d.show()
	})
}

// close releases the other copy.
func (d *mergeDialog) close() {
	if d.other != nil {
		d.other.Close()
		d.other = nil
	}
}

// show puts the dry run's report and the conflicts on screen.
func (d *mergeDialog) show() {
	if d.rep.NoOp() {
		d.close()
		showNotice(d.v.win, "Rien à fusionner", "Le dossier contient déjà tout ce que la copie "+fr.Quote(filepath.Base(d.path))+" apporte : rien n'a été écrit.")
		return
	}
	body := container.NewVBox(wrapped(mergeSummary(d.rep)))
	d.choices = map[string]*widget.RadioGroup{}
	for _, c := range d.rep.Conflicts {
		if c.Resolved == dossier.Revalidate {
			body.Add(wrapped(fmt.Sprintf("%s : décisions de relecture différentes (ce dossier %s, la copie %s) ; l'exigence sera à valider de nouveau.",
				c.Req, fr.Quote(dossier.FieldValueLabel(c.Field, c.Mine)), fr.Quote(dossier.FieldValueLabel(c.Field, c.Theirs)))))
		}
	}
	for _, req := range conflictReqs(d.rep.Conflicts) {
		radio := widget.NewRadioGroup([]string{keepMine, keepTheirs}, func(string) { d.refreshApply() })
		radio.Horizontal = true
		d.choices[req] = radio
		lines := []string{}
		for _, c := range d.rep.Conflicts {
			if c.Req == req && c.Resolved != dossier.Revalidate {
				lines = append(lines, fmt.Sprintf("%s : ce dossier %s, la copie %s", dossier.ConflictLabel(c), fr.Quote(shorten(dossier.FieldValueLabel(c.Field, c.Mine), 60)), fr.Quote(shorten(dossier.FieldValueLabel(c.Field, c.Theirs), 60))))
			}
		}
		name := req
		if req == dossier.MergeDossier {
			name = "Dossier : identité, profils, règles"
		}
		title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body.Add(container.NewVBox(widget.NewSeparator(), title, wrapped(strings.Join(lines, "\n")), radio))
	}
	d.apply = widget.NewButton("Fusionner", d.run)
	d.apply.Importance = widget.HighImportance
	cancel := widget.NewButton("Annuler", func() { d.dialog.Hide(); d.close() })
	d.body, d.scroll = body, container.NewVScroll(body)
	d.scroll.SetMinSize(fyne.NewSize(640, shownHeight(body, 640, d.v.win)))
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, d.apply), nil, nil, d.scroll)
	d.dialog = dialog.NewCustomWithoutButtons("Fusionner "+filepath.Base(d.path), content, d.v.win)
	d.dialog.Resize(fyne.NewSize(720, 0))
	d.refreshApply()
	d.dialog.Show()
}

// refreshApply enables "Fusionner" once every conflict is decided.
func (d *mergeDialog) refreshApply() {
	for _, r := range d.choices {
		if r.Selected == "" {
			d.apply.Disable()
			return
		}
	}
	d.apply.Enable()
}

// run applies the merge with the choices made, with progress.
func (d *mergeDialog) run() {
	opt := dossier.MergeOptions{Apply: true, Resolve: map[string]dossier.Side{}}
	for req, r := range d.choices {
		opt.Resolve[req] = dossier.Mine
		if r.Selected == keepTheirs {
			opt.Resolve[req] = dossier.Theirs
		}
	}
	d.dialog.Hide()
	ctx, cancel := context.WithCancel(d.v.svc.Context())
	prog := widgets.NewProgress(d.v.win, "Fusion", "Copie des preuves de "+filepath.Base(d.path)+"…", true, cancel)
	prog.Show()
	var rep dossier.MergeReport
	var err error
	d.v.background()(func() {
		rep, err = d.v.svc.Merge(ctx, d.other, opt, func(done, total int64) {
			if total > 0 {
				fyne.Do(func() { prog.Set(fr.Size(done)+" sur "+fr.Size(total), float64(done)/float64(total)) })
			}
		})
	}, func() {
		cancel()
		prog.Hide()
		d.close()
		if err != nil {
			if errors.Is(err, dossier.ErrCancelled) {
				showNotice(d.v.win, "Fusion annulée", "La fusion a été annulée : le dossier est inchangé.")
				return
			}
			log.Printf("merge %s into %s: %v", d.path, d.v.svc.Path(), err)
			showError(d.v.win, "Fusion impossible", err)
			return
		}
		d.done = &rep
		d.v.refresh()
		d.v.evidence.reload()
		showNotice(d.v.win, "Fusion faite", mergeSummary(rep))
	})
}

// mergeSummary is the report in French.
func mergeSummary(rep dossier.MergeReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Preuves apportées : %d (%s de contenu nouveau)\n", rep.EvidenceAdded, fr.Size(rep.BytesAdded))
	fmt.Fprintf(&b, "Exigences modifiées : %d", len(rep.RequirementsChanged))
	if n := len(rep.RequirementsChanged); n > 0 && n <= 12 {
		fmt.Fprintf(&b, " (%s)", strings.Join(rep.RequirementsChanged, ", "))
	}
	if len(rep.DossierChanged) > 0 {
		fmt.Fprintf(&b, "\nDossier, repris de la copie : %s", strings.Join(dossier.FieldLabels(rep.DossierChanged), ", "))
	}
	if n := len(rep.ApplicableAdded); n > 0 {
		fmt.Fprintf(&b, "\n%s dans le périmètre", fr.Plural(n, "exigence entre", "exigences entrent"))
	}
	if n := len(rep.ApplicableRemoved); n > 0 {
		fmt.Fprintf(&b, "\n%s du périmètre", fr.Plural(n, "exigence sort", "exigences sortent"))
	}
	if rep.EventsAdded > 0 {
		fmt.Fprintf(&b, "\nÉvénements du journal repris : %d", rep.EventsAdded)
	}
	switch n := len(rep.Conflicts); {
	case rep.Applied:
	case n == 0:
		b.WriteString("\nAucun conflit.")
	default:
		fmt.Fprintf(&b, "\n%s changé des deux côtés : choisissez, pour chaque exigence (et pour le dossier), la version à garder.", fr.Plural(n, "champ a", "champs ont"))
	}
	return b.String()
}

// conflictReqs lists the requirements with a conflict for a person to
// decide, once each, in order.
func conflictReqs(cs []dossier.Conflict) []string {
	var out []string
	for _, c := range cs {
		if c.Resolved == dossier.Revalidate {
			continue
		}
		if len(out) == 0 || out[len(out)-1] != c.Req {
			out = append(out, c.Req)
		}
	}
	return out
}
