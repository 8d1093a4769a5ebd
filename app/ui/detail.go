package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// statementHeight is the least height of the statement's scroll: about
// three lines, so that the state and the proofs stay in view at 1280×720.
// A taller window gives it as much of its extra height as the statement
// needs (fitStatement, statementRoom).
const statementHeight = 80

// statementRoom is the most the statement's scroll takes in a canvas
// canvasHeight high: statementHeight and all the height above 720, so
// that at 1440×900 the summary shows under three lines of gaps.
func statementRoom(canvasHeight float32) float32 {
	return statementHeight + max(0, canvasHeight-720)
}

// Messages of the detail panel.
const (
	msgJustificationNeeded = "«\u00a0Non applicable\u00a0» demande une justification : saisissez-la dans le champ Justification, puis choisissez de nouveau ce statut."
	msgJustificationKept   = "La justification ne peut pas être vide tant que le statut est «\u00a0Non applicable\u00a0» : choisissez d'abord un autre statut."
)

// detailView shows one requirement and edits its state. Edits are saved
// at once: the status when chosen, the note and the justification when
// their field loses focus (or on Entrée for the justification), and any
// pending text before another requirement is shown or the dossier
// closes. There is no timer and no "save" button.
//
// Extension point: slot is an empty container under the state fields where
// the evidence panel (capture, attach, evidence list) goes; functions in
// onShown are called with every requirement shown, so that panel can
// follow the selection.
type detailView struct {
	win fyne.Window
	cat *dossier.Catalogue

	row   dossier.Row
	shown bool
	// savedNote and savedJust are the stored values, to tell pending edits.
	savedNote, savedJust string
	quiet                bool

	title, shortID, section, profiles, nature, proofs, refs *widget.Label
	summary, provenance, scope                              *widget.Label
	status                                                  *widget.Select
	note, justification                                     *savingEntry
	message, saved                                          *widget.Label
	// offline is "preuve déposée hors application"; gaps tells what in
	// this requirement blocks the final export.
	offline *widget.Check
	gaps    *widget.Label
	// statement scrolls the statement in a few lines, facts folds the
	// metadata: the state and the proofs stay in view.
	statement *container.Scroll
	facts     *widget.Accordion

	// signoff is the review controls (review.go).
	signoff *signoffPanel

	slot    *fyne.Container
	onShown []func(dossier.Row)
	// tabs switch between the requirement (main) and its history, whose
	// panel goes in historySlot (see setHistory).
	tabs        *container.AppTabs
	main        *fyne.Container
	historySlot *fyne.Container
	onHistory   func(shown bool)
	// cf shows official statement or paraphrase, "à revoir" and proof
	// numbers (import_detail.go).
	cf catalogueFacts

	// onChange stores a change and returns the requirement as stored.
	onChange func(id string, ch dossier.StateChange) (dossier.Row, error)

	body, empty *fyne.Container
	content     fyne.CanvasObject
}

