package ui

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// evidenceDeps is what the evidence panel needs besides the open dossier.
type evidenceDeps struct {
	app fyne.App
	// screen is what captures read; nil means there is no display.
	screen capture.Screen
	// openFile opens a file with the system's application; nil means
	// Fyne's OpenURL.
	openFile func(path string) error
	bg       background
	// do runs f on the UI goroutine (fyne.Do); after runs f on the UI
	// goroutine once d has passed (a timer). Tests run both at once.
	do    func(f func())
	after func(d time.Duration, f func())
	// operator is who is recorded as adding evidence.
	operator func() string
}

// productionAfter is evidenceDeps.after outside tests.
func productionAfter(d time.Duration, f func()) {
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// evidencePanel is the "Preuves" part of the requirement detail: attach
// and capture buttons, the link to an expected proof, and one card per
// evidence item of the requirement shown. It follows the detail through
// detailView.onShown.
type evidencePanel struct {
	d   evidenceDeps
	win fyne.Window
	svc *dossier.Service

	// onChanged is called on the UI goroutine after evidence of reqID was
	// added, moved or deleted, so that the list, the counts and the
	// detail's status follow.
	onChanged func(reqID string)

	row   dossier.Row
	shown bool
	items []dossier.Evidence
	cards map[uint64]*evidenceCard

	thumbs       *thumbCache
	cancelThumbs context.CancelFunc

	heading               *widget.Label
	attachBtn, captureBtn *widget.Button
	proof                 *widget.Select
	proofOf               map[string]string
	proofRow              *fyne.Container
	box                   *fyne.Container
	content               fyne.CanvasObject
	scroll                *container.Scroll

	// notice tells what the last attach did.
	notice *widget.Label
	// attach is the running attach, nil when idle.
	attach *progressJob
	// lastFolder is where the file dialog opens.
	lastFolder string
	// openDir holds the files opened with the system's application; it is
	// removed when the dossier closes.
	openDir string
	// Dialogs and windows open, kept for tests and for closing them.
	compactMsg  string
	capDlg      *captureDialog
	countdown   *countdown
	editor      *captureEditor
	moveDlg     *moveDialog
	deleteDlg   *dialog.ConfirmDialog
	operatorDlg *operatorDialog
	captionDl   *captionDialog
}

// noProof is the proof choice that links to no expected proof.
const noProof = "Aucune preuve attendue en particulier"

func newEvidencePanel(d evidenceDeps, win fyne.Window, svc *dossier.Service, onChanged func(string)) *evidencePanel {
	p := &evidencePanel{d: d, win: win, svc: svc, onChanged: onChanged, thumbs: newThumbCache(thumbCacheSize),
		cards: map[uint64]*evidenceCard{}}
	p.heading = bold("Preuves")
	p.attachBtn = widget.NewButtonWithIcon("Joindre des fichiers…", theme.ContentAddIcon(), p.onAttachDialog)
	p.captureBtn = widget.NewButtonWithIcon("Capture d'écran (Ctrl+Maj+S)", theme.MediaPhotoIcon(), p.onCapture)
	dropHint := wrapped("Vous pouvez aussi déposer un ou plusieurs fichiers sur la fenêtre : ils sont joints à l'exigence affichée.")
	dropHint.Importance = widget.LowImportance
	p.proof = widget.NewSelect(nil, nil)
	p.proofRow = container.NewBorder(nil, nil, widget.NewLabel("Lier à la preuve"), nil, p.proof)
	p.notice = widget.NewLabel("")
	p.notice.Wrapping = fyne.TextWrapWord
	p.notice.Importance = widget.SuccessImportance
	p.notice.Hide()
	p.box = container.NewVBox()
	p.content = container.NewVBox(widget.NewSeparator(), p.heading,
		container.NewHBox(p.attachBtn, p.captureBtn), dropHint, p.proofRow, p.notice, p.box)
	return p
}

// addEvidence puts the evidence panel into the detail and wires drops
// and the shortcuts' targets.
func (v *mainView) addEvidence(d evidenceDeps) {
	v.evidence = newEvidencePanel(d, v.win, v.svc, v.evidenceChanged)
	v.detail.slot.Add(v.evidence.content)
	v.detail.onShown = append(v.detail.onShown, v.evidence.show)
	v.win.SetOnDropped(v.evidence.onDropped)
	// The detail scrolls; it must learn when the cards change its height.
	if st, ok := v.detail.content.(*fyne.Container); ok {
		for _, o := range st.Objects {
			if sc, ok := o.(*container.Scroll); ok {
				v.evidence.scroll = sc
			}
		}
	}
}

// relayout tells the detail's scroll that the panel's height changed.
func (p *evidencePanel) relayout() {
	if p.scroll != nil {
		p.scroll.Refresh()
	}
}

// evidenceChanged refreshes the list and counts and, when reqID is still
// shown, the detail's status (the first proof moves it to En cours).
func (v *mainView) evidenceChanged(reqID string) {
	v.detail.flush()
	v.refresh()
	if reqID != v.current {
		return
	}
	if r, err := v.svc.Row(reqID); err == nil {
		v.detail.update(r)
	}
}

// show follows the requirement shown in the detail.
func (p *evidencePanel) show(r dossier.Row) {
	same := p.shown && p.row.Req.ID == r.Req.ID
	p.row, p.shown = r, true
	if !same {
		p.setProofChoices(r.Req)
		p.setNotice("")
	}
	p.reload()
}

// setProofChoices fills the expected-proof selector, hidden when the
// catalogue numbers no proof for the requirement.
func (p *evidencePanel) setProofChoices(req *dossier.Requirement) {
	slots := req.ProofSlots()
	p.proofOf = map[string]string{noProof: ""}
	opts := []string{noProof}
	for _, s := range slots {
		label := s.ID
		if s.Text != "" {
			label += " — " + shorten(s.Text, 70)
		}
		opts = append(opts, label)
		p.proofOf[label] = s.ID
	}
	p.proof.Options = opts
	p.proof.SetSelected(noProof)
	if len(slots) == 0 {
		p.proofRow.Hide()
	} else {
		p.proofRow.Show()
	}
}

// proofID is the expected proof chosen for the next attach.
func (p *evidencePanel) proofID() string { return p.proofOf[p.proof.Selected] }

// reload lists the evidence of the requirement shown and starts loading
// the thumbnails and text previews the cache lacks.
func (p *evidencePanel) reload() {
	if !p.shown {
		return
	}
	items, err := p.svc.ListEvidence(p.row.Req.ID)
	if err != nil {
		log.Printf("list evidence of %s: %v", p.row.Req.ID, err)
		showError(p.win, "Lecture des preuves impossible", err)
		return
	}
	p.items = items
	p.cards = map[uint64]*evidenceCard{}
	p.box.RemoveAll()
	switch len(items) {
	case 0:
		p.heading.SetText("Preuves : aucune pour l'instant")
	case 1:
		p.heading.SetText("Preuves : 1 fichier")
	default:
		p.heading.SetText(fmt.Sprintf("Preuves : %d fichiers", len(items)))
	}
	for _, ev := range items {
		c := newEvidenceCard(ev, p.svc.Catalogue(), evidenceActions{
			open:    func() { p.onOpen(ev) },
			caption: func() { p.onCaption(ev) },
			move:    func() { p.onMove(ev) },
			remove:  func() { p.onDelete(ev) },
		})
		p.cards[ev.ID] = c
		if e, ok := p.thumbs.get(ev.SHA256); ok {
			c.setPreview(e)
		}
		p.box.Add(c.content)
	}
	p.relayout()
	p.loadPreviews()
}

// card is the card shown for an evidence item, nil when not shown.
func (p *evidencePanel) card(id uint64) *evidenceCard { return p.cards[id] }

// close stops the panel's work when the dossier closes.
func (p *evidencePanel) close() {
	if p == nil {
		return
	}
	p.shown = false
	if p.cancelThumbs != nil {
		p.cancelThumbs()
	}
	if p.attach != nil {
		p.attach.cancel()
	}
	if p.editor != nil {
		p.editor.win.Close()
	}
	p.win.SetOnDropped(nil)
	if p.openDir != "" {
		// The system's viewers have had the files since they were opened.
		if err := os.RemoveAll(p.openDir); err != nil {
			log.Printf("remove %s: %v", p.openDir, err)
		}
	}
}

// captureShortcut is Ctrl+Maj+S, the capture shortcut.
func captureShortcut() fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// evidenceMenuItems are the evidence actions of the "Exigence" menu.
func (v *mainView) evidenceMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Joindre des fichiers…", func() { v.evidence.onAttachDialog() }),
		item("Capture d'écran…", captureShortcut(), func() { v.evidence.onCapture() }),
	}
}

// operatorMenuItem edits the operator name recorded with evidence.
func (v *mainView) operatorMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Opérateur…", func() {
		if v.evidence != nil {
			v.evidence.operatorDlg = showOperatorDialog(v.win, v.evidence.d.app.Preferences())
		}
	})
}

// compactMenuItem gives back the space freed by deleted evidence.
func (v *mainView) compactMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Compacter le dossier…", func() { v.evidence.onCompact() })
}

// setNotice tells what the last action did; an empty text hides it.
func (p *evidencePanel) setNotice(text string) {
	p.notice.SetText(text)
	if text == "" {
		p.notice.Hide()
	} else {
		p.notice.Show()
	}
}
