package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/rem"
)

// catalogueChoice is the start screen's "Catalogue : intégré / importer un
// REM…" choice: a new dossier starts on the embedded catalogue or on the
// official REM read from a file (as `new --catalogue`).
type catalogueChoice struct {
	embedded, imported     *dossier.Catalogue
	line                   *widget.Label
	importBtn, embeddedBtn *widget.Button
}

// newCatalogueChoice builds the choice; line describes the embedded one.
func (v *startView) newCatalogueChoice(embedded *dossier.Catalogue, line string) fyne.CanvasObject {
	c := &v.catalogue
	c.embedded = embedded
	c.line = wrapped(line)
	c.importBtn = widget.NewButtonWithIcon("Importer un REM…", theme.UploadIcon(), v.onImportREM)
	c.embeddedBtn = widget.NewButton("Catalogue intégré", v.onEmbedded)
	c.embeddedBtn.Hide()
	return container.NewBorder(nil, nil, nil, container.NewHBox(c.embeddedBtn, c.importBtn), c.line)
}

// chosenCatalogue is the catalogue a new dossier is created on: the
// imported REM when there is one, else nil (the embedded one).
func (v *startView) chosenCatalogue() *dossier.Catalogue {
	return v.catalogue.imported
}

func (v *startView) onImportREM() {
	chooseREM(v.win, v.folder.Text, func(path string) {
		bg := v.bg
		if bg == nil {
			bg = goBackground
		}
		readREM(v.win, bg, path, v.useImported)
	})
}

// useImported makes the next dossier start on an imported REM.
func (v *startView) useImported(res *rem.Result) {
	c := &v.catalogue
	c.imported = res.Catalogue
	r := res.Report
	c.line.SetText(fmt.Sprintf("Catalogue : REM importé de %s — %s (%s, %s, %s).",
		filepath.Base(r.Source), res.Catalogue.Title, fr.Plural(r.Exigences, "exigence", "exigences"), fr.Plural(r.Preconisations, "préconisation", "préconisations"),
		fr.Plural(len(r.Skipped), "ligne ignorée", "lignes ignorées")))
	c.line.Importance = widget.SuccessImportance
	c.line.Refresh()
	c.embeddedBtn.Show()
	v.setProfiles(res.Catalogue)
}

// onEmbedded goes back to the embedded catalogue.
func (v *startView) onEmbedded() {
	c := &v.catalogue
	c.imported = nil
	line := "Catalogue indisponible."
	if c.embedded != nil {
		line = fmt.Sprintf("Catalogue : %s (%d exigences et préconisations).", c.embedded.Title, len(c.embedded.Requirements))
	}
	c.line.SetText(line)
	c.line.Importance = widget.MediumImportance
	c.line.Refresh()
	c.embeddedBtn.Hide()
	v.setProfiles(c.embedded)
}

// setProfiles offers the profiles of another catalogue.
func (v *startView) setProfiles(cat *dossier.Catalogue) {
	var profiles []dossier.Profile
	if cat != nil {
		profiles = cat.Profiles
	}
	v.profiles = newProfileChecks(profiles, nil)
	for _, it := range v.form.Items {
		if it.Text == "Profils" {
			it.Widget = v.profiles.content
		}
	}
	v.form.Refresh()
}

// creationCatalogue is the catalogue of a dossier created from the start
// screen: the REM imported there, else the embedded one.
func (s *shell) creationCatalogue() (*dossier.Catalogue, error) {
	if s.startView != nil {
		if c := s.startView.chosenCatalogue(); c != nil {
			return c, nil
		}
	}
	return s.deps.DefaultCatalogue()
}
