package cli

import (
	"errors"
	"fmt"
	"image"
	"slices"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// maskFlags collects the repeatable --mask x,y,w,h.
type maskFlags []image.Rectangle

func (m *maskFlags) String() string { return fmt.Sprint(len(*m)) }

// Set implements flag.Value.
func (m *maskFlags) Set(v string) error {
	n, err := ints(v, 4)
	if err != nil {
		return err
	}
	if n[2] <= 0 || n[3] <= 0 {
		return errors.New("mask width and height must be positive")
	}
	*m = append(*m, image.Rect(n[0], n[1], n[0]+n[2], n[1]+n[3]))
	return nil
}

// annotateFlags collects the repeatable --annotate KIND[/COLOUR]:ARGS.
// Step markers without a number are numbered in order.
type annotateFlags []dossier.Annotation

func (a *annotateFlags) String() string { return fmt.Sprint(len(*a)) }

// Set implements flag.Value.
func (a *annotateFlags) Set(v string) error {
	ann, err := parseAnnotation(v)
	if err != nil {
		return err
	}
	if ann.Kind == dossier.AnnotStep {
		ann.Number = capture.NextStep(*a)
	}
	*a = append(*a, ann)
	return nil
}

// parseAnnotation reads one --annotate value: rect:x,y,w,h (also
// ellipse, highlight, spotlight), arrow:x1,y1,x2,y2, step:x,y[:TEXT],
// text:x,y:TEXT; the kind may name a palette colour (rect/bleu:…).
func parseAnnotation(v string) (dossier.Annotation, error) {
	head, rest, ok := strings.Cut(v, ":")
	if !ok {
		return dossier.Annotation{}, errors.New("no kind")
	}
	kind, colour, _ := strings.Cut(strings.ToLower(strings.TrimSpace(head)), "/")
	a := dossier.Annotation{Kind: dossier.AnnotationKind(kind), Color: colour}
	if colour != "" && !slices.ContainsFunc(capture.Palette(), func(c capture.Colour) bool { return c.Name == colour }) {
		return a, fmt.Errorf("unknown colour %q", colour)
	}
	coords, text, _ := strings.Cut(rest, ":")
	a.Text = strings.TrimSpace(text)
	switch {
	case a.Kind.Boxed():
		n, err := ints(coords, 4)
		if err != nil || n[2] <= 0 || n[3] <= 0 {
			return a, errors.New("bad box")
		}
		a.X, a.Y, a.X2, a.Y2 = n[0], n[1], n[0]+n[2], n[1]+n[3]
	case a.Kind == dossier.AnnotArrow:
		n, err := ints(coords, 4)
		if err != nil {
			return a, err
		}
		a.X, a.Y, a.X2, a.Y2 = n[0], n[1], n[2], n[3]
	case a.Kind == dossier.AnnotStep, a.Kind == dossier.AnnotText:
		n, err := ints(coords, 2)
		if err != nil {
			return a, err
		}
		a.X, a.Y = n[0], n[1]
		if a.Kind == dossier.AnnotText && a.Text == "" {
			return a, errors.New("text without text")
		}
	default:
		return a, fmt.Errorf("unknown kind %q", kind)
	}
	return a, nil
}

// maxCoord bounds a coordinate: far beyond any screen, far below what
// would overflow the geometry.
const maxCoord = 1 << 20

// ints reads exactly n comma-separated integers within ±maxCoord.
func ints(v string, n int) ([]int, error) {
	parts := strings.Split(v, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%d numbers expected", n)
	}
	out := make([]int, n)
	for i, p := range parts {
		x, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		if x < -maxCoord || x > maxCoord {
			return nil, fmt.Errorf("%d beyond ±%d", x, maxCoord)
		}
		out[i] = x
	}
	return out, nil
}
