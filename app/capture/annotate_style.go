package capture

import (
	"image"
	"image/color"
	"math"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Colour is one colour of the annotation palette.
type Colour struct {
	// Name is what an Annotation records ("rouge"); also the label.
	Name string
	RGBA color.RGBA
}

// Palette is the annotation colours: saturated mid-tones that stand out
// on light and dark screens alike; every stroke is also drawn over a
// light halo (see haloColour), so a red arrow stays visible on a dark
// red background and a blue one on a dark theme.
func Palette() []Colour {
	return []Colour{
		{"rouge", color.RGBA{0xe5, 0x39, 0x35, 0xff}},
		{"orange", color.RGBA{0xfb, 0x8c, 0x00, 0xff}},
		{"jaune", color.RGBA{0xfd, 0xd8, 0x35, 0xff}},
		{"vert", color.RGBA{0x2e, 0x9d, 0x43, 0xff}},
		{"bleu", color.RGBA{0x1e, 0x78, 0xe5, 0xff}},
		{"violet", color.RGBA{0x8e, 0x24, 0xaa, 0xff}},
	}
}

// ColourOf is the palette colour called name; the first one when the name
// is unknown or empty.
func ColourOf(name string) color.RGBA {
	p := Palette()
	for _, c := range p {
		if c.Name == name {
			return c.RGBA
		}
	}
	return p[0].RGBA
}

// haloColour outlines every stroke so it reads on any background.
// (premultiplied, as image.RGBA holds colours).
func haloColour() color.RGBA { return color.RGBA{0xe0, 0xe0, 0xe0, 0xe0} }

// inkOn is the text colour written on a filled background c: black on
// light colours (yellow), white on the others.
func inkOn(c color.RGBA) color.RGBA {
	lum := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
	if lum > 160 {
		return color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	}
	return color.RGBA{0xff, 0xff, 0xff, 0xff}
}

// Style is the size of the marks, in image pixels. It follows the size of
// the image so that an arrow on a 4K capture is as visible, once the
// capture is shown on a screen, as on a 1080p one.
type Style struct {
	Stroke float32 // line width
	Halo   float32 // width of the light outline on each side
	Text   float32 // text height (em)
	Radius float32 // a step marker's radius
}

// StyleFor is the style of an image of this size.
func StyleFor(size image.Point) Style {
	u := float32(math.Max(3, math.Round(float64(min(size.X, size.Y))/180)))
	return Style{Stroke: u, Halo: max(1, u/3), Text: 5 * u, Radius: 4 * u}
}

// View maps image coordinates onto a destination: a point p of the image
// lands on (p - Origin) × Scale. The saved image uses Scale 1 and the
// crop's corner as Origin; the editor's preview a smaller scale.
type View struct {
	Scale  float32
	Origin image.Point
}

// farOut bounds the destination coordinates handed to the rasteriser and
// the font drawer: their fixed-point arithmetic overflows, and the
// rasteriser walks every row between a point and the picture, far beyond
// any screen. A mark reaching past it is clipped there.
const farOut = 1 << 20

// pt maps an image point, clamped to ±farOut.
func (v View) pt(x, y int) (float32, float32) {
	c := func(f float32) float32 { return max(-farOut, min(farOut, f)) }
	return c(float32(x-v.Origin.X) * v.Scale), c(float32(y-v.Origin.Y) * v.Scale)
}

// rect maps an image rectangle (canonicalised) to destination pixels,
// rounding outwards.
func (v View) rect(r image.Rectangle) image.Rectangle {
	r = r.Canon()
	x0, y0 := v.pt(r.Min.X, r.Min.Y)
	x1, y1 := v.pt(r.Max.X, r.Max.Y)
	return image.Rect(int(math.Floor(float64(x0))), int(math.Floor(float64(y0))),
		int(math.Ceil(float64(x1))), int(math.Ceil(float64(y1))))
}

// box is an annotation's box in image coordinates.
func box(a dossier.Annotation) image.Rectangle {
	return image.Rect(a.X, a.Y, a.X2, a.Y2).Canon()
}
