//go:build !ci

package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fitToScreen shrinks w to the primary screen's work area when that is
// smaller than its preferred size. It must run on the toolkit's main
// thread once GLFW is initialised (the application's OnStarted).
func fitToScreen(w fyne.Window, want fyne.Size) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return
	}
	_, _, areaW, areaH := m.GetWorkarea()
	scale := w.Canvas().Scale()
	if xs, _ := m.GetContentScale(); xs > scale {
		scale = xs
	}
	if fit := fitSize(want, areaW, areaH, scale); fit != want {
		w.Resize(fit)
	}
}
