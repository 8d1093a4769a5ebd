package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// syntaxColor is the colour of one of package thumb's syntax classes: a
// theme colour, so that it reads on the light and the dark theme alike.
func syntaxColor(c thumb.Class) fyne.ThemeColorName {
	switch c {
	case thumb.Muted, thumb.Comment:
		return theme.ColorNamePlaceHolder
	case thumb.Keyword:
		return theme.ColorNamePrimary
	case thumb.Value, thumb.Info:
		return theme.ColorNameSuccess
	case thumb.Error:
		return theme.ColorNameError
	case thumb.Warning:
		return theme.ColorNameWarning
	}
	return theme.ColorNameForeground
}

// previewSegments turns coloured preview lines into rich text segments:
// small monospace runs, each line its own paragraph.
func previewSegments(lines []thumb.Line) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, line := range lines {
		for i, span := range line {
			segs = append(segs, &widget.TextSegment{Text: span.Text, Style: widget.RichTextStyle{
				ColorName: syntaxColor(span.Class),
				Inline:    i < len(line)-1,
				SizeName:  theme.SizeNameCaptionText,
				TextStyle: fyne.TextStyle{Monospace: true}, // no bold monospace face in the theme
			}})
		}
	}
	return segs
}