func newDetailView(win fyne.Window, cat *dossier.Catalogue, onChange func(string, dossier.StateChange) (dossier.Row, error)) *detailView {
	v := &detailView{win: win, cat: cat, onChange: onChange}
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	newWrapped := func() *widget.Label { return wrapped("") }
	v.shortID, v.section, v.profiles, v.nature, v.proofs, v.refs = newWrapped(), newWrapped(), newWrapped(), newWrapped(), newWrapped(), newWrapped()
	v.summary = newWrapped()
	v.provenance = newWrapped()
	v.provenance.Importance = widget.LowImportance
	v.provenance.TextStyle = fyne.TextStyle{Italic: true}
	v.scope = newWrapped()
	v.scope.Importance = widget.WarningImportance

	labels := make([]string, len(dossier.Statuses))
	for i, st := range dossier.Statuses {
		labels[i] = st.Label()
	}
	v.status = widget.NewSelect(labels, v.onStatusChanged)

	v.note = newSavingEntry(true, v.onFieldLeft)
	v.note.SetPlaceHolder("Note libre : où trouver la preuve (hors application : où elle est déposée), ce qui reste à faire…")
	v.justification = newSavingEntry(false, v.onFieldLeft)
	v.justification.SetPlaceHolder("Obligatoire pour «\u00a0Non applicable\u00a0»")
	v.offline = widget.NewCheck("Preuve déposée hors application", v.onOfflineChanged)
	v.gaps = newWrapped()
	v.gaps.Importance = widget.DangerImportance
	v.gaps.Hide()
	v.message = newWrapped()
	v.message.Importance = widget.DangerImportance
	v.saved = widget.NewLabel("")
	v.saved.Importance = widget.LowImportance
	v.slot = container.NewStack()

	facts := widget.NewForm(
		widget.NewFormItem("ID court", v.shortID),
		widget.NewFormItem("Section", v.section),
		widget.NewFormItem("Profils", v.profiles),
		widget.NewFormItem("Nature", v.nature),
		widget.NewFormItem("Preuves attendues", v.proofs),
		widget.NewFormItem("Références", v.refs),
	)
	v.note.SetMinRowsVisible(2)
	state := widget.NewForm(
		// Ctrl+1…4 are told under the list; "Enregistré." shows here.
		widget.NewFormItem("Statut", container.NewBorder(nil, nil, nil, v.saved, v.status)),
		widget.NewFormItem("", v.offline),
		widget.NewFormItem("Note", v.note),
		widget.NewFormItem("Justification", v.justification),
	)
	v.cf = newCatalogueFacts(v.onReviewed)
	// The gaps open the statement's scroll: first thing read, and the
	// state stays in view however many there are.
	v.statement = container.NewVScroll(container.NewVBox(v.gaps, v.cf.heading, v.summary, v.provenance))
	v.statement.SetMinSize(fyne.NewSize(0, statementHeight))
	v.facts = widget.NewAccordion(widget.NewAccordionItem("Détails de l'exigence",
		container.NewVBox(facts, v.cf.slotsHead, v.cf.slots)))
	v.signoff = newSignoffPanel()
	top := container.NewVBox(v.scope, v.cf.review, v.statement, v.facts, state, v.message, v.signoff.content)
	v.main = container.NewBorder(top, nil, nil, nil, v.slot)
	v.historySlot = container.NewStack()
	v.historySlot.Hide()
	v.tabs = newHistoryTabs("Exigence", v.onTab)
	v.body = container.NewBorder(container.NewBorder(nil, nil, v.title, tabsWide(v.tabs)), nil, nil, nil,
		container.NewStack(v.main, v.historySlot))
	v.body.Hide()
	hint := widget.NewLabel("Choisissez une exigence dans la liste (↑/↓ ou Ctrl+↓/Ctrl+↑).")
	hint.Importance = widget.LowImportance
	v.empty = container.NewCenter(hint)
	v.content = container.NewStack(v.empty, v.body)
	return v
}

// setHistory puts the requirement's history panel under the Historique
// tab; onShown follows whether it is shown.
func (v *detailView) setHistory(panel fyne.CanvasObject, onShown func(bool)) {
	v.historySlot.Objects = []fyne.CanvasObject{panel}
	v.onHistory = onShown
}

// onTab shows the requirement or its history.
func (v *detailView) onTab(history bool) {
	if history {
		v.flush()
	}
	v.main.Hidden, v.historySlot.Hidden = history, !history
	v.body.Refresh()
	if v.onHistory != nil {
		v.onHistory(history)
	}
}

