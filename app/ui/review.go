package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// signoffPanel is the review part of the requirement detail: where the
// requirement stands (validée par…, à valider, à corriger with the
// reviewer's comment) and the reviewer's actions, Valider and À corriger
// (with a comment); after an "à corriger", the author sends it back with
// "Corrections faites". A change of proofs that takes a validation away
// is told here, even when the requirement is left with nothing to review
// (its last proof removed). Hidden while there is nothing to review
// (review off, or the requirement not ready) nor to tell.
type signoffPanel struct {
	row    dossier.Row
	state  *widget.Label
	notice *widget.Label
	// comment is the reviewer's comment, required for "à corriger".
	comment                     *widget.Entry
	validate, correct, resubmit *widget.Button
	message                     *widget.Label
	// review is the state line and the actions, hidden when there is
	// nothing to review (the notice may still show).
	review *fyne.Container

	// onReview records a decision by the operator; onResubmit sends the
	// requirement back for review. Both return the requirement as stored.
	onReview   func(id string, d dossier.SignoffDecision, comment string) (dossier.Row, error)
	onResubmit func(id string, st dossier.Status) (dossier.Row, error)

	content *fyne.Container
}

func newSignoffPanel() *signoffPanel {
	p := &signoffPanel{}
	p.state = wrapped("")
	p.state.TextStyle = fyne.TextStyle{Bold: true}
	p.notice = wrapped("")
	p.notice.Importance = widget.WarningImportance
	p.notice.Hide()
	p.comment = widget.NewEntry()
	p.comment.SetPlaceHolder("Commentaire du relecteur (obligatoire pour «\u00a0À corriger\u00a0»)")
	p.validate = widget.NewButtonWithIcon("Valider", theme.ConfirmIcon(), func() { p.decide(dossier.Valide) })
	p.validate.Importance = widget.SuccessImportance
	p.correct = widget.NewButtonWithIcon("À corriger", theme.ContentUndoIcon(), func() { p.decide(dossier.ACorriger) })
	p.correct.Importance = widget.WarningImportance
	p.resubmit = widget.NewButtonWithIcon("Corrections faites : à valider de nouveau", theme.MailSendIcon(), p.onResubmitTapped)
	p.resubmit.Hide()
	p.message = wrapped("")
	p.message.Importance = widget.DangerImportance
	p.message.Hide()
	actions := container.NewBorder(nil, nil, nil, container.NewHBox(p.validate, p.correct), p.comment)
	p.review = container.NewVBox(container.NewBorder(nil, nil, bold("Relecture"), nil, p.state), actions, p.resubmit)
	p.content = container.NewVBox(widget.NewSeparator(), p.notice, p.review, p.message)
	p.content.Hide()
	return p
}

// set shows the review of r; when r is the requirement shown before and
// has just lost its validation, the notice says so.
func (p *signoffPanel) set(r dossier.Row) {
	same := p.row.Req != nil && r.Req != nil && p.row.Req.ID == r.Req.ID
	switch {
	case !same:
		p.comment.SetText("")
		p.message.Hide()
		p.notice.Hide()
	case dossier.RevokedNotice(r.Req.ID, p.row.Signoff, r.Signoff) != "":
		p.notice.SetText("Avis : " + dossier.RevokedNotice(r.Req.ID, p.row.Signoff, r.Signoff) + ".")
		p.notice.Show()
	case r.Signoff.State == dossier.SignoffValidated:
		p.notice.Hide()
	}
	p.row = r
	so := r.Signoff
	if so.State == dossier.SignoffNone {
		p.review.Hide()
		p.content.Hidden = p.notice.Hidden
		p.content.Refresh()
		return
	}
	p.review.Show()
	p.state.SetText(so.Line())
	switch so.State {
	case dossier.SignoffValidated:
		p.state.Importance = widget.SuccessImportance
	case dossier.SignoffToCorrect:
		p.state.Importance = widget.DangerImportance
	default:
		p.state.Importance = widget.WarningImportance
	}
	p.state.Refresh()
	p.resubmit.Hidden = so.State != dossier.SignoffToCorrect
	p.resubmit.Refresh()
	p.content.Show()
}

// decide records the operator's decision, or says why it was refused (the
// proofs' own author, a missing comment…).
func (p *signoffPanel) decide(d dossier.SignoffDecision) {
	if p.row.Req == nil || p.onReview == nil {
		return
	}
	r, err := p.onReview(p.row.Req.ID, d, p.comment.Text)
	if err != nil {
		p.fail(err)
		return
	}
	p.message.Hide()
	p.comment.SetText("")
	p.set(r)
}

// onResubmitTapped sends an "à corriger" requirement back for review.
func (p *signoffPanel) onResubmitTapped() {
	if p.row.Req == nil || p.onResubmit == nil {
		return
	}
	r, err := p.onResubmit(p.row.Req.ID, p.row.State.Status)
	if err != nil {
		p.fail(err)
		return
	}
	p.message.Hide()
	p.set(r)
}

func (p *signoffPanel) fail(err error) {
	p.message.SetText(errorText(err))
	p.message.Show()
}
