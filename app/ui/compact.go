package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"fyne.io/fyne/v2/dialog"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// onCompact rewrites the dossier file to give back the space freed by
// deleted evidence, with progress, then tells the sizes before and after.
func (p *evidencePanel) onCompact() {
	if p == nil {
		return
	}
	if p.attach != nil {
		showNotice(p.win, "Ajout en cours", "Un ajout de preuves ou un compactage est déjà en cours ; attendez qu'il se termine ou annulez-le.")
		return
	}
	path := p.svc.Path()
	before := fileSize(path)
	ctx, cancel := context.WithCancel(context.Background())
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
