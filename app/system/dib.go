package system

import (
	"encoding/binary"
	"fmt"
	"image"
	"math/bits"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// A device-independent bitmap (DIB) is how the Windows clipboard holds an
// image (CF_DIB, CF_DIBV5): a BMP file without its 14-byte file header.
// bmpFromDIB turns one into a BMP file that golang.org/x/image/bmp (and so
// capture.Decode) reads. The forms that package reads as they are (1 to 8
// bits a pixel with their palette, 24 bits) only get the file header in
// front; those it cannot read or reads wrong (16 and 32 bits, colour
// masks (BI_BITFIELDS) after a short header, an alpha channel left at
// zero by the program that copied) are decoded here and written again.

// DIB header lengths and compressions.
const (
	bmpFileHeaderLen = 14
	dibInfoLen       = 40 // BITMAPINFOHEADER
	dibV4Len         = 108
	dibV5Len         = 124

	biRGB            = 0
	biBitfields      = 3
	biAlphaBitfields = 6
)

// dibHeader is what decoding a DIB needs from its header.
type dibHeader struct {
	size          int // header length
	width, height int
	topDown       bool
	bpp           int
	compression   uint32
	colors        int       // palette entries
	masks         [4]uint32 // red, green, blue, alpha (0: no alpha)
	pixels        int       // offset of the first row in the DIB
	stride        int       // bytes a row (4-byte aligned)
}

func badDIB(format string, args ...any) error {
	return dossier.E(dossier.FaultBadImage, "", fmt.Errorf("DIB: "+format, args...))
}

// parseDIB reads and checks a DIB's header; the rows it announces must all
// be there.
func parseDIB(dib []byte) (dibHeader, error) {
	le := binary.LittleEndian
	if len(dib) < dibInfoLen {
		return dibHeader{}, badDIB("%d bytes", len(dib))
	}
	h := dibHeader{size: int(le.Uint32(dib))}
	switch h.size {
	case dibInfoLen, 52, 56, dibV4Len, dibV5Len: // 52, 56: the V2 and V3 headers (masks in the header)
	default:
		return dibHeader{}, badDIB("header of %d bytes", h.size)
	}
	if len(dib) < h.size {
		return dibHeader{}, badDIB("header of %d bytes in %d", h.size, len(dib))
	}
	w, ht := int32(le.Uint32(dib[4:])), int32(le.Uint32(dib[8:]))
	if ht < 0 {
		h.topDown, ht = true, -ht
	}
	h.width, h.height = int(w), int(ht)
	planes := le.Uint16(dib[12:])
	h.bpp = int(le.Uint16(dib[14:]))
	h.compression = le.Uint32(dib[16:])
	h.colors = int(le.Uint32(dib[32:]))
	if w <= 0 || ht <= 0 || planes != 1 {
		return dibHeader{}, badDIB("%d×%d, %d planes", w, ht, planes)
	}
	switch h.bpp {
	case 1, 2, 4, 8:
		if h.colors == 0 {
			h.colors = 1 << h.bpp
		}
		if h.colors > 1<<h.bpp {
			return dibHeader{}, badDIB("%d colours at %d bits", h.colors, h.bpp)
		}
	case 16, 24, 32:
	default:
		return dibHeader{}, badDIB("%d bits a pixel", h.bpp)
	}
	if h.colors > 256 {
		return dibHeader{}, badDIB("%d colours", h.colors)
	}
	h.pixels = h.size + 4*h.colors
	switch {
	case h.compression == biRGB:
		h.masks = defaultMasks(h.bpp)
	case (h.compression == biBitfields || h.compression == biAlphaBitfields) && (h.bpp == 16 || h.bpp == 32):
		n := 3
		if h.compression == biAlphaBitfields || h.size >= 56 {
			n = 4
		}
		at := dibInfoLen // V2+ headers hold the masks; after a short header they follow it
		if h.size == dibInfoLen {
			h.pixels += 4 * n
		}
		if len(dib) < at+4*n {
			return dibHeader{}, badDIB("no colour masks")
		}
		for i := range n {
			h.masks[i] = le.Uint32(dib[at+4*i:])
		}
	default:
		return dibHeader{}, badDIB("compression %d at %d bits", h.compression, h.bpp)
	}
	h.stride = (h.width*h.bpp + 31) / 32 * 4
	if avail := len(dib) - h.pixels; avail < 0 || h.height > avail/h.stride {
		return dibHeader{}, badDIB("%d×%d at %d bits in %d bytes", h.width, h.height, h.bpp, len(dib))
	}
	return h, nil
}

// defaultMasks are the channels of an uncompressed 16- or 32-bit DIB. The
// fourth byte of a 32-bit pixel is "reserved", but programs put the alpha
// there; decode ignores it when it is zero everywhere.
func defaultMasks(bpp int) [4]uint32 {
	switch bpp {
	case 16:
		return [4]uint32{0x7c00, 0x03e0, 0x001f, 0}
	case 32:
		return [4]uint32{0xff0000, 0xff00, 0xff, 0xff000000}
	}
	return [4]uint32{}
}

// bmpFromDIB is the BMP file of a clipboard DIB (see above).
func bmpFromDIB(dib []byte) ([]byte, error) {
	h, err := parseDIB(dib)
	if err != nil {
		return nil, err
	}
	if h.bpp <= 8 || h.bpp == 24 {
		if h.bpp == 24 && h.colors > 0 || (h.size != dibInfoLen && h.size != dibV4Len && h.size != dibV5Len) {
			return nil, badDIB("%d-bit DIB with a %d-byte header and %d colours", h.bpp, h.size, h.colors)
		}
		return withFileHeader(dib, h.pixels), nil
	}
	return bmpV4(h.decode(dib)), nil
}

// bmpV4 writes img as a top-down 32-bit BMP with a BITMAPV4HEADER whose
// masks say BGRA: the one 32-bit form golang.org/x/image/bmp reads with
// its alpha (its own encoder writes a 40-byte header, read back opaque).
func bmpV4(img *image.NRGBA) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	head := bmpFileHeaderLen + dibV4Len
	out := make([]byte, head+4*w*h)
	le := binary.LittleEndian
	out[0], out[1] = 'B', 'M'
	le.PutUint32(out[2:], uint32(len(out)))
	le.PutUint32(out[10:], uint32(head))
	d := out[bmpFileHeaderLen:]
	le.PutUint32(d, dibV4Len)
	le.PutUint32(d[4:], uint32(w))
	le.PutUint32(d[8:], uint32(-int32(h))) // top-down
	le.PutUint16(d[12:], 1)
	le.PutUint16(d[14:], 32)
	le.PutUint32(d[16:], biBitfields)
	le.PutUint32(d[20:], uint32(4*w*h))
	for i, m := range []uint32{0xff0000, 0xff00, 0xff, 0xff000000} {
		le.PutUint32(d[dibInfoLen+4*i:], m)
	}
	copy(d[56:], "BGRs") // LCS_sRGB, stored little-endian
	px := out[head:]
	for y := range h {
		src := img.Pix[y*img.Stride : y*img.Stride+4*w]
		dst := px[4*w*y:]
		for i := 0; i < len(src); i += 4 {
			dst[i], dst[i+1], dst[i+2], dst[i+3] = src[i+2], src[i+1], src[i], src[i+3]
		}
	}
	return out
}

