package rem

import (
	"github.com/ledongthuc/pdf"
)

// glyph is one decoded character with its position on the page, in points.
type glyph struct {
	x, y, w, size float64
	r             rune
}

// affine is a PDF transformation matrix [a b c d e f].
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m affine) translate(tx, ty float64) affine {
	return affine{1, 0, 0, 1, tx, ty}.mul(m)
}

// walkFont is a page font with its widths cached, since looking them up
// in the PDF dictionary for every character dominates the walk otherwise.
type walkFont struct {
	enc    pdf.TextEncoding
	first  int
	widths []float64
}

func (f *walkFont) width(code int) float64 {
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return 0
}

// textState is the part of the PDF graphics and text state that decides
// where text lands.
type textState struct {
	ctm, tm, tlm              affine
	font                      *walkFont
	size, tc, tw, th, leading float64
}

// pageGlyphs interprets the content stream of a page and returns its
// characters with their positions. It follows the text operators of
// ISO 32000-1 §9.4 but positions each glyph by adding advances instead of
// multiplying matrices per character, which the library's Page.Content
// does and which made it several times slower. It panics on malformed
// content, like the library; pageLines recovers.
func pageGlyphs(p pdf.Page) []glyph {
	strm := p.V.Key("Contents")
	if strm.IsNull() {
		return nil
	}
	fonts := map[string]*walkFont{}
	g := textState{ctm: identity, tm: identity, tlm: identity, th: 1}
	var stack []textState
	// A REM table page holds a few thousand glyphs: growing from zero
	// cost a fifth of the import in copies.
	out := make([]glyph, 0, 4096)
	show := func(raw string) {
		f := g.font
		if f == nil || f.enc == nil {
			return
		}
		trm := affine{g.size * g.th, 0, 0, g.size, 0, 0}.mul(g.tm).mul(g.ctm)
		scale := g.tm.mul(g.ctm)[0] // text space to device x, no rotation assumed
		size := trm[3]
		if size < 0 {
			size = -size
		}
		x, y := trm[4], trm[5]
		n := 0
		for _, r := range f.enc.Decode(raw) {
			var w0 float64
			code := 32
			if n < len(raw) {
				code = int(raw[n])
				w0 = f.width(code)
			}
			n++
			adv := w0/1000*g.size + g.tc
			if code == 32 {
				adv += g.tw
			}
			adv *= g.th
			out = append(out, glyph{x: x, y: y, w: w0 / 1000 * g.size * g.th * scale, size: size, r: r})
			x += adv * scale
			g.tm = g.tm.translate(adv, 0)
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "cm":
			if len(args) == 6 {
				g.ctm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "q":
			if len(stack) < 64 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.leading = num(0)
		case "TD":
			g.leading = -num(1)
			g.tlm = g.tlm.translate(num(0), num(1))
			g.tm = g.tlm
		case "Td":
			g.tlm = g.tlm.translate(num(0), num(1))
			g.tm = g.tlm
		case "Tm":
			if len(args) == 6 {
				g.tlm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}
				g.tm = g.tlm
			}
		case "T*":
			g.tlm = g.tlm.translate(0, -g.leading)
			g.tm = g.tlm
		case "Tf":
			if len(args) != 2 {
				return
			}
			name := args[0].Name()
			f, ok := fonts[name]
			if !ok {
				pf := p.Font(name)
				f = &walkFont{enc: pf.Encoder(), first: pf.FirstChar(), widths: pf.Widths()}
				fonts[name] = f
			}
			g.font, g.size = f, num(1)
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				args = args[2:]
			}
			fallthrough
		case "'":
			g.tlm = g.tlm.translate(0, -g.leading)
			g.tm = g.tlm
			fallthrough
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					g.tm = g.tm.translate(-x.Float64()/1000*g.size*g.th, 0)
				}
			}
		}
	})
	return out
}
