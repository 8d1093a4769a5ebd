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
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// verifyDialog checks a submission package against its manifest with
// export.Verify, off the UI goroutine, and shows what it found.
type verifyDialog struct {
	win fyne.Window
	bg  background
	// ctx is the open dossier's: closing it stops the check, as does
	// cancel ("Annuler").
	ctx    context.Context
	cancel context.CancelFunc

	progress *widgets.Progress
	// result is the last check's outcome, ok its verdict (for tests).
	result export.Result
	ok     bool
	dialog dialog.Dialog
}

func newVerifyDialog(ctx context.Context, win fyne.Window, bg background) *verifyDialog {
	return &verifyDialog{win: win, bg: bg, ctx: ctx}
}

// choose asks for a ZIP, starting in folder, then verifies it.
func (d *verifyDialog) choose(folder string) {
	widgets.PickFile(d.win, widgets.FileChoice{Title: "Vérifier un paquet de dépôt (.zip)", Confirm: "Vérifier",
		Folder: folder, Exts: []string{zipExt}}, d.run)
}

// run verifies the package at path.
func (d *verifyDialog) run(path string) {
	ctx, cancel := context.WithCancel(d.ctx)
	d.cancel = cancel
	d.progress = widgets.NewProgress(d.win, "Vérification du paquet",
		"Recalcul des empreintes SHA-256 de "+filepath.Base(path)+"…", false, cancel)
	d.progress.Show()
	var res export.Result
	var err error
	d.bg(func() {
		res, err = export.Verify(ctx, path)
	}, func() {
		cancel()
		d.progress.Hide()
		if errors.Is(err, dossier.ErrCancelled) {
			return
		}
		if err != nil {
			log.Printf("verify %s: %v", path, err)
			showError(d.win, "Vérification impossible", err)
			return
		}
		d.show(path, res)
	})
}

// show tells the verdict and lists altered, missing and extra files.
func (d *verifyDialog) show(path string, res export.Result) {
	d.result, d.ok = res, res.OK
	head := strings.TrimSpace(fmt.Sprintf("%s %s %s", res.Vendor, res.Product, res.Version))
	if res.Draft {
		head += " — BROUILLON"
	}
	verdict := wrapped("")
	verdict.TextStyle = fyne.TextStyle{Bold: true}
	title := "Paquet intègre"
	switch {
	case res.OK && res.Draft:
		verdict.SetText("Toutes les empreintes SHA-256 correspondent au manifeste. C'est un BROUILLON : ne le déposez pas comme paquet définitif.")
		verdict.Importance = widget.WarningImportance
	case res.OK:
		verdict.SetText("Toutes les empreintes SHA-256 correspondent au manifeste : le paquet peut être déposé.")
		verdict.Importance = widget.SuccessImportance
	default:
		title = "Paquet altéré"
		unnamed := ""
		if res.Unnamed > 0 {
			unnamed = fmt.Sprintf(" (et %d autres altérés ou manquants)", res.Unnamed)
		}
		verdict.SetText(fmt.Sprintf("Le paquet ne correspond pas à son manifeste : %s, %s%s, %d en trop, %s. "+
			"Ne le déposez pas : exportez-le à nouveau.", fr.Plural(len(res.Altered), "fichier altéré", "fichiers altérés"),
			fr.Plural(len(res.Missing), "manquant", "manquants"), unnamed, len(res.Extra), strayCount(res.Strays)))
		verdict.Importance = widget.DangerImportance
	}
	box := container.NewVBox(
		wrapped("Paquet : "+path),
		wrapped("Dossier : "+head),
		wrapped(fmt.Sprintf("Fichiers conformes : %d / %d", res.Matched, res.Checked)),
		verdict,
	)
	for _, l := range []struct {
		title string
		paths []string
	}{{"Altérés", res.Altered}, {"Manquants", res.Missing}, {"En trop", res.Extra}, {"Données inattendues", strayLines(res.Strays)}} {
		if len(l.paths) == 0 {
			continue
		}
		box.Add(bold(fmt.Sprintf("%s (%d)", l.title, len(l.paths))))
		for _, p := range l.paths {
			box.Add(wrapped("• " + p))
		}
	}
	var content fyne.CanvasObject = box
	s := d.win.Canvas().Size()
	h := float32(0)
	if !res.OK {
		content, h = container.NewVScroll(box), s.Height*0.6
	}
	d.dialog = dialog.NewCustom(title, "Fermer", content, d.win)
	d.dialog.Resize(fyne.NewSize(min(s.Width*0.8, 900), h))
	d.dialog.Show()
}

// onVerify asks for a package to verify, starting beside the dossier.
func (v *mainView) onVerify() {
	v.pkg.verify = newVerifyDialog(v.svc.Context(), v.win, v.background())
	v.pkg.verify.choose(filepath.Dir(v.svc.Path()))
}

// strayCount counts the runs of unexpected bytes, in French.
func strayCount(strays []export.Stray) string {
	if len(strays) == 0 {
		return "aucune donnée inattendue"
	}
	return fr.Plural(len(strays), "donnée inattendue", "données inattendues")
}

// strayLines says where each run of unexpected bytes is.
func strayLines(strays []export.Stray) []string {
	var out []string
	for _, s := range strays {
		out = append(out, fmt.Sprintf("%s (%s à l'octet %d)", s.Label(), fr.Size(s.Size), s.Offset))
	}
	return out
}
