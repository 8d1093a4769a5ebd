package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// onCompact asks for confirmation, telling the space it should give back
// (estimated from the dossier's free pages), then compacts.
func (p *evidencePanel) onCompact() {
	if p == nil {
		return
	}
	if p.attach != nil {
		showNotice(p.win, "Ajout en cours", "Un ajout de preuves ou un compactage est déjà en cours ; attendez qu'il se termine ou annulez-le.")
		return
	}
	size := fileSize(p.svc.Path())
	msg := fmt.Sprintf("Le compactage réécrit le fichier du dossier (%s) pour rendre au disque la place des preuves supprimées. ", fr.Size(size))
	if live, ok := p.svc.CompactEstimate(); ok {
		if back := size - live; back > 0 {
			msg += fmt.Sprintf("Il devrait rendre environ %s ; il lui faut autant de place libre que le dossier compacté (%s). ", fr.Size(back), fr.Size(live))
		} else {
			msg += "Il n'y a presque rien à rendre : le dossier n'a pas d'espace libéré. "
		}
	}
	msg += "Pendant ce temps, le dossier reste ouvert mais ne peut pas être modifié."
	d := dialog.NewCustomConfirm("Compacter le dossier ?", "Compacter", "Annuler", wrapped(msg), func(ok bool) {
		if ok {
			p.compact()
		}
	}, p.win)
	d.Resize(fyne.NewSize(560, 0))
	p.compactDlg = d
	p.compactAsk = msg
	d.Show()
}

// compact rewrites the dossier file to give back the space freed by
// deleted evidence, with progress, then tells the sizes before and after.
func (p *evidencePanel) compact() {
	path := p.svc.Path()
	before := fileSize(path)
	ctx, cancel := context.WithCancel(p.svc.Context())
	job := &progressJob{cancel: cancel, do: p.d.do}
	job.showDialog(p.win, "Compactage du dossier")
	p.attach = job
	svc := p.svc
	var err error
	p.d.bg(func() {
		err = svc.Compact(ctx, func(done, total int64) {
			job.report("Compactage", done, total, done == total)
		})
	}, func() {
		job.close()
		p.attach = nil
		if err != nil {
			log.Printf("compact %s: %v", path, err)
			if errors.Is(err, dossier.ErrCancelled) {
				dialog.ShowInformation("Compactage annulé", "Le compactage a été annulé : le dossier est inchangé.", p.win)
				return
			}
			showError(p.win, "Compactage impossible", err)
			return
		}
		after := fileSize(path)
		msg := fmt.Sprintf("Le dossier a été compacté.\nTaille avant : %s\nTaille après : %s", fr.Size(before), fr.Size(after))
		if before > after {
			msg += fmt.Sprintf("\nEspace rendu : %s", fr.Size(before-after))
		} else {
			msg += "\nAucun espace à rendre : le dossier était déjà compact."
		}
		p.compactMsg = msg
		dialog.ShowInformation("Compactage terminé", msg, p.win)
	})
}

// fileSize is the size of the file at path, 0 when it cannot be read.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
