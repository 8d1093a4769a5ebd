package ui

import (
	"context"
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
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/system"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
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
	// thumbDir caches the previews on disk ("" for none).
	thumbDir string
	// record replaces the screen for video recording (tests); nil means
	// the real one.
	record *RecordHooks
	// clipboard reads the system clipboard for a paste; nil falls back to
	// the toolkit's text clipboard.
	clipboard func(ctx context.Context) (system.Clip, error)
	// release gives back the memory a requirement's showing took, once the
	// user stays on it (productionRelease); nil does nothing.
	release func()
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
	// cards are the list's rows bound to an item now, by evidence ID.
	cards map[uint64]*evidenceCard
	// rowCards finds the card of a list row.
	rowCards map[fyne.CanvasObject]*evidenceCard
	// list shows one card per item; only the visible rows exist.
	list  *widget.List
	empty *widget.Label

	thumbs       *thumbCache
	disk         thumbDisk
	cancelThumbs context.CancelFunc

	heading               *widget.Label
	attachBtn, captureBtn *widget.Button
	proof                 *widget.Select
	proofOf               map[string]string
	proofRow              *fyne.Container
	content               fyne.CanvasObject

	// notice tells what the last attach did.
	notice *widget.Label
	// attach is the running attach, nil when idle.
	attach *progressJob
	// lastFolder is where the file picker opens.
	lastFolder string
	// picker is the last file picker opened; policyBtn the "change the
	// policy" button of the last refusal (for tests). openPolicy opens the
	// file policy dialog.
	picker     *widgets.FilePicker
	policyBtn  *widget.Button
	openPolicy func()
	// openDir holds the files opened with the system's application; it is
	// removed when the dossier closes.
	openDir string
	// Dialogs and windows open, kept for tests and for closing them.
	compactMsg string
	compactAsk string
	compactDlg *dialog.ConfirmDialog
	capDlg     *captureDialog
	countdown  *countdown
	editor     *captureEditor
	pasteDlg   *pasteDialog
	recorder   *videoRecorder
	recordBtn  *widget.Button
	// rowH and tallRowH are the heights of a card without and with the
	// annotations line; tallRows the rows given the latter.
	rowH, tallRowH float32
	tallRows       map[int]bool
	moveDlg        *moveDialog
	deleteDlg      *dialog.ConfirmDialog
	operatorDlg    *operatorDialog
	captionDl      *captionDialog
}

// noProof is the proof choice that links to no expected proof.
const noProof = "Aucune preuve attendue en particulier"

func newEvidencePanel(d evidenceDeps, win fyne.Window, svc *dossier.Service, onChanged func(string)) *evidencePanel {
	p := &evidencePanel{d: d, win: win, svc: svc, onChanged: onChanged, thumbs: newThumbCache(thumbCacheSize), disk: thumbDisk{dir: d.thumbDir},
		cards: map[uint64]*evidenceCard{}, rowCards: map[fyne.CanvasObject]*evidenceCard{}}
	p.heading = bold("Preuves")
	p.attachBtn = widget.NewButtonWithIcon("Joindre…", theme.ContentAddIcon(), p.onAttachDialog)
	p.captureBtn = widget.NewButtonWithIcon("Capture (Ctrl+Maj+S)", theme.MediaPhotoIcon(), p.onCapture)
	// Short: the heading keeps its room at 1280×720; the menu item spells
	// the shortcut (Ctrl+Maj+R).
	p.recordBtn = widget.NewButtonWithIcon("Vidéo", theme.MediaRecordIcon(), p.onRecord)
	p.empty = wrapped("Aucune preuve pour l'instant : joignez des fichiers, faites une capture d'écran, " +
		"ou déposez des fichiers sur la fenêtre (ils sont joints à l'exigence affichée).")
	p.empty.Importance = widget.LowImportance
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			c := newEvidenceCard()
			p.rowCards[c.content] = c
			return c.content
		},
		p.updateCard)
	p.list.HideSeparators = true
	p.proof = widget.NewSelect(nil, nil)
	p.proofRow = container.NewBorder(nil, nil, widget.NewLabel("Lier à la preuve"), nil, p.proof)
	p.notice = widget.NewLabel("")
	p.notice.Wrapping = fyne.TextWrapWord
	p.notice.Importance = widget.SuccessImportance
	p.notice.Hide()
	head := container.NewBorder(nil, nil, nil, container.NewHBox(p.attachBtn, p.captureBtn, p.recordBtn), p.heading)
	top := container.NewVBox(head, p.proofRow, p.notice)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
	return p
}

