package ui

import "fyne.io/fyne/v2/widget"

// relabel shows text with importance imp on l, refreshing l only when one
// of them changes. Setting a label's text, even to the same text, makes
// Fyne lay it out again (shaping, and for truncated labels a search of
// where to cut) and paint a new texture for it: a list refreshes every
// visible row on each selection, so rows that did not change must cost
// nothing.
func relabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp {
		return
	}
	l.Text, l.Importance = text, imp
	l.Refresh()
}
