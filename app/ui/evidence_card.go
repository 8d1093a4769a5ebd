package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// Size of the thumbnails, in device-independent units; thumbnails are
// decoded at twice that many pixels so they stay sharp on HiDPI screens.
const (
	thumbW, thumbH = 120, 75
)

// evidenceActions are what a card's buttons do.
type evidenceActions struct {
	open, caption, move, remove func()
}

// evidenceCard shows one evidence item: thumbnail (or the first lines of
// a text, or the kind's icon), name, metadata, caption, SHA-256 and
// actions. Cards are the rows of the panel's virtualised list: a card is
// made once and bound to the item its row shows (bind).
type evidenceCard struct {
	ev      dossier.Evidence
	thumb   *canvas.Image
	preview *widget.Label
	name    *widget.Label
	meta    *widget.Label
	sum     *widget.Label
	caption *widget.Label

	open, captionBtn, move, remove *widget.Button
	content                        fyne.CanvasObject
}

func newEvidenceCard() *evidenceCard {
	c := &evidenceCard{}
	c.thumb = canvas.NewImageFromResource(theme.FileIcon())
	c.thumb.FillMode = canvas.ImageFillContain
	c.thumb.SetMinSize(fyne.NewSize(thumbW, thumbH))
	c.preview = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.preview.SizeName = theme.SizeNameCaptionText
	c.preview.Truncation = fyne.TextTruncateClip
	c.preview.Hide()

	c.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.name.Truncation = fyne.TextTruncateEllipsis
	small := func(style fyne.TextStyle) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, style)
		l.Truncation = fyne.TextTruncateEllipsis
		l.SizeName = theme.SizeNameCaptionText
		return l
	}
	c.meta = small(fyne.TextStyle{})
	c.caption = small(fyne.TextStyle{})
	c.sum = small(fyne.TextStyle{Monospace: true})

	c.open = widget.NewButtonWithIcon("Ouvrir", theme.FileIcon(), nil)
	c.captionBtn = widget.NewButtonWithIcon("Légende", theme.DocumentCreateIcon(), nil)
	c.move = widget.NewButtonWithIcon("Déplacer", theme.MailForwardIcon(), nil)
	c.remove = widget.NewButtonWithIcon("Supprimer", theme.DeleteIcon(), nil)
	c.remove.Importance = widget.DangerImportance
	for _, b := range []*widget.Button{c.open, c.captionBtn, c.move} {
		b.Importance = widget.LowImportance
	}
	buttons := container.NewHBox(c.open, c.captionBtn, c.move, c.remove)

	text := container.NewVBox(c.name, c.meta, c.caption, c.sum)
	preview := container.NewStack(c.thumb, c.preview)
	c.content = container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(preview), nil, text),
		buttons, widget.NewSeparator())
	return c
}

// bind shows ev on the card, with its actions and the preview the cache
// has (p.img or p.text; ok false shows the kind's icon).
func (c *evidenceCard) bind(ev dossier.Evidence, cat *dossier.Catalogue, a evidenceActions, p preview, ok bool) {
	c.ev = ev
	relabel(c.name, ev.Name, c.name.Importance)
	relabel(c.meta, metadataText(ev, cat), c.meta.Importance)
	if italic := ev.Caption == ""; c.caption.TextStyle.Italic != italic {
		c.caption.TextStyle = fyne.TextStyle{Italic: italic}
		c.caption.Refresh()
	}
	relabel(c.caption, captionText(ev.Caption), c.caption.Importance)
	relabel(c.sum, "SHA-256 : "+ev.SHA256, c.sum.Importance)
	c.open.OnTapped, c.captionBtn.OnTapped, c.move.OnTapped, c.remove.OnTapped = a.open, a.caption, a.move, a.remove
	c.showPreview(p, ok)
}

// setPreview shows a decoded thumbnail or the first lines of a text in
// place of the kind's icon.
func (c *evidenceCard) setPreview(p preview) { c.showPreview(p, true) }

// showPreview shows the thumbnail p.img, else the first lines p.text,
// else (ok false, or nothing to show) the icon of the item's kind,
// changing only what differs from what the card shows: cards are rebound
// on every refresh of the list.
func (c *evidenceCard) showPreview(p preview, ok bool) {
	if ok && p.text != "" && p.img == nil {
		relabel(c.preview, p.text, c.preview.Importance)
		c.preview.Show()
		c.thumb.Hide()
		return
	}
	c.preview.Hide()
	img, res := p.img, fyne.Resource(nil)
	if !ok || img == nil {
		img, res = nil, kindIcon(c.ev.Kind)
	}
	if c.thumb.Image != img || c.thumb.Resource != res {
		c.thumb.Image, c.thumb.Resource = img, res
		c.thumb.Refresh()
	}
	c.thumb.Show()
}

func captionText(caption string) string {
	if caption == "" {
		return "Sans légende"
	}
	return "Légende : " + caption
}

// metadataText is the card's metadata, on one line: kind, size, when and
// by whom it was added, the expected proof and, for captures, the display
// geometry.
func metadataText(ev dossier.Evidence, cat *dossier.Catalogue) string {
	lines := []string{fmt.Sprintf("%s · %s · ajouté le %s par %s", kindLabel(ev.Kind), fr.Size(ev.Size),
		ev.AddedAt.Local().Format("02/01/2006 à 15:04"), orUnknown(ev.AddedBy))}
	if ev.ProofID != "" {
		lines = append(lines, "Preuve attendue : "+ev.ProofID)
	}
	if g := ev.Capture; g != nil {
		where := "de tous les écrans"
		if g.Display != capture.AllDisplays {
			where = fmt.Sprintf("de l'écran %d", g.Display)
		}
		lines = append(lines, fmt.Sprintf("Capture %s : %d × %d px à (%d, %d)", where, g.Width, g.Height, g.X, g.Y))
	}
	return strings.Join(lines, " · ")
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(inconnu)"
	}
	return s
}

// kindLabel names a kind in French, capitalised for the start of a line.
func kindLabel(k dossier.Kind) string {
	l := k.Label()
	r, n := utf8.DecodeRuneInString(l)
	return string(unicode.ToUpper(r)) + l[n:]
}

// kindIcon is the icon shown for a kind until (or instead of) a preview.
func kindIcon(k dossier.Kind) fyne.Resource {
	switch k {
	case dossier.KindImage:
		return theme.FileImageIcon()
	case dossier.KindVideo:
		return theme.FileVideoIcon()
	case dossier.KindPDF, dossier.KindXML, dossier.KindHL7:
		return theme.DocumentIcon()
	case dossier.KindText:
		return theme.FileTextIcon()
	case dossier.KindEmail:
		return theme.MailComposeIcon()
	case dossier.KindArchive:
		return theme.StorageIcon()
	}
	return theme.FileApplicationIcon()
}
