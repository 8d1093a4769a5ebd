package ui

import (
	"fmt"
	"image/color"
	"slices"
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

// Size of the thumbnails, in device-independent units; the disk cache
// keeps them at twice that many pixels so they stay sharp on HiDPI
// screens, the memory cache at the window's scale (fitPreview).
const (
	thumbW, thumbH = 120, 75
	// textPreviewW is the width of a text preview (first lines of a log,
	// XML, HL7, e-mail headers): wider than a picture, clipped.
	textPreviewW = 260
)

// evidenceActions are what a card's buttons do.
type evidenceActions struct {
	open, annotate, caption, move, remove func()
}

// evidenceCard shows one evidence item: thumbnail (or the first lines of
// a text, or the kind's icon), name, metadata, caption, SHA-256 and
// actions. Cards are the rows of the panel's virtualised list: a card is
// made once and bound to the item its row shows (bind).
type evidenceCard struct {
	ev      dossier.Evidence
	thumb   *canvas.Image
	preview *widget.RichText
	name    *widget.Label
	meta    *widget.Label
	sum     *widget.Label
	caption *widget.Label
	// notes lists an annotated image's marks ("Étape 1 : champ INS");
	// hidden for other proofs.
	notes *widget.Label

	textPreview *fyne.Container // c.preview in its box

	open, annotate, captionBtn, move, remove *widget.Button
	content                                  fyne.CanvasObject
}

func newEvidenceCard() *evidenceCard {
	c := &evidenceCard{}
	c.thumb = canvas.NewImageFromResource(theme.FileIcon())
	c.thumb.FillMode = canvas.ImageFillContain
	c.thumb.SetMinSize(fyne.NewSize(thumbW, thumbH))
	c.preview = widget.NewRichText() // lines cut to fit by previewSegments

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
	c.notes = small(fyne.TextStyle{})
	c.notes.Hide()

	c.open = widget.NewButtonWithIcon("Ouvrir", theme.FileIcon(), nil)
	c.annotate = widget.NewButtonWithIcon("Annoter", theme.ColorPaletteIcon(), nil)
	c.annotate.Hide()
	c.captionBtn = widget.NewButtonWithIcon("Légende", theme.DocumentCreateIcon(), nil)
	c.move = widget.NewButtonWithIcon("Déplacer", theme.MailForwardIcon(), nil)
	c.remove = widget.NewButtonWithIcon("Supprimer", theme.DeleteIcon(), nil)
	c.remove.Importance = widget.DangerImportance
	for _, b := range []*widget.Button{c.open, c.annotate, c.captionBtn, c.move} {
		b.Importance = widget.LowImportance
	}
	buttons := container.NewHBox(c.open, c.annotate, c.captionBtn, c.move, c.remove)

	text := container.NewVBox(c.name, c.meta, c.caption, c.notes, c.sum)
	// The text preview's box keeps its width when empty or hidden.
	textBox := canvas.NewRectangle(color.Transparent)
	textBox.SetMinSize(fyne.NewSize(textPreviewW, thumbH))
	c.textPreview = container.NewStack(textBox, c.preview)
	c.textPreview.Hide()
	preview := container.NewStack(c.thumb, c.textPreview)
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
	if t := annotationsText(ev.Annotations); t != "" {
		c.notes.SetText(t)
		c.notes.Show()
	} else {
		c.notes.Hide()
	}
	c.open.OnTapped, c.captionBtn.OnTapped, c.move.OnTapped, c.remove.OnTapped = a.open, a.caption, a.move, a.remove
	c.annotate.OnTapped = a.annotate
	if ev.Kind == dossier.KindImage && a.annotate != nil {
		c.annotate.Show()
	} else {
		c.annotate.Hide()
	}
	c.thumb.Image = nil
	c.thumb.Resource = kindIcon(ev.Kind)
	c.thumb.Show()
	c.textPreview.Hide()
	if ok {
		c.setPreview(p)
	}
	c.thumb.Refresh()
}

// setPreview shows a picture (image, first page of a PDF) or the first
// lines of a text, coloured by its syntax, in place of the kind's icon.
func (c *evidenceCard) setPreview(p preview) {
	switch {
	case p.Image != nil:
		c.thumb.Resource = nil
		c.thumb.Image = p.Image
		c.thumb.Refresh()
	case p.Text != "":
		c.preview.Segments = previewSegments(p.Lines(previewLines), textPreviewW)
		c.preview.Refresh()
		c.textPreview.Show()
		c.thumb.Hide()
	}
}

// annotationsText lists the marks drawn into an annotated image, on one
// line that the card may cut: the numbered steps first (they say what
// the proof shows), then the text labels, then the other marks; "" when
// there is none.
func annotationsText(anns []dossier.Annotation) string {
	if len(anns) == 0 {
		return ""
	}
	rank := func(a dossier.Annotation) int {
		switch a.Kind {
		case dossier.AnnotStep:
			return 0
		case dossier.AnnotText:
			return 1
		}
		return 2
	}
	sorted := slices.Clone(anns)
	slices.SortStableFunc(sorted, func(a, b dossier.Annotation) int {
		if d := rank(a) - rank(b); d != 0 || a.Kind != dossier.AnnotStep {
			return d
		}
		return a.Number - b.Number
	})
	return "Annotations : " + strings.Join(dossier.DescribeAll(sorted), " · ")
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
