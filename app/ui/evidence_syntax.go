package ui

import (
	"unicode/utf8"

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
// small monospace runs, each line its own paragraph, cut to the
// characters that fit in width (rich text does not clip a line of
// several runs: the last ones would overflow the card or vanish).
func previewSegments(lines []thumb.Line, width float32) []widget.RichTextSegment {
	mono := fyne.TextStyle{Monospace: true}
	charW := fyne.MeasureText("0", theme.CaptionTextSize(), mono).Width
	fit := max(1, int((width-2*theme.InnerPadding())/max(charW, 1)))
	var segs []widget.RichTextSegment
	for _, line := range lines {
		line = cutLine(line, fit)
		for i, span := range line {
			segs = append(segs, &widget.TextSegment{Text: span.Text, Style: widget.RichTextStyle{
				ColorName: syntaxColor(span.Class),
				Inline:    i < len(line)-1,
				SizeName:  theme.SizeNameCaptionText,
				TextStyle: mono, // no bold monospace face in the theme
			}})
		}
	}
	return segs
}

// cutLine keeps the first n characters of a line, the last one "…" when
// some are cut.
func cutLine(line thumb.Line, n int) thumb.Line {
	total := 0
	for _, span := range line {
		total += utf8.RuneCountInString(span.Text)
	}
	if total <= n {
		return line
	}
	var out thumb.Line
	left := n - 1
	for _, span := range line {
		r := []rune(span.Text)
		if len(r) >= left {
			span.Text = string(r[:left]) + "…"
			return append(out, span)
		}
		left -= len(r)
		out = append(out, span)
	}
	return out
}