// withFileHeader is dib behind a BITMAPFILEHEADER whose pixel offset is
// pixels bytes into the DIB.
func withFileHeader(dib []byte, pixels int) []byte {
	out := make([]byte, bmpFileHeaderLen, bmpFileHeaderLen+len(dib))
	out[0], out[1] = 'B', 'M'
	binary.LittleEndian.PutUint32(out[2:], uint32(bmpFileHeaderLen+len(dib)))
	binary.LittleEndian.PutUint32(out[10:], uint32(bmpFileHeaderLen+pixels))
	return append(out, dib...)
}

// channel extracts one colour of a packed pixel as 8 bits.
type channel struct {
	mask  uint32
	shift int
	max   uint32 // mask >> shift
}

func channelOf(mask uint32) channel {
	if mask == 0 {
		return channel{}
	}
	s := bits.TrailingZeros32(mask)
	return channel{mask: mask, shift: s, max: mask >> s}
}

func (c channel) of(px uint32) uint8 {
	if c.max == 0 {
		return 0
	}
	return uint8(uint64((px&c.mask)>>c.shift) * 255 / uint64(c.max))
}

// decode reads the pixels of a 16- or 32-bit DIB (h from parseDIB, so
// every row is there) into an image; an alpha channel that is zero
// everywhere is taken as opaque.
func (h dibHeader) decode(dib []byte) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, h.width, h.height))
	var ch [4]channel
	for i, m := range h.masks {
		ch[i] = channelOf(m)
	}
	anyAlpha := false
	for y := range h.height {
		row := dib[h.pixels+y*h.stride:]
		dy := h.height - 1 - y
		if h.topDown {
			dy = y
		}
		d := img.Pix[dy*img.Stride:]
		for x := range h.width {
			var px uint32
			if h.bpp == 32 {
				px = binary.LittleEndian.Uint32(row[4*x:])
			} else {
				px = uint32(binary.LittleEndian.Uint16(row[2*x:]))
			}
			d[4*x], d[4*x+1], d[4*x+2] = ch[0].of(px), ch[1].of(px), ch[2].of(px)
			a := uint8(0xff)
			if ch[3].max != 0 {
				a = ch[3].of(px)
				anyAlpha = anyAlpha || a != 0
			}
			d[4*x+3] = a
		}
	}
	if ch[3].max != 0 && !anyAlpha {
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 0xff
		}
	}
	return img
}
