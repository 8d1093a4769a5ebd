package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// workCopyDialog makes a working copy of the open dossier for a teammate:
// the same dossier (it merges back with "Fusionner un dossier…"), with the
// proofs of the chosen sections only, to keep it small.
type workCopyDialog struct {
	v        *mainView
	sections *widget.CheckGroup
	name     *widget.Entry
	dialog   dialog.Dialog
	// done is the copy made (for tests).
	done *dossier.WorkingCopyReport
}

// onWorkingCopy opens the dialog.
func (v *mainView) onWorkingCopy() {
	var codes []string
	labels := map[string]string{}
	for _, sec := range v.svc.Catalogue().Sections {
		label := sec.Code + " — " + shorten(sec.Label, 50)
		codes = append(codes, label)
		labels[label] = sec.Code
	}
	d := &workCopyDialog{v: v, sections: widget.NewCheckGroup(codes, nil), name: widget.NewEntry()}
	d.name.SetText(strings.TrimSuffix(v.svc.Path(), filepath.Ext(v.svc.Path())) + "-copie.segur")
	note := wrapped("Sans section cochée, la copie emporte toutes les preuves. Elle garde l'identifiant du dossier : " +
		"votre coéquipier y travaille, puis vous la fusionnez ici (Dossier › Fusionner un dossier…).")
	items := []*widget.FormItem{
		widget.NewFormItem("Nouveau fichier", d.name),
		widget.NewFormItem("Preuves des sections", d.sections),
		widget.NewFormItem("", note),
	}
	d.dialog = dialog.NewForm("Copie de travail", "Créer", "Annuler", items, func(ok bool) {
		if !ok {
			return
		}
		var secs []string
		for _, l := range d.sections.Selected {
			secs = append(secs, labels[l])
		}
		d.run(strings.TrimSpace(d.name.Text), secs)
	}, v.win)
	d.dialog.Resize(fyne.NewSize(720, 0))
	v.pkg.workCopy = d
	d.dialog.Show()
}

// run writes the copy off the UI goroutine, with progress.
func (d *workCopyDialog) run(path string, sections []string) {
	v := d.v
	v.detail.flush()
	ctx, cancel := context.WithCancel(v.svc.Context())
	prog := widgets.NewProgress(v.win, "Copie de travail", "Copie vers "+filepath.Base(path)+"…", true, cancel)
	prog.Show()
	var rep dossier.WorkingCopyReport
	var err error
	v.background()(func() {
		rep, err = v.svc.WorkingCopy(ctx, path, sections, func(done, total int64) {
			if total > 0 {
				fyne.Do(func() { prog.Set(fr.Size(done)+" sur "+fr.Size(total), float64(done)/float64(total)) })
			}
		})
	}, func() {
		cancel()
		prog.Hide()
		if err != nil {
			if errors.Is(err, dossier.ErrCancelled) {
				return
			}
			log.Printf("working copy of %s: %v", v.svc.Path(), err)
			showError(v.win, "Copie de travail impossible", err)
			return
		}
		d.done = &rep
		scope := "toutes les sections"
		if len(rep.Sections) > 0 {
			scope = "sections " + strings.Join(rep.Sections, ", ")
		}
		showNotice(v.win, "Copie de travail créée", fmt.Sprintf("%s (%s) : %s, %s. Donnez ce fichier à votre coéquipier ; "+
			"quand il a fini, fusionnez-le dans ce dossier (Dossier › Fusionner un dossier…).",
			rep.Path, scope, fr.Plural(rep.Evidence, "preuve", "preuves"), fr.Size(rep.Bytes)))
	})
}
