//go:build ci

package ui

import "fyne.io/fyne/v2"

// fitToScreen does nothing under the headless test driver: it has no screen.
func fitToScreen(fyne.Window, fyne.Size) {}
