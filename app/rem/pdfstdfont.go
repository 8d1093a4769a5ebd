package rem

import "strings"

// helveticaWidths are the widths of Helvetica's WinAnsi characters 32 to
// 126 and 192 to 255, in thousandths of the font size (Adobe's AFM).
var helveticaWidths = func() *[256]float64 {
	var w [256]float64
	ascii := []float64{
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
		1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
		333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
		556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
	}
	latin := []float64{
		667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // À to Ï
		722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // Ð to ß
		556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // à to ï
		556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // ð to ÿ
	}
	for i := range w {
		w[i] = 556
	}
	copy(w[32:], ascii)
	copy(w[192:], latin)
	w[0x96], w[0x97], w[0xA0] = 556, 1000, 278 // en dash, em dash, no-break space
	return &w
}()

// standardWidths are approximate widths for a font without /Widths: one of
// the standard 14 fonts, which a PDF may use without describing them.
// Courier is fixed-pitch; Times is about 15 % narrower than Helvetica, a
// bold face about 8 % wider.
func standardWidths(baseFont string) []float64 {
	scale := 1.0
	switch {
	case strings.Contains(baseFont, "Courier"):
		w := make([]float64, 256)
		for i := range w {
			w[i] = 600
		}
		return w
	case strings.Contains(baseFont, "Times"):
		scale = 0.85
	}
	if strings.Contains(baseFont, "Bold") {
		scale *= 1.08
	}
	w := make([]float64, 256)
	for i, v := range helveticaWidths {
		w[i] = v * scale
	}
	return w
}
