package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// offCatalogueDialog lists the requirements kept "hors catalogue" after a
// catalogue change (Service.OffCatalogue): the current catalogue lacks
// them, but their status, note and evidence are kept, never deleted.
type offCatalogueDialog struct {
	ids    []string
	box    *fyne.Container
	dialog dialog.Dialog
}

func newOffCatalogueDialog(win fyne.Window, svc *dossier.Service) (*offCatalogueDialog, error) {
	ids, err := svc.OffCatalogue()
	if err != nil {
		return nil, err
	}
	snap, err := svc.Snapshot()
	if err != nil {
		return nil, err
	}
	d := &offCatalogueDialog{ids: ids, box: container.NewVBox()}
	d.box.Add(wrapped(fmt.Sprintf("%s d'un catalogue précédent, absentes du catalogue %s. "+
		"Leur statut, leur note et leurs preuves sont conservés ; elles ne comptent pas dans la complétude.", fr.Plural(len(ids), "exigence", "exigences"), fr.Quote(svc.Catalogue().Title))))
	for _, id := range ids {
		st := dossier.StateOf(snap.States, id)
		line := fmt.Sprintf("%s — %s · %s", id, st.Status.Label(), fr.Plural(len(snap.EvidenceOf(id)), "preuve", "preuves"))
		if st.Note != "" {
			line += " · note : " + shorten(strings.ReplaceAll(st.Note, "\n", " "), 80)
		}
		d.box.Add(wrapped(line))
	}
	var content fyne.CanvasObject = d.box
	s := win.Canvas().Size()
	h := float32(0)
	if len(ids) > 8 {
		content, h = container.NewVScroll(d.box), s.Height*0.6
	}
	d.dialog = dialog.NewCustom("Exigences hors catalogue", "Fermer", content, win)
	d.dialog.Resize(fyne.NewSize(min(s.Width*0.8, 900), h))
	return d, nil
}

// onOffCatalogue lists the requirements kept from a previous catalogue.
func (v *mainView) onOffCatalogue() {
	d, err := newOffCatalogueDialog(v.win, v.svc)
	if err != nil {
		showError(v.win, "Lecture du dossier impossible", err)
		return
	}
	v.pkg.off = d
	d.dialog.Show()
}

// newScopeFlags makes the header's "à revoir" and "hors catalogue" counts;
// the second opens the list of kept requirements.
func (v *mainView) newScopeFlags() fyne.CanvasObject {
	v.pkg.review = widget.NewLabel("")
	v.pkg.review.Importance = widget.WarningImportance
	v.pkg.review.Hide()
	v.pkg.offBtn = widget.NewButton("", v.onOffCatalogue)
	v.pkg.offBtn.Importance = widget.WarningImportance
	v.pkg.offBtn.Hide()
	return container.NewHBox(v.pkg.review, v.pkg.offBtn)
}

// refreshScopeFlags shows the counts of the last overview.
func (v *mainView) refreshScopeFlags() {
	if v.pkg.review == nil {
		return
	}
	o := v.overview
	if o.Review > 0 {
		v.pkg.review.SetText(fmt.Sprintf("%d à revoir", o.Review))
		v.pkg.review.Show()
	} else {
		v.pkg.review.Hide()
	}
	if o.OffCatalogue > 0 {
		v.pkg.offBtn.SetText(fmt.Sprintf("%d hors catalogue", o.OffCatalogue))
		v.pkg.offBtn.Show()
	} else {
		v.pkg.offBtn.Hide()
	}
}
