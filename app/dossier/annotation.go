package dossier

import (
	"fmt"
	"strings"
)

// AnnotationKind names what an annotation draws on a capture.
type AnnotationKind string

// The annotation kinds of the capture editor.
const (
	AnnotArrow     AnnotationKind = "arrow"     // X,Y: tail; X2,Y2: head
	AnnotRect      AnnotationKind = "rect"      // X,Y – X2,Y2: the box
	AnnotEllipse   AnnotationKind = "ellipse"   // X,Y – X2,Y2: the bounding box
	AnnotStep      AnnotationKind = "step"      // X,Y: the marker's centre; Number; Text: optional label
	AnnotText      AnnotationKind = "text"      // X,Y: the label's top-left corner; Text
	AnnotHighlight AnnotationKind = "highlight" // X,Y – X2,Y2: the highlighted box
	AnnotSpotlight AnnotationKind = "spotlight" // X,Y – X2,Y2: the box left bright; the rest is dimmed
)

// AnnotationKinds lists every kind, in the editor's order.
func AnnotationKinds() []AnnotationKind {
	return []AnnotationKind{AnnotArrow, AnnotRect, AnnotEllipse, AnnotStep, AnnotText, AnnotHighlight, AnnotSpotlight}
}

// Annotation is one mark drawn into a saved capture (a numbered step, an
// arrow, a box…). The pixels are in the stored image; the list is kept
// with the evidence so that the proof can be described in words ("Étape 1
// : champ INS"). Coordinates are pixels of the stored image.
type Annotation struct {
	Kind   AnnotationKind `json:"kind"`
	X      int            `json:"x"`
	Y      int            `json:"y"`
	X2     int            `json:"x2,omitempty"`
	Y2     int            `json:"y2,omitempty"`
	Number int            `json:"number,omitempty"`
	Text   string         `json:"text,omitempty"`
	// Color is a palette name of the capture editor ("rouge", "bleu"…);
	// empty is the palette's first colour.
	Color string `json:"color,omitempty"`
}

// Boxed reports whether the kind is drawn in the box X,Y – X2,Y2.
func (k AnnotationKind) Boxed() bool {
	switch k {
	case AnnotRect, AnnotEllipse, AnnotHighlight, AnnotSpotlight:
		return true
	}
	return false
}

// Known reports whether k is one of AnnotationKinds.
func (k AnnotationKind) Known() bool {
	for _, x := range AnnotationKinds() {
		if x == k {
			return true
		}
	}
	return false
}

// Label names the kind in French, capitalised.
func (k AnnotationKind) Label() string {
	switch k {
	case AnnotArrow:
		return "Flèche"
	case AnnotRect:
		return "Rectangle"
	case AnnotEllipse:
		return "Ellipse"
	case AnnotStep:
		return "Étape"
	case AnnotText:
		return "Texte"
	case AnnotHighlight:
		return "Surligneur"
	case AnnotSpotlight:
		return "Projecteur"
	}
	return "Annotation"
}

// Describe words the annotation in French for a proof's detail: "Étape 1
// : champ INS", "Texte « Patient test »", "Flèche de (10, 20) à (200,
// 120)", "Rectangle 120 × 40 à (10, 20)".
func (a Annotation) Describe() string {
	text := strings.TrimSpace(a.Text)
	switch {
	case a.Kind == AnnotStep && text != "":
		return fmt.Sprintf("Étape %d : %s", a.Number, text)
	case a.Kind == AnnotStep:
		return fmt.Sprintf("Étape %d à (%d, %d)", a.Number, a.X, a.Y)
	case a.Kind == AnnotText:
		return "Texte «\u00a0" + text + "\u00a0»"
	case a.Kind == AnnotArrow:
		s := fmt.Sprintf("Flèche de (%d, %d) à (%d, %d)", a.X, a.Y, a.X2, a.Y2)
		if text != "" {
			s += " : " + text
		}
		return s
	}
	w, h := abs(a.X2-a.X), abs(a.Y2-a.Y)
	s := fmt.Sprintf("%s %d × %d à (%d, %d)", a.Kind.Label(), w, h, min(a.X, a.X2), min(a.Y, a.Y2))
	if text != "" {
		s += " : " + text
	}
	return s
}

// DescribeAll words each annotation (see Describe); nil for none.
func DescribeAll(anns []Annotation) []string {
	var out []string
	for _, a := range anns {
		out = append(out, a.Describe())
	}
	return out
}

// Shifted is a moved by dx, dy.
func (a Annotation) Shifted(dx, dy int) Annotation {
	a.X, a.Y = a.X+dx, a.Y+dy
	if a.Kind.Boxed() || a.Kind == AnnotArrow {
		a.X2, a.Y2 = a.X2+dx, a.Y2+dy
	}
	return a
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
