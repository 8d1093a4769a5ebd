package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// Attach progress is shown for files from this size on: smaller ones are
// stored before a dialog could be read.
const progressFrom = 4 << 20

// progressEvery is the least time between two progress updates sent to
// the UI goroutine.
const progressEvery = 100 * time.Millisecond

// onAttachDialog lets the user tick several files (or paste a path) and
// attaches them to the requirement shown.
func (p *evidencePanel) onAttachDialog() {
	if !p.ready() {
		return
	}
	p.picker = widgets.ShowFilePicker(p.win, "Joindre des fichiers à "+p.row.Req.ID, "Joindre", p.lastFolder, p.attachPaths)
}

// onDropped attaches the files dropped on the window to the requirement
// shown.
func (p *evidencePanel) onDropped(_ fyne.Position, uris []fyne.URI) {
	if !p.ready() {
		return
	}
	var paths, others []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		} else {
			others = append(others, u.String())
		}
	}
	if len(others) > 0 {
		showNotice(p.win, "Élément non pris en charge", fmt.Sprintf("Seuls des fichiers peuvent être déposés (reçu %s) ; enregistrez d'abord le contenu dans un fichier.", strings.Join(others, ", ")))
	}
	if len(paths) > 0 {
		p.attachPaths(paths)
	}
}

// ready reports whether a requirement is shown and nothing is being
// attached, telling the user otherwise.
func (p *evidencePanel) ready() bool {
	if p == nil {
		return false
	}
	if !p.shown {
		showNotice(p.win, "Aucune exigence choisie", "Choisissez d'abord dans la liste l'exigence à laquelle joindre la preuve.")
		return false
	}
	if p.attach != nil {
		showNotice(p.win, "Ajout en cours", "Un ajout de preuves est déjà en cours ; attendez qu'il se termine ou annulez-le.")
		return false
	}
	return true
}

// attachPaths attaches files as one operation off the UI goroutine (the
// service links small files hundreds at a time), with one progress dialog
// when they are large. A failed file does not stop the others; "Annuler"
// keeps the files already linked and drops the rest.
func (p *evidencePanel) attachPaths(paths []string) {
	reqID := p.row.Req.ID
	opt := dossier.AttachOptions{ProofID: p.proofID(), Operator: p.d.operator()}
	p.lastFolder = filepath.Dir(paths[0])
	var total int64
	for _, path := range paths {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			total += fi.Size()
		}
	}
	ctx, cancel := context.WithCancel(p.svc.Context())
	job := &progressJob{cancel: cancel, do: p.d.do}
	if total >= progressFrom {
		job.showDialog(p.win, "Ajout de preuves")
	}
	p.attach = job
	var added []dossier.Evidence
	var failures []string
	cancelled, refused := false, false
	svc := p.svc
	p.d.bg(func() {
		label := "Ajout de " + filepath.Base(paths[0])
		if len(paths) > 1 {
			label = "Ajout de " + fr.Plural(len(paths), "fichier", "fichiers")
		}
		job.report(label, 0, 1, true)
		res, err := svc.AttachFiles(ctx, reqID, paths, opt, func(done, size int64) {
			job.report(label, done, size, done == size)
		})
		if err != nil {
			log.Printf("attach to %s: %v", reqID, err)
			failures = append(failures, errorText(err))
			return
		}
		for _, r := range res {
			switch {
			case r.Err == nil:
				added = append(added, r.Evidence)
			case errors.Is(r.Err, dossier.ErrCancelled):
				cancelled = true
			default:
				log.Printf("attach %s to %s: %v", r.Path, reqID, r.Err)
				failures = append(failures, errorText(r.Err))
				refused = refused || errors.Is(r.Err, &dossier.Error{Fault: dossier.FaultPolicy})
			}
		}
	}, func() {
		job.close()
		p.attach = nil
		p.reportAttach(reqID, added, failures, cancelled, refused, len(paths))
	})
}

// reportAttach refreshes the views and tells what was added and what was
// not.
func (p *evidencePanel) reportAttach(reqID string, added []dossier.Evidence, failures []string, cancelled, refused bool, asked int) {
	if len(added) > 0 {
		p.reload()
		p.onChanged(reqID)
	}
	switch {
	case len(added) == 1:
		p.setNotice(fmt.Sprintf("%s ajouté à %s (%s).", fr.Quote(added[0].Name), reqID, fr.Size(added[0].Size)))
	case len(added) > 1:
		p.setNotice(fr.Plural(len(added), "fichier ajouté", "fichiers ajoutés") + " à " + reqID + ".")
	default:
		p.setNotice("")
	}
	if cancelled {
		p.setNotice(fmt.Sprintf("Ajout annulé : %s sur %d ; rien n'a été conservé des autres.",
			fr.Plural(len(added), "fichier ajouté", "fichiers ajoutés"), asked))
	}
	if len(failures) == 0 {
		return
	}
	title := "Fichier non ajouté"
	if len(failures) > 1 {
		title = fr.Plural(len(failures), "fichier non ajouté", "fichiers non ajoutés")
	}
	if !refused || p.openPolicy == nil {
		showNotice(p.win, title, strings.Join(failures, "\n"))
		return
	}
	// A refusal by the file policy names the rule and offers to change it.
	var dlg dialog.Dialog
	change := widget.NewButtonWithIcon("Modifier la politique de fichiers…", theme.SettingsIcon(), func() {
		dlg.Hide()
		p.openPolicy()
	})
	closeBtn := widget.NewButton("Fermer", func() { dlg.Hide() })
	msg := wrapped(strings.Join(failures, "\n"))
	dlg = dialog.NewCustomWithoutButtons(title, msg, p.win)
	dlg.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{closeBtn, change})
	dlg.Resize(fyne.NewSize(620, 0))
	p.policyBtn = change
	dlg.Show()
}

// progressJob is a running attach or compaction: its cancel function and,
// for large work, a progress dialog with "Annuler".
type progressJob struct {
	cancel context.CancelFunc
	do     func(func())
	dlg    *widgets.Progress

	mu   sync.Mutex
	last time.Time // last update sent, on the work goroutine
}

func (j *progressJob) showDialog(win fyne.Window, title string) {
	j.dlg = widgets.NewProgress(win, title, "Préparation…", true, j.cancel)
	j.dlg.Show()
}

// report sends progress to the dialog, at most every progressEvery unless
// force is set. It is called from the work goroutine.
func (j *progressJob) report(what string, done, total int64, force bool) {
	if j.dlg == nil {
		return
	}
	j.mu.Lock()
	now := time.Now()
	if !force && now.Sub(j.last) < progressEvery {
		j.mu.Unlock()
		return
	}
	j.last = now
	j.mu.Unlock()
	j.do(func() {
		j.dlg.SetPhase(what)
		showBytes(j.dlg, done, total)
	})
}

func (j *progressJob) close() {
	j.cancel()
	if j.dlg != nil {
		j.dlg.Hide()
	}
}
