package capture

import (
	"image"
	"image/color"
	"slices"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Marks is everything the user put on a capture in the editor: masks,
// crop and annotations, in image coordinates.
type Marks struct {
	Masks []image.Rectangle
	Crop  *image.Rectangle
	Anns  []dossier.Annotation
}

// clone is a deep copy of m.
func (m Marks) clone() Marks {
	c := Marks{Masks: slices.Clone(m.Masks), Anns: slices.Clone(m.Anns)}
	if m.Crop != nil {
		r := *m.Crop
		c.Crop = &r
	}
	return c
}

// Edit is m as Apply takes it, with fill as the masking colour.
func (m Marks) Edit(fill color.Color) Edit {
	m = m.clone()
	return Edit{Crop: m.Crop, Redactions: m.Masks, Annotations: m.Anns, Fill: fill}
}

// History holds the editor's marks with their undo and redo stacks
// (Ctrl+Z, Ctrl+Maj+Z). Every change, including a whole drag, is one
// step. It knows nothing of the screen.
type History struct {
	cur        Marks
	undo, redo []Marks
}

// Marks is the current state; the caller must not modify it.
func (h *History) Marks() Marks { return h.cur }

// Change records one step: the state before it goes on the undo stack,
// the redo stack is cleared, then fn modifies the state.
func (h *History) Change(fn func(*Marks)) {
	h.Begin()
	fn(&h.cur)
}

// Begin records the state before a change made in several moves (a
// drag): the moves then go through Live and are undone as one step.
func (h *History) Begin() {
	h.undo = append(h.undo, h.cur.clone())
	h.redo = nil
}

// Live modifies the state within a change already begun.
func (h *History) Live(fn func(*Marks)) { fn(&h.cur) }

// Drop forgets the step just begun when it changed nothing (a click
// without a drag).
func (h *History) Drop() {
	if n := len(h.undo); n > 0 {
		h.cur = h.undo[n-1]
		h.undo = h.undo[:n-1]
	}
}

// Undo goes one step back; false when there is none.
func (h *History) Undo() bool { return h.step(&h.undo, &h.redo) }

// Redo replays the step last undone; false when there is none.
func (h *History) Redo() bool { return h.step(&h.redo, &h.undo) }

// step takes the state on top of from, keeping the current one on to.
func (h *History) step(from, to *[]Marks) bool {
	n := len(*from)
	if n == 0 {
		return false
	}
	*to = append(*to, h.cur)
	h.cur = (*from)[n-1]
	*from = (*from)[:n-1]
	return true
}

// CanUndo and CanRedo tell whether Undo and Redo would do something.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo: see CanUndo.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }
