package ui

import (
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// onOpen streams an evidence item out to a temporary file and hands it
// to the system's default application.
func (p *evidencePanel) onOpen(ev dossier.Evidence) {
	if p.openDir == "" {
		dir, err := os.MkdirTemp("", "dossier-segur-ouverts-")
		if err != nil {
			showError(p.win, "Ouverture impossible", dossier.PathError(os.TempDir(), err, true))
			return
		}
		p.openDir = dir
	}
	path := filepath.Join(p.openDir, fmt.Sprintf("%d-%s", ev.ID, safeFileName(ev.Name)))
	svc := p.svc
	var err error
	p.d.bg(func() {
		err = extractTo(svc, ev.ID, path)
	}, func() {
		if err != nil {
			showError(p.win, "Ouverture impossible", err)
			return
		}
		if p.d.openFile != nil {
			if err := p.d.openFile(path); err != nil {
				log.Printf("open evidence %d with the system: %v", ev.ID, err)
				showError(p.win, "Ouverture impossible", err)
			}
			return
		}
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
		if err := p.d.app.OpenURL(u); err != nil {
			showError(p.win, "Ouverture impossible", dossier.ED(dossier.FaultNoApplication, ev.Name, path, err))
		}
	})
}

// extractTo writes an evidence item's content to a new file at path
// (scratch.WriteNew: a failed extraction leaves no file).
func extractTo(svc *dossier.Service, id uint64, path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil // extracted before in this session; the content cannot change
	}
	err := scratch.WriteNew(path, func(w io.Writer) error { return svc.ExtractEvidence(svc.Context(), id, w) })
	return dossier.PathError(path, err, true)
}

// safeFileName keeps a stored name usable as a file name here.
func safeFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, name)
	if name == "" || name == "." || name == ".." {
		return "preuve"
	}
	return name
}

// captionDialog edits an evidence item's caption.
type captionDialog struct {
	entry *widget.Entry
	save  func()
	dlg   *dialog.ConfirmDialog
}

// onCaption asks for a new caption and stores it.
func (p *evidencePanel) onCaption(ev dossier.Evidence) {
	d := &captionDialog{entry: widget.NewMultiLineEntry()}
	d.entry.Wrapping = fyne.TextWrapWord
	d.entry.SetText(ev.Caption)
	d.entry.SetPlaceHolder("Ce que montre la preuve, où la trouver…")
	d.save = func() {
		if _, err := p.svc.SetCaption(ev.ID, d.entry.Text); err != nil {
			showError(p.win, "Légende non enregistrée", err)
			return
		}
		d.dlg.Hide()
		p.reload()
	}
	form := widget.NewForm(widget.NewFormItem("Légende", d.entry))
	d.dlg = dialog.NewCustomConfirm("Légende de «\u00a0"+shorten(ev.Name, 50)+"\u00a0»", "Enregistrer", "Annuler", form, func(ok bool) {
		if ok {
			d.save()
		}
	}, p.win)
	d.dlg.Resize(fyne.NewSize(560, 0))
	p.captionDl = d
	d.dlg.Show()
	p.win.Canvas().Focus(d.entry)
}

// onDelete asks for confirmation, then deletes the item.
func (p *evidencePanel) onDelete(ev dossier.Evidence) {
	msg := wrapped(fmt.Sprintf("Supprimer %s (%s) des preuves de %s ? Le fichier est effacé du dossier s'il n'est pas aussi joint ailleurs. Cette action est définitive.",
		fr.Quote(ev.Name), fr.Size(ev.Size), ev.ReqID))
	d := dialog.NewCustomConfirm("Supprimer la preuve", "Supprimer", "Annuler", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := p.svc.DeleteEvidence(ev.ID); err != nil {
			showError(p.win, "Suppression impossible", err)
			return
		}
		p.reload()
		p.setNotice(fmt.Sprintf("%s supprimé de %s.", fr.Quote(ev.Name), ev.ReqID))
		p.onChanged(ev.ReqID)
	}, p.win)
	// Deleting cannot be undone: the button says so in red.
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(520, 0))
	p.deleteDlg = d
	d.Show()
}

// moveDialog chooses the requirement to move an item to: a search box
// filters the requirements by ID or text.
type moveDialog struct {
	search  *widget.Entry
	list    *widget.List
	reqs    []*dossier.Requirement
	shown   []*dossier.Requirement
	chosen  *dossier.Requirement
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

// onMove lets the user pick another requirement and moves the item there.
func (p *evidencePanel) onMove(ev dossier.Evidence) {
	cat := p.svc.Catalogue()
	d := &moveDialog{search: widget.NewEntry()}
	for i := range cat.Requirements {
		if r := &cat.Requirements[i]; r.ID != ev.ReqID {
			d.reqs = append(d.reqs, r)
		}
	}
	d.list = widget.NewList(func() int { return len(d.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= 0 && i < len(d.shown) {
				o.(*widget.Label).SetText(d.shown[i].ID + " — " + d.shown[i].Text())
			}
		})
	d.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(d.shown) {
			d.chosen = d.shown[i]
			d.confirm.Enable()
		}
	}
	d.search.SetPlaceHolder("Rechercher une exigence (ID ou texte)")
	d.search.OnChanged = func(string) { d.filter() }
	d.confirm = widget.NewButton("Déplacer", func() {
		if d.chosen == nil {
			return
		}
		if _, err := p.svc.MoveEvidence(ev.ID, d.chosen.ID); err != nil {
			showError(p.win, "Déplacement impossible", err)
			return
		}
		d.dlg.Hide()
		p.reload()
		p.setNotice(fmt.Sprintf("«\u00a0%s\u00a0» déplacé vers %s.", ev.Name, d.chosen.ID))
		p.onChanged(ev.ReqID)
		p.onChanged(d.chosen.ID)
	})
	d.confirm.Importance = widget.HighImportance
	d.confirm.Disable()
	d.filter()
	cancel := widget.NewButton("Annuler", func() { d.dlg.Hide() })
	body := container.NewBorder(d.search, nil, nil, nil, d.list)
	d.dlg = dialog.NewCustomWithoutButtons("Déplacer «\u00a0"+shorten(ev.Name, 50)+"\u00a0» vers…", body, p.win)
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.confirm})
	d.dlg.Resize(fyne.NewSize(720, 480))
	p.moveDlg = d
	d.dlg.Show()
	p.win.Canvas().Focus(d.search)
}

// filter shows the requirements matching the search text.
func (d *moveDialog) filter() {
	q := dossier.Fold(strings.TrimSpace(d.search.Text))
	d.shown = d.shown[:0]
	for _, r := range d.reqs {
		if q == "" || strings.Contains(dossier.Fold(r.ID+" "+r.ShortID+" "+r.Text()), q) {
			d.shown = append(d.shown, r)
		}
	}
	d.chosen = nil
	d.list.UnselectAll()
	d.confirm.Disable()
	d.list.Refresh()
}
