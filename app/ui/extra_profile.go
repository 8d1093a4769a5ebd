package ui

import (
	"log"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// extraProfileDialog starts, from the referenced dossier open, the
// application for another profile: the requirements filed and accepted
// are carried as "déjà référencée" into a new dossier file, which opens.
type extraProfileDialog struct {
	profile *widget.Select
	again   *widget.Entry
	name    *widget.Entry
	dialog  dialog.Dialog
}

// onExtraProfile opens the dialog.
func (v *mainView) onExtraProfile() {
	var choices []string
	for _, p := range v.svc.Catalogue().Profiles {
		if !slices.Contains(v.svc.Info().Profiles, p.Name) {
			choices = append(choices, p.Name)
		}
	}
	d := &extraProfileDialog{profile: widget.NewSelect(choices, nil), again: widget.NewEntry(), name: widget.NewEntry()}
	d.again.SetPlaceHolder("exigences que l'ANS demande de prouver de nouveau (facultatif)")
	d.name.SetText(strings.TrimSuffix(v.svc.Path(), filepath.Ext(v.svc.Path())) + "-profils.segur")
	items := []*widget.FormItem{
		widget.NewFormItem("Profil demandé", d.profile),
		widget.NewFormItem("À prouver de nouveau", d.again),
		widget.NewFormItem("Nouveau dossier", d.name),
	}
	d.dialog = dialog.NewForm("Candidature à d'autres profils", "Créer", "Annuler", items, func(ok bool) {
		if ok {
			v.createExtraProfile(d.profile.Selected, d.again.Text, d.name.Text)
		}
	}, v.win)
	d.dialog.Resize(fyne.NewSize(760, 0))
	d.dialog.Show()
}

// createExtraProfile plans the new application and asks the shell to
// create and open it.
func (v *mainView) createExtraProfile(profile, again, path string) {
	var againIDs []string
	if strings.TrimSpace(again) != "" {
		againIDs = strings.Split(again, ",")
	}
	ep, err := dossier.PlanExtraProfile(v.svc, []string{profile}, againIDs)
	if err != nil {
		log.Printf("extra profile from %s: %v", v.svc.Path(), err)
		showError(v.win, "Candidature non créée", err)
		return
	}
	v.detail.flush()
	v.h.onCreateFrom(strings.TrimSpace(path), ep.Info, v.svc.Catalogue())
}

// onCreateFrom creates a dossier on a given catalogue (an application
// for more profiles) and opens it.
func (s *shell) onCreateFrom(path string, info dossier.Info, cat *dossier.Catalogue) {
	var svc *dossier.Service
	var err error
	s.bg(func() {
		svc, err = dossier.CreateAs(s.deps.Opener, path, info, cat, s.operator())
	}, func() {
		if err != nil {
			showError(s.win, "Impossible de créer le dossier", err)
			return
		}
		s.showMain(svc)
	})
}
