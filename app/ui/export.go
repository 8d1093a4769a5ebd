package ui

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// zipExt is the extension of submission packages.
const zipExt = ".zip"

// exportDialog asks where to write the submission package and whether it
// is a draft, then runs export.Export off the UI goroutine with a progress
// bar and "Annuler". Refusing a final package while blocking gaps remain
// is export.Export's rule; the dialog only words it.
type exportDialog struct {
	win fyne.Window
	svc *dossier.Service
	bg  background
	// onGaps opens the completeness panel.
	onGaps func()

	folder, name *widget.Entry
	draft        *widget.Check
	delta        *widget.Check
	exportBtn    *widget.Button
	dialog       dialog.Dialog

	// cancel stops the running export; progress is its dialog.
	cancel   context.CancelFunc
	progress *widgets.Progress
	// result is the last outcome's message, gapsBtn the refusal's
	// "Voir les manques" (for tests).
	result  string
	gapsBtn *widget.Button
	// report is the completeness of the dossier exported.
	report dossier.Report
}

// phaseText names an export phase for the progress dialog.
func phaseText(p export.Phase) string {
	switch p {
	case export.PhaseFiles:
		return "Écriture des fichiers de preuve"
	case export.PhaseManifest:
		return "Écriture du manifeste"
	case export.PhaseWorkbook:
		return "Écriture du classeur Convergence"
	case export.PhaseReport:
		return "Écriture du rapport PDF (vignettes des captures)"
	}
	return "Enregistrement sur le disque et renommage du paquet"
}

func newExportDialog(win fyne.Window, svc *dossier.Service, bg background, onGaps func()) *exportDialog {
	d := &exportDialog{win: win, svc: svc, bg: bg, onGaps: onGaps}
	d.folder = widget.NewEntry()
	d.folder.SetText(filepath.Dir(svc.Path()))
	folderBtn := widget.NewButtonWithIcon("Choisir…", theme.FolderOpenIcon(), d.onChooseFolder)
	d.name = widget.NewEntry()
	d.name.SetText(fileNameFor(svc.Info().Name) + "-paquet" + zipExt)
	d.draft = widget.NewCheck("Brouillon (exporter malgré les manques bloquants ; le paquet est marqué BROUILLON)", nil)
	d.delta = widget.NewCheck("Seulement les exigences dont les preuves ont changé depuis le dernier dépôt (dépôt au fil de l'eau)", nil)
	d.exportBtn = widget.NewButtonWithIcon("Exporter", theme.DocumentSaveIcon(), d.onExportTapped)
	d.exportBtn.Importance = widget.HighImportance
	cancel := widget.NewButton("Annuler", func() { d.dialog.Hide() })
	form := widget.NewForm(
		widget.NewFormItem("Dossier de destination", container.NewBorder(nil, nil, nil, folderBtn, d.folder)),
		widget.NewFormItem("Nom du paquet", d.name),
	)
	note := wrapped("Le paquet ZIP contient les preuves rangées par section et exigence, les manifestes, le classeur Convergence et le rapport PDF. " +
		"Il est écrit sous un nom temporaire puis renommé : un export annulé ne laisse aucun fichier.")
	note.Importance = widget.LowImportance
	content := container.NewVBox(form, d.draft, d.delta, note, container.NewHBox(layout.NewSpacer(), cancel, d.exportBtn))
	d.dialog = dialog.NewCustomWithoutButtons("Exporter le paquet de dépôt", content, win)
	d.dialog.Resize(fyne.NewSize(720, 0))
	return d
}

func (d *exportDialog) show() { d.dialog.Show() }

func (d *exportDialog) onChooseFolder() {
	chooseFolder(d.win, "Dossier où écrire le paquet", d.folder)
}