// updateCard binds the list row o to item i.
func (p *evidencePanel) updateCard(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(p.items) {
		return
	}
	c := p.rowCards[o]
	if p.cards[c.ev.ID] == c {
		delete(p.cards, c.ev.ID)
	}
	ev := p.items[i]
	pv, ok := p.thumbs.get(ev.SHA256)
	c.bind(ev, p.svc.Catalogue(), evidenceActions{
		open:     func() { p.onOpen(ev) },
		annotate: func() { p.onAnnotate(ev) },
		caption:  func() { p.onCaption(ev) },
		move:     func() { p.onMove(ev) },
		remove:   func() { p.onDelete(ev) },
	}, pv, ok)
	p.cards[ev.ID] = c
}

// addEvidence puts the evidence panel into the detail and wires drops
// and the shortcuts' targets.
func (v *mainView) addEvidence(d evidenceDeps) {
	v.evidence = newEvidencePanel(d, v.win, v.svc, v.evidenceChanged)
	v.detail.slot.Add(v.evidence.content)
	v.detail.onShown = append(v.detail.onShown, v.evidence.show)
	v.evidence.openPolicy = v.onPolicy
	v.win.SetOnDropped(v.evidence.onDropped)
	v.win.Canvas().AddShortcut(captureShortcut(), func(fyne.Shortcut) { v.evidence.onCapture() })
	v.win.Canvas().AddShortcut(recordShortcut(), func(fyne.Shortcut) { v.evidence.onRecord() })
	// Ctrl+V reaches the canvas only when no field has the focus (a field
	// pastes its own text).
	v.win.Canvas().AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { v.evidence.onPaste() })
}

// hide forgets the requirement shown (the filtered list is empty).
func (p *evidencePanel) hide() {
	if p == nil {
		return
	}
	p.shown = false
	if p.cancelThumbs != nil {
		p.cancelThumbs()
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
	same := len(items) == len(p.items) && len(items) > 0 && items[0].ReqID == p.items[0].ReqID
	p.items = items
	p.cards = map[uint64]*evidenceCard{}
	if len(items) == 0 {
		p.heading.SetText("Preuves : aucune")
		p.empty.Show()
	} else {
		p.heading.SetText("Preuves : " + fr.Plural(len(items), "fichier", "fichiers"))
		p.empty.Hide()
	}
	if !same {
		// Another requirement (or other items) opens at its top.
		p.list.ScrollToTop()
	}
	p.sizeRows()
	p.list.Refresh()
	p.loadPreviews()
}

// sizeRows gives the rows of annotated images the room of their extra
// line, and the others back the template's height.
func (p *evidencePanel) sizeRows() {
	if p.rowH == 0 {
		c := newEvidenceCard()
		p.rowH = c.content.MinSize().Height
		c.notes.Show()
		p.tallRowH = c.content.MinSize().Height
	}
	tall := map[int]bool{}
	for i, ev := range p.items {
		if len(ev.Annotations) > 0 {
			tall[i] = true
			p.list.SetItemHeight(i, p.tallRowH)
		}
	}
	for i := range p.tallRows {
		if !tall[i] {
			p.list.SetItemHeight(i, p.rowH)
		}
	}
	p.tallRows = tall
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
	if p.recorder != nil {
		p.recorder.abandon()
	}
	p.win.SetOnDropped(nil)
	p.win.Canvas().RemoveShortcut(captureShortcut())
	p.win.Canvas().RemoveShortcut(recordShortcut())
	p.win.Canvas().RemoveShortcut(&fyne.ShortcutPaste{})
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
		// The shortcut is the canvas's (see addCaptureShortcut): a menu
		// item's shortcut would be spelled "Ctrl+Shift+S" by Fyne.
		fyne.NewMenuItem("Capture d'écran… (Ctrl+Maj+S)", func() { v.evidence.onCapture() }),
		fyne.NewMenuItem("Enregistrer une vidéo… (Ctrl+Maj+R)", func() { v.evidence.onRecord() }),
		// Ctrl+V stays the fields' paste: the canvas takes it only when no
		// field has the focus, which a menu shortcut would not respect.
		fyne.NewMenuItem("Coller une preuve (Ctrl+V)", func() { v.evidence.onPaste() }),
	}
}

// operatorMenuItem edits the operator name recorded with evidence.
func (v *mainView) operatorMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Opérateur…", func() {
		if v.evidence != nil {
			v.evidence.operatorDlg = showOperatorDialog(v.win, v.evidence.d.app.Preferences(), v.operatorSaved)
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