// clear shows no requirement (the filtered list is empty).
func (v *detailView) clear() {
	v.shown = false
	v.body.Hide()
	v.empty.Show()
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// show displays a requirement, saving the pending edits of the previous one.
func (v *detailView) show(r dossier.Row) {
	v.flush()
	req := r.Req
	v.title.SetText(req.ID)
	v.shortID.SetText(req.ShortID)
	if s, ok := v.cat.Section(req.Section); ok {
		v.section.SetText(s.Code + " — " + s.Label)
	} else {
		v.section.SetText(req.Section)
	}
	v.profiles.SetText(strings.Join(req.Profiles, " ; "))
	if req.Nature == dossier.Preconisation {
		v.nature.SetText("Préconisation (non contrôlée pour le référencement)")
	} else {
		v.nature.SetText("Exigence (contrôlée)")
	}
	v.proofs.SetText(v.proofText(req))
	v.refs.SetText(strings.Join(req.Vague2Refs, ", "))
	v.summary.SetText(req.Text())
	if req.Statement == "" && v.cat.Provenance != "" {
		v.provenance.SetText("Résumé paraphrasé, pas le texte officiel. " + v.cat.Provenance)
		v.provenance.Show()
	} else {
		v.provenance.Hide()
	}
	v.message.SetText("")
	v.saved.SetText("")
	v.message.Hide()
	v.note.SetText(r.State.Note)
	v.justification.SetText(r.State.Justification)
	// Each requirement opens at its top.
	v.statement.ScrollToTop()
	v.shown = true
	v.cf.show(r)
	v.update(r)
	v.empty.Hide()
	v.body.Show()
	for _, f := range v.onShown {
		f(r)
	}
}

func (v *detailView) proofText(req *dossier.Requirement) string {
	if len(req.ProofTypes) == 0 {
		if n := len(req.ProofSlots()); n > 0 {
			return fr.Plural(n, "preuve numérotée", "preuves numérotées") + " par le REM, détaillées ci-dessous"
		}
		return "non précisées"
	}
	labels := make([]string, len(req.ProofTypes))
	for i, p := range req.ProofTypes {
		labels[i] = v.cat.ProofTypeLabel(p)
	}
	s := strings.Join(labels, ", ")
	if req.ProofTypesInferred {
		s += " (déduites, à confirmer sur le REM officiel)"
	}
	return s
}

// update shows the stored state of the requirement on display.
func (v *detailView) update(r dossier.Row) {
	v.row = r
	v.quiet = true
	v.status.SetSelected(r.State.Status.Label())
	v.quiet = false
	if strings.TrimSpace(v.note.Text) != r.State.Note {
		v.note.SetText(r.State.Note)
	}
	if strings.TrimSpace(v.justification.Text) != r.State.Justification {
		v.justification.SetText(r.State.Justification)
	}
	v.savedNote, v.savedJust = r.State.Note, r.State.Justification
	v.quiet = true
	v.offline.SetChecked(r.State.Offline)
	v.quiet = false
	v.cf.update(r)
	v.signoff.set(r)
	if r.Applicable {
		v.scope.Hide()
	} else {
		v.scope.SetText("Hors périmètre : cette exigence ne s'applique plus aux profils choisis ; son statut, sa note et ses preuves sont conservés.")
		v.scope.Show()
	}
}

func (v *detailView) onStatusChanged(label string) {
	if v.quiet || !v.shown {
		return
	}
	for _, st := range dossier.Statuses {
		if st.Label() == label {
			v.setStatus(st)
			return
		}
	}
}

// setStatus asks to store a status, with the note and justification as
// typed. A refused change puts the previous status back and says why.
func (v *detailView) setStatus(st dossier.Status) {
	if !v.shown {
		return
	}
	v.quiet = true
	v.status.SetSelected(st.Label())
	v.quiet = false
	if err := v.commit(&st); err != nil {
		v.quiet = true
		v.status.SetSelected(v.row.State.Status.Label())
		v.quiet = false
		if errors.Is(err, dossier.ErrJustification) {
			v.fail(msgJustificationNeeded)
			v.win.Canvas().Focus(v.justification)
			return
		}
		v.fail(errorText(err))
	}
}

// onOfflineChanged stores "preuve déposée hors application"; without a
// note it asks for one and leaves the box unticked.
func (v *detailView) onOfflineChanged(on bool) {
	if v.quiet || !v.shown {
		return
	}
	note, just := v.note.Text, v.justification.Text
	r, err := v.onChange(v.row.Req.ID, dossier.StateChange{Offline: &on, Note: &note, Justification: &just})
	if err != nil {
		v.quiet = true
		v.offline.SetChecked(v.row.State.Offline)
		v.quiet = false
		v.fail(errorText(err))
		if errors.Is(err, &dossier.Error{Fault: dossier.FaultOfflineNote}) {
			v.win.Canvas().Focus(v.note)
		}
		return
	}
	v.message.Hide()
	v.update(r)
	v.saved.SetText("Enregistré.")
}

// setGaps shows what in the requirement shown blocks the final export and
// its warnings; none hides the line. It follows every show (mainView.
// onSelect), so it fits the statement's scroll to the new text.
func (v *detailView) setGaps(blocking, warnings []string) {
	var lines []string
	for _, g := range blocking {
		lines = append(lines, "Bloque l'export : "+g)
	}
	for _, g := range warnings {
		lines = append(lines, "Avertissement : "+g)
	}
	defer v.fitStatement()
	if len(lines) == 0 {
		v.gaps.Hide()
		return
	}
	v.gaps.Importance = widget.WarningImportance
	if len(blocking) > 0 {
		v.gaps.Importance = widget.DangerImportance
	}
	v.gaps.SetText(strings.Join(lines, "\n"))
	v.gaps.Show()
}

// fitStatement makes the statement's scroll as tall as its text (the
// gaps, the heading, the summary, its provenance), wrapped at the
// scroll's width, between statementHeight and statementRoom: at 1280×720
// the state and the proofs stay in view as before. Before the first
// layout (no width yet) it stays.
func (v *detailView) fitStatement() {
	w := v.statement.Size().Width
	if w <= 0 {
		return
	}
	room := statementRoom(v.win.Canvas().Size().Height)
	h := min(max(wrappedHeight(v.statement.Content, w), statementHeight), room)
	if h != v.statement.MinSize().Height {
		v.statement.SetMinSize(fyne.NewSize(0, h))
	}
}

// onFieldLeft saves the note and justification when one loses focus.
func (v *detailView) onFieldLeft() {
	v.flush()
}

// flush saves pending note or justification edits, if any.
func (v *detailView) flush() {
	if !v.shown || !v.pending() {
		return
	}
	// Only what was typed: the status shown may be stale (an attach or
	// another window may have changed it since), and is not ours to save.
	if err := v.commit(nil); err != nil {
		if errors.Is(err, dossier.ErrJustification) {
			v.justification.SetText(v.savedJust)
			v.fail(msgJustificationKept)
			return
		}
		v.fail(errorText(err))
	}
}

func (v *detailView) pending() bool {
	return strings.TrimSpace(v.note.Text) != v.savedNote || strings.TrimSpace(v.justification.Text) != v.savedJust
}

// commit stores the status when st is not nil, and the note and the
// justification when they were edited: only what the user changed, so
// that a change made elsewhere in the meantime is kept.
func (v *detailView) commit(st *dossier.Status) error {
	note, just := v.note.Text, v.justification.Text
	noteChanged := strings.TrimSpace(note) != v.savedNote
	ch := dossier.StateChange{Status: st}
	if noteChanged {
		ch.Note = &note
	}
	if strings.TrimSpace(just) != v.savedJust {
		ch.Justification = &just
	}
	r, err := v.onChange(v.row.Req.ID, ch)
	if err != nil {
		return err
	}
	v.message.Hide()
	v.update(r)
	if noteChanged {
		v.saved.SetText("Note enregistrée.")
	} else {
		v.saved.SetText("Enregistré.")
	}
	return nil
}

func (v *detailView) fail(msg string) {
	v.saved.SetText("")
	v.message.SetText(msg)
	v.message.Show()
}

// savingEntry is an entry that reports when it loses focus, so its text is
// saved when the user leaves it rather than at every keystroke.
type savingEntry struct {
	widget.Entry
	onLeft func()
}

func newSavingEntry(multiLine bool, onLeft func()) *savingEntry {
	e := &savingEntry{onLeft: onLeft}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	} else {
		e.OnSubmitted = func(string) { onLeft() }
	}
	e.ExtendBaseWidget(e)
	if multiLine {
		e.SetMinRowsVisible(4)
	}
	return e
}

// FocusLost implements fyne.Focusable.
func (e *savingEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeft != nil {
		e.onLeft()
	}
}