// target is the package path the form names, ".zip" added when missing,
// or what the form lacks, in French.
func (d *exportDialog) target() (out, lack string) {
	folder := strings.TrimSpace(d.folder.Text)
	name := strings.TrimSpace(d.name.Text)
	if folder == "" {
		return "", "Choisissez le dossier de destination du paquet (bouton « Choisir… »)."
	}
	if name == "" || fileNameFor(name) == "" {
		return "", "Saisissez un nom de fichier pour le paquet."
	}
	if strings.ContainsAny(name, `/\`) {
		return "", "Le nom du paquet ne peut pas contenir de « / » ni de « \\ » ; choisissez le dossier avec « Choisir… »."
	}
	if !strings.HasSuffix(strings.ToLower(name), zipExt) {
		name += zipExt
	}
	return filepath.Join(folder, name), ""
}

func (d *exportDialog) onExportTapped() {
	out, lack := d.target()
	if lack != "" {
		showNotice(d.win, "Destination incomplète", lack)
		return
	}
	if err := export.CheckTarget(d.svc.Path(), out); err != nil {
		showError(d.win, "Destination impossible", err)
		return
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		dialog.ShowConfirm("Remplacer le paquet ?",
			fmt.Sprintf("Le fichier %s existe déjà. Le remplacer par le nouveau paquet ?", out),
			func(ok bool) {
				if ok {
					d.run(out)
				}
			}, d.win)
		return
	}
	d.run(out)
}

// run exports to out. The snapshot is taken here, on the UI goroutine, so
// the worker reads no Service state while the user keeps working; content
// is streamed from the store, which is safe for concurrent use.
func (d *exportDialog) run(out string) {
	snap, err := d.svc.Snapshot()
	if err != nil {
		showError(d.win, "Export impossible", err)
		return
	}
	d.dialog.Hide()
	d.report = dossier.Check(snap)
	draft, delta := d.draft.Checked, d.delta.Checked
	ctx, cancel := context.WithCancel(d.svc.Context())
	d.cancel = cancel
	d.progress = widgets.NewProgress(d.win, "Export du paquet", "Préparation du paquet…", true, cancel)
	d.progress.Show()
	src := export.FromSnapshot(snap, d.svc)
	progress := throttled(d.progress)
	var files int
	d.bg(func() {
		phase := func(ph export.Phase) { fyne.Do(func() { d.progress.SetPhase(phaseText(ph)) }) }
		err = export.Export(ctx, src, out, export.Options{Draft: draft, Phase: phase, SinceLastDeposit: delta, Logf: log.Printf}, progress)
		if err == nil {
			files, err = countFiles(out)
		}
		if err == nil {
			// The export's one write: its event in the journal.
			var sum string
			if sum, _, err = export.ManifestDigest(ctx, out); err == nil {
				err = d.svc.RecordExport(filepath.Base(out), sum, draft)
			}
		}
	}, func() {
		cancel()
		d.progress.Hide()
		d.finish(out, draft, files, err)
	})
}

// finish tells the outcome of an export.
func (d *exportDialog) finish(out string, draft bool, files int, err error) {
	switch {
	case errors.Is(err, export.ErrIncomplete):
		d.refuse()
	case errors.Is(err, dossier.ErrCancelled):
		d.result = fmt.Sprintf("Export annulé : aucun fichier n'a été écrit à %s.", out)
		dialog.ShowInformation("Export annulé", d.result, d.win)
	case err != nil:
		d.result = errorText(err)
		showNotice(d.win, "Export impossible", d.result)
	default:
		d.done(out, draft, files)
	}
}

// refuse says why a final package was not written and offers the panel.
func (d *exportDialog) refuse() {
	n := 0
	if rep, err := d.svc.Check(); err == nil {
		n = len(rep.Blocking)
	}
	d.result = fmt.Sprintf("Export refusé : le dossier a %s. Corrigez-les avant l'export définitif, "+
		"ou cochez «\u00a0Brouillon\u00a0» pour exporter un paquet marqué BROUILLON.", gapsText(n))
	var dlg dialog.Dialog
	d.gapsBtn = widget.NewButtonWithIcon("Voir les manques", theme.WarningIcon(), func() {
		dlg.Hide()
		d.onGaps()
	})
	d.gapsBtn.Importance = widget.HighImportance
	retry := widget.NewButton("Revenir à l'export", func() {
		dlg.Hide()
		d.dialog.Show()
	})
	closeBtn := widget.NewButton("Fermer", func() { dlg.Hide() })
	content := container.NewVBox(wrapped(d.result), container.NewHBox(layout.NewSpacer(), closeBtn, retry, d.gapsBtn))
	dlg = dialog.NewCustomWithoutButtons("Export refusé", content, d.win)
	dlg.Resize(fyne.NewSize(600, 0))
	dlg.Show()
}

// done tells where the package is, its size and how many files it holds.
func (d *exportDialog) done(out string, draft bool, files int) {
	size := int64(0)
	if fi, err := os.Stat(out); err == nil {
		size = fi.Size()
	}
	kind := "définitif"
	if draft {
		kind = "brouillon (marqué BROUILLON, à ne pas déposer)"
	}
	warnings := fr.Plural(len(d.report.Warnings), "avertissement", "avertissements")
	if draft {
		warnings = gapsText(len(d.report.Blocking)) + ", " + warnings
	}
	d.result = fmt.Sprintf("Paquet %s écrit : %s\nTaille : %s · %s dans l'archive (preuves, manifestes, classeur et rapport) · %s.",
		kind, out, fr.Size(size), fr.Plural(files, "fichier", "fichiers"), warnings)
	var dlg dialog.Dialog
	verify := widget.NewButtonWithIcon("Vérifier le paquet", theme.SearchIcon(), func() {
		dlg.Hide()
		newVerifyDialog(d.svc.Context(), d.win, d.bg).run(out)
	})
	closeBtn := widget.NewButton("Fermer", func() { dlg.Hide() })
	content := container.NewVBox(wrapped(d.result), container.NewHBox(layout.NewSpacer(), closeBtn, verify))
	dlg = dialog.NewCustomWithoutButtons("Paquet exporté", content, d.win)
	dlg.Resize(fyne.NewSize(680, 0))
	dlg.Show()
}

// countFiles counts the files of a ZIP from its central directory.
func countFiles(path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, dossier.E(dossier.FaultUnreadable, path, err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "/") {
			n++
		}
	}
	return n, nil
}

// onExport opens the export dialog.
func (v *mainView) onExport() {
	v.detail.flush()
	v.pkg.export = newExportDialog(v.win, v.svc, v.background(), v.onCheck)
	v.pkg.export.show()
}

// background is how the main window runs slow work: the shell's, or a
// goroutine handing back with fyne.Do.
func (v *mainView) background() background {
	if v.h.bg != nil {
		return v.h.bg
	}
	return goBackground
}
