// Command fynefloor is the smallest Fyne application: one window of the
// application's size holding one label. .ci/bench-walk.sh runs it beside
// the application, in the same X server and build mode (-tags no_emoji),
// to tell the memory that any Fyne window costs there (the toolkit, its
// font, the OpenGL driver: under Xvfb, Mesa's llvmpipe and its LLVM) from
// the application's own.
//
// Usage: fynefloor (the window's title ends with " — plancher", which the
// script waits for, like the application's " — dossier name").
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("fr.segur-dossier.fynefloor")
	w := a.NewWindow("Fyne — plancher")
	w.SetContent(widget.NewLabel("Dossier Ségur"))
	w.Resize(fyne.NewSize(1440, 900))
	w.ShowAndRun()
}
