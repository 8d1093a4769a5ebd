package ui

import (
	"fmt"
	"strings"

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
	thumbW, thumbH = 160, 100
)

// evidenceActions are what a card's buttons do.
type evidenceActions struct {
	open, caption, move, remove func()
}

// evidenceCard shows one evidence item: thumbnail, first lines or kind
// icon, metadata, caption and actions.
type evidenceCard struct {
	ev      dossier.Evidence
	thumb   *canvas.Image
	preview *widget.Label
	meta    *widget.Label
	sum     *widget.Label
	caption *widget.Label

	open, captionBtn, move, remove *widget.Button
	content                        fyne.CanvasObject
}

func newEvidenceCard(ev dossier.Evidence, cat *dossier.Catalogue, a evidenceActions) *evidenceCard {
	c := &evidenceCard{ev: ev}
	c.thumb = canvas.NewImageFromResource(kindIcon(ev.Kind))
	c.thumb.FillMode = canvas.ImageFillContain
	c.thumb.SetMinSize(fyne.NewSize(thumbW, thumbH))

	name := widget.NewLabelWithStyle(ev.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	c.meta = widget.NewLabel(metadataText(ev, cat))
	c.meta.Wrapping = fyne.TextWrapWord
	c.meta.SizeName = theme.SizeNameCaptionText
	c.sum = widget.NewLabelWithStyle("SHA-256 : "+ev.SHA256, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.sum.Wrapping = fyne.TextWrapBreak
	c.sum.SizeName = theme.SizeNameCaptionText
	c.caption = widget.NewLabel(captionText(ev.Caption))
	c.caption.Wrapping = fyne.TextWrapWord
	c.caption.TextStyle = fyne.TextStyle{Italic: ev.Caption == ""}
	c.preview = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.preview.SizeName = theme.SizeNameCaptionText
	c.preview.Truncation = fyne.TextTruncateEllipsis
	c.preview.Hide()

	c.open = widget.NewButtonWithIcon("Ouvrir", theme.FileIcon(), a.open)
	c.captionBtn = widget.NewButtonWithIcon("Légende", theme.DocumentCreateIcon(), a.caption)
	c.move = widget.NewButtonWithIcon("Déplacer vers…", theme.MailForwardIcon(), a.move)
	c.remove = widget.NewButtonWithIcon("Supprimer", theme.DeleteIcon(), a.remove)
	c.remove.Importance = widget.DangerImportance
	buttons := container.NewHBox(c.open, c.captionBtn, c.move, c.remove)

	text := container.NewVBox(name, c.caption, c.meta, c.sum, c.preview)
	c.content = container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(c.thumb), nil, text),
		buttons, widget.NewSeparator())
	return c
}

// setPreview shows a decoded thumbnail or the first lines of a text.
func (c *evidenceCard) setPreview(p preview) {
	switch {
	case p.img != nil:
		c.thumb.Resource = nil
		c.thumb.Image = p.img
		c.thumb.Refresh()
	case p.text != "":
		c.preview.SetText(p.text)
		c.preview.Show()
	}
}

func captionText(caption string) string {
	if caption == "" {
		return "Sans légende"
	}
	return "Légende : " + caption
}

// metadataText is the card's metadata: kind, size, when and by whom it
// was added, the expected proof and, for captures, the display geometry.
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
	return strings.Join(lines, "\n")
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(inconnu)"
	}
	return s
}

// kindLabel names a kind in French.
func kindLabel(k dossier.Kind) string {
	switch k {
	case dossier.KindImage:
		return "Image"
	case dossier.KindVideo:
		return "Vidéo"
	case dossier.KindPDF:
		return "PDF"
	case dossier.KindText:
		return "Texte ou journal"
	case dossier.KindEmail:
		return "Courriel (.eml)"
	case dossier.KindXML:
		return "XML"
	case dossier.KindHL7:
		return "Message HL7"
	case dossier.KindArchive:
		return "Archive"
	}
	return "Autre fichier"
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
