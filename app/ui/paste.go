package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"log"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// Bounds of what a paste reads.
const (
	maxPastedText = 16 << 20
	pasteTimeout  = 5 * time.Second
)

// PasteLimits is what the GUI lets a paste read.
func PasteLimits() system.ClipLimits {
	return system.ClipLimits{Image: capture.MaxEncoded, Text: maxPastedText}
}

// pasteDialog is the confirmation of a text pasted as a proof.
type pasteDialog struct {
	dlg  *dialog.ConfirmDialog
	name string
	text string
}

// onPaste attaches what the clipboard holds to the requirement shown
// (Ctrl+V in the main window, when no field has the focus): an image
// through the capture editor, files as dropped files are, a text as a
// .txt proof after a confirmation. Anything else, or too much, gets one
// French sentence.
func (p *evidencePanel) onPaste() {
	if !p.ready() {
		return
	}
	reqID := p.row.Req.ID
	read := p.d.clipboard
	if read == nil {
		read = func(context.Context) (system.Clip, error) { return system.Clip{}, system.ErrNoClipboardReader }
	}
	var clip system.Clip
	var img *image.RGBA
	var err error
	p.d.bg(func() {
		ctx, cancel := context.WithTimeout(p.svc.Context(), pasteTimeout)
		defer cancel()
		clip, err = read(ctx)
		if err == nil && len(clip.Image) > 0 {
			img, err = capture.Decode(clip.Image, "")
		}
	}, func() {
		if errors.Is(err, system.ErrNoClipboardReader) {
			// No system reader here (no X display, another platform):
			// the toolkit's clipboard, text only, on the UI goroutine.
			clip, err = textClip(p.d.app.Clipboard().Content())
		}
		switch {
		case err != nil:
			log.Printf("paste into %s: %v (%v)", reqID, err, clip)
			showError(p.win, "Collage impossible", err)
		case img != nil:
			p.openPasted(reqID, img)
		case len(clip.Files) > 0:
			p.attachPaths(clip.Files)
		case strings.TrimSpace(clip.Text) != "":
			p.confirmText(reqID, clip.Text)
		case len(clip.Types) > 0:
			showError(p.win, "Collage impossible", dossier.ED(dossier.FaultClipboardUnsupported, "", strings.Join(clip.Types, ", "), nil))
		default:
			showError(p.win, "Collage impossible", dossier.E(dossier.FaultClipboardEmpty, "", nil))
		}
	})
}

// textClip is a text read from the toolkit's clipboard, checked.
func textClip(text string) (system.Clip, error) {
	if len(text) > maxPastedText {
		return system.Clip{}, dossier.ED(dossier.FaultClipboardTooLarge, "", fmt.Sprint(maxPastedText), nil)
	}
	return system.Clip{Text: text}, nil
}

// openPasted opens a pasted image in the capture editor.
func (p *evidencePanel) openPasted(reqID string, img *image.RGBA) {
	p.openImageEditor(reqID, img, capture.Geometry{}, nil)
	if p.editor != nil {
		p.editor.pasted = true
		p.editor.info.SetText(p.editor.infoText())
	}
}

// confirmText asks before storing a pasted text as a .txt proof.
func (p *evidencePanel) confirmText(reqID, text string) {
	if !utf8.ValidString(text) {
		showError(p.win, "Collage impossible", dossier.ED(dossier.FaultClipboardUnsupported, "", "texte non UTF-8", nil))
		return
	}
	name := fmt.Sprintf("presse-papiers-%s.txt", p.svc.Now().Local().Format("20060102-150405"))
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	preview := lines[:min(len(lines), 8)]
	if len(lines) > 8 {
		preview = append(preview, "…")
	}
	head := wrapped(fmt.Sprintf("Le presse-papiers contient un texte de %s (%s). Il sera joint à %s sous le nom %s.",
		fr.Plural(len(lines), "ligne", "lignes"), fr.Size(int64(len(text))), reqID, fr.Quote(name)))
	shown := widget.NewLabelWithStyle(strings.Join(preview, "\n"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	shown.Truncation = fyne.TextTruncateEllipsis
	d := &pasteDialog{name: name, text: text}
	d.dlg = dialog.NewCustomConfirm("Joindre le texte collé ?", "Joindre", "Annuler",
		container.NewVBox(head, shown), func(ok bool) {
			if ok {
				p.attachText(reqID, d.name, d.text)
			}
		}, p.win)
	d.dlg.Resize(fyne.NewSize(560, 0))
	p.pasteDlg = d
	d.dlg.Show()
}

// attachText stores a pasted text as a proof.
func (p *evidencePanel) attachText(reqID, name, text string) {
	svc := p.svc
	opt := dossier.AttachOptions{ProofID: p.proofID(), Operator: p.d.operator()}
	var ev dossier.Evidence
	var err error
	p.d.bg(func() {
		ev, err = svc.AttachReader(svc.Context(), reqID, name, strings.NewReader(text), nil, opt, nil)
	}, func() {
		if err != nil {
			showError(p.win, "Texte non joint", err)
			return
		}
		p.reload()
		p.onChanged(reqID)
		p.setNotice(fmt.Sprintf("Texte «\u00a0%s\u00a0» ajouté à %s (%s).", ev.Name, reqID, fr.Size(ev.Size)))
	})
}
