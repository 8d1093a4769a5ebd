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
// content, like the library, and with a limitError when the page or the
// document exceeds its budget; readPage recovers.
func pageGlyphs(p pdfPage, doc *docCache, b *pdfBudget) []glyph {
	strm := pageContent(p, b)
	if strm.IsNull() {
		return nil
	}
	g := textState{ctm: identity, tm: identity, tlm: identity, th: 1}
	var stack []textState
	// A REM table page holds a few thousand glyphs: growing from zero for
	// each page cost a fifth of the import in copies.
	out := doc.glyphs[:0]
	defer func() { doc.glyphs = out[:0] }()
	var codes []code
	show := func(raw string) {
		f := g.font
		if f == nil {
			return
		}
		trm := affine{g.size * g.th, 0, 0, g.size, 0, 0}.mul(g.tm).mul(g.ctm)
		scale := g.tm.mul(g.ctm)[0] // text space to device x, no rotation assumed
		size := trm[3]
		if size < 0 {
			size = -size
		}
		x, y := trm[4], trm[5]
		codes = f.decode(raw, b, codes[:0])
		if len(out)+len(codes) > maxPageGlyphs {
			panic(errLimitPage)
		}
		spend(&b.glyphs, int64(len(codes)), maxDocGlyphs, errLimitGlyphs)
		for _, c := range codes {
			w := c.width / 1000 * g.size
			adv := w + g.tc
			if c.space {
				adv += g.tw
			}
			adv *= g.th
			for i, r := range c.runes {
				gw := 0.0
				if i == 0 {
					gw = w * g.th * scale
				}
				out = append(out, glyph{x: x, y: y, w: gw, size: size, r: r})
			}
			x += adv * scale
			g.tm = g.tm.translate(adv, 0)
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		spend(&b.ops, 1, maxDocOps, errLimitContent)
		if stk.Len() > maxOperands {
			for stk.Len() > 0 { // no operator takes that many: drop them
				stk.Pop()
			}
			return
		}
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
			g.font, g.size = doc.font(p.resources, args[0].Name(), b), num(1)
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

// maxOperands is more operands than any content operator takes.
const maxOperands = 64

// pageContent is the page's content stream (or array of streams), once
// its decompressed size is checked against the page and document budgets.
func pageContent(p pdfPage, b *pdfBudget) pdf.Value {
	strm := p.v.Key("Contents")
	parts := []pdf.Value{strm}
	switch strm.Kind() {
	case pdf.Stream:
	case pdf.Array:
		if strm.Len() > maxContentParts {
			panic(errLimitContent)
		}
		parts = parts[:0]
		for i := 0; i < strm.Len(); i++ {
			parts = append(parts, strm.Index(i))
		}
	default:
		return pdf.Value{}
	}
	var page int64
	for _, part := range parts {
		if part.Kind() == pdf.Stream {
			n := streamSize(part, maxPageContent-page)
			spend(&page, n, maxPageContent, errLimitContent)
			spend(&b.content, n, maxDocContent, errLimitContent)
		}
	}
	return strm
}
