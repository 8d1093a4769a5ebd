package rem

import (
	"github.com/ledongthuc/pdf"
)

// walkFont is a page font ready for the content walk: its character codes
// decoded once each (the PDF library searches a font's encoding or
// character map linearly for every character it decodes) and its widths
// cached.
type walkFont struct {
	single *[256][]rune       // one-byte codes: code → characters
	enc    pdf.TextEncoding   // two-byte codes (Type 0 fonts)
	memo   map[uint16][]rune  // two-byte code → characters, decoded once
	cost   int64              // decode work of one code not yet memoised
	first  int                // first code of widths
	widths []float64          // glyph widths in thousandths of the font size
	wide   map[uint16]float64 // two-byte fonts: widths from /W
	dw     float64            // two-byte fonts: default width
}

// fontKey identifies a font resource across pages: the object it was read
// from and its resource name.
type fontKey struct {
	obj  uint64
	name string
}

// docCache holds what a document's pages share: its fonts, each loaded
// once, and the glyph buffer each page is read into in turn.
type docCache struct {
	fonts  map[fontKey]*walkFont
	glyphs []glyph
}

func newDocCache() *docCache { return &docCache{fonts: map[fontKey]*walkFont{}} }

// maxFontArray bounds the /Widths, /W and /Differences arrays read.
const maxFontArray = 1 << 16

// font returns the font named name in resources, loading it on first use.
func (c *docCache) font(resources pdf.Value, name string, b *pdfBudget) *walkFont {
	v := resources.Key("Font").Key(name)
	obj, _ := objKey(v)
	k := fontKey{obj, name}
	if f, ok := c.fonts[k]; ok {
		return f
	}
	f := loadFont(v, b)
	c.fonts[k] = f
	return f
}

// loadFont reads a font dictionary. A font whose tables are beyond any
// real font yields no text rather than unbounded work.
func loadFont(v pdf.Value, b *pdfBudget) *walkFont {
	f := &walkFont{}
	if v.Kind() != pdf.Dict {
		return f
	}
	pf := pdf.Font{V: v}
	enc := v.Key("Encoding")
	toUnicode := v.Key("ToUnicode")
	cmapSize := int64(0)
	if toUnicode.Kind() == pdf.Stream {
		if cmapSize = streamSize(toUnicode, maxToUnicode); cmapSize > maxToUnicode {
			return f
		}
		spend(&b.decode, 32*cmapSize, maxDecodeWork, errLimitDecode) // parsing the map
	}
	if enc.Kind() == pdf.Dict && enc.Key("Differences").Len() > maxFontArray {
		return f
	}
	f.cost = 1 + cmapSize/16 + int64(enc.Key("Differences").Len())*64
	if enc.Kind() == pdf.Name && (enc.Name() == "Identity-H" || enc.Name() == "UniGB-UCS2-H") {
		f.enc, f.memo = pf.Encoder(), map[uint16][]rune{}
		f.loadWideWidths(v.Key("DescendantFonts").Index(0), b)
		return f
	}
	e := pf.Encoder()
	f.single = new([256][]rune)
	for i := range f.single {
		spend(&b.decode, f.cost, maxDecodeWork, errLimitDecode)
		f.single[i] = []rune(e.Decode(string([]byte{byte(i)})))
	}
	switch w := v.Key("Widths"); {
	case w.Len() == 0:
		f.widths = standardWidths(pf.BaseFont())
	case w.Len() <= maxFontArray:
		spend(&b.decode, int64(w.Len())*64, maxDecodeWork, errLimitDecode)
		f.first, f.widths = pf.FirstChar(), pf.Widths()
	}
	return f
}

// loadWideWidths reads the /DW and /W entries of a CIDFont:
// [c [w1 w2 …] cfirst clast w …].
func (f *walkFont) loadWideWidths(cid pdf.Value, b *pdfBudget) {
	f.dw = 1000
	if dw := cid.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64()
	}
	w := cid.Key("W")
	if w.Len() > maxFontArray {
		return
	}
	f.wide = map[uint16]float64{}
	for i := 0; i+1 < w.Len(); {
		c := w.Index(i).Int64()
		if list := w.Index(i + 1); list.Kind() == pdf.Array {
			n := min(list.Len(), maxFontArray)
			spend(&b.decode, int64(n)*64, maxDecodeWork, errLimitDecode)
			for k := 0; k < n; k++ {
				f.wide[uint16(c+int64(k))] = list.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			return
		}
		last, width := w.Index(i+1).Int64(), w.Index(i+2).Float64()
		for k := c; k <= last && k-c < maxFontArray; k++ {
			f.wide[uint16(k)] = width
		}
		spend(&b.decode, (min(last, c+maxFontArray)-c+1)*64, maxDecodeWork, errLimitDecode)
		i += 3
	}
}

// code is one character code of a shown string with what it decodes to.
type code struct {
	runes []rune
	width float64 // thousandths of the font size
	space bool    // the single-byte code 32, which word spacing applies to
}

// decode splits a shown string into codes.
func (f *walkFont) decode(raw string, b *pdfBudget, out []code) []code {
	switch {
	case f.single != nil:
		for i := 0; i < len(raw); i++ {
			c := int(raw[i])
			var w float64
			if k := c - f.first; k >= 0 && k < len(f.widths) {
				w = f.widths[k]
			}
			out = append(out, code{runes: f.single[c], width: w, space: c == 32})
		}
	case f.enc != nil:
		for i := 0; i+1 < len(raw); i += 2 {
			c := uint16(raw[i])<<8 | uint16(raw[i+1])
			rs, ok := f.memo[c]
			if !ok {
				spend(&b.decode, f.cost, maxDecodeWork, errLimitDecode)
				rs = []rune(f.enc.Decode(raw[i : i+2]))
				f.memo[c] = rs
			}
			w, ok := f.wide[c]
			if !ok {
				w = f.dw
			}
			out = append(out, code{runes: rs, width: w})
		}
	}
	return out
}
