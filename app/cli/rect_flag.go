package cli

import (
	"image"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// parseRect reads "x,y,w,h" (pixels; width and height positive).
func parseRect(s string) (image.Rectangle, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return image.Rectangle{}, dossier.E(dossier.FaultInvalid, "rectangle x,y,largeur,hauteur", nil)
	}
	var v [4]int
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 0 || n > 1<<15 || (i >= 2 && n == 0) {
			return image.Rectangle{}, dossier.E(dossier.FaultInvalid, "rectangle x,y,largeur,hauteur", err)
		}
		v[i] = n
	}
	return image.Rect(v[0], v[1], v[0]+v[2], v[1]+v[3]), nil
}

// rectList is a repeatable flag of rectangles (--mask x,y,w,h …).
type rectList []image.Rectangle

func (l *rectList) String() string { return "" }

func (l *rectList) Set(s string) error {
	r, err := parseRect(s)
	if err != nil {
		return dossier.ED(dossier.FaultBadOptionValue, "--mask", s, err)
	}
	*l = append(*l, r)
	return nil
}

// rectFlag is an optional rectangle flag (--region x,y,w,h).
type rectFlag struct {
	name string
	r    *image.Rectangle
}

func (f *rectFlag) String() string { return "" }

func (f *rectFlag) Set(s string) error {
	r, err := parseRect(s)
	if err != nil {
		return dossier.ED(dossier.FaultBadOptionValue, "--"+f.name, s, err)
	}
	f.r = &r
	return nil
}
