package system

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/bmp"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// dibSpec describes a DIB to build, as programs put them on the Windows
// clipboard.
type dibSpec struct {
	header      int // 40, 108 or 124
	w, h        int // h < 0: top-down
	bpp         int
	compression uint32
	masks       []uint32 // in the header (V4/V5) or after a 40-byte one
	palette     []uint32 // 0x00RRGGBB
	rows        [][]byte // as stored, first stored row first, unpadded
}

func (s dibSpec) bytes() []byte {
	le := binary.LittleEndian
	b := make([]byte, s.header)
	le.PutUint32(b, uint32(s.header))
	le.PutUint32(b[4:], uint32(int32(s.w)))
	le.PutUint32(b[8:], uint32(int32(s.h)))
	le.PutUint16(b[12:], 1)
	le.PutUint16(b[14:], uint16(s.bpp))
	le.PutUint32(b[16:], s.compression)
	le.PutUint32(b[32:], uint32(len(s.palette)))
	for i, m := range s.masks {
		if s.header > dibInfoLen {
			le.PutUint32(b[dibInfoLen+4*i:], m)
		} else {
			b = le.AppendUint32(b, m)
		}
	}
	for _, c := range s.palette {
		b = le.AppendUint32(b, c)
	}
	stride := (abs(s.w)*s.bpp + 31) / 32 * 4
	for _, r := range s.rows {
		b = append(b, r...)
		b = append(b, make([]byte, stride-len(r))...)
	}
	return b
}

func abs(n int) int { return max(n, -n) }

// decodeDIB runs a DIB through bmpFromDIB and golang.org/x/image/bmp, as
// a paste does.
func decodeDIB(t *testing.T, s dibSpec) image.Image {
	t.Helper()
	file, err := bmpFromDIB(s.bytes())
	if err != nil {
		t.Fatalf("bmpFromDIB: %v", err)
	}
	img, err := bmp.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("bmp.Decode: %v", err)
	}
	return img
}

// wantPixels checks img's pixels, top row first.
func wantPixels(t *testing.T, img image.Image, rows [][]color.NRGBA) {
	t.Helper()
	if got := img.Bounds().Size(); got != image.Pt(len(rows[0]), len(rows)) {
		t.Fatalf("size %v, want %d×%d", got, len(rows[0]), len(rows))
	}
	for y, row := range rows {
		for x, want := range row {
			if got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); got != want {
				t.Errorf("pixel %d,%d = %v, want %v", x, y, got, want)
			}
		}
	}
}

var (
	red   = color.NRGBA{0xff, 0, 0, 0xff}
	green = color.NRGBA{0, 0xff, 0, 0xff}
	blue  = color.NRGBA{0, 0, 0xff, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

func TestDIB24BitBottomUp(t *testing.T) {
	// 3 pixels a row (9 bytes, padded to 12), stored bottom row first, BGR.
	img := decodeDIB(t, dibSpec{header: 40, w: 3, h: 2, bpp: 24, rows: [][]byte{
		{0, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0}, // bottom: red green blue
		{0xff, 0xff, 0xff, 0, 0, 0xff, 0, 0, 0xff},
	}})
	wantPixels(t, img, [][]color.NRGBA{{white, red, red}, {red, green, blue}})
}

func TestDIB8BitPalette(t *testing.T) {
	img := decodeDIB(t, dibSpec{header: 40, w: 2, h: 1, bpp: 8, palette: []uint32{0x0000ff, 0xff0000}, rows: [][]byte{{1, 0}}})
	wantPixels(t, img, [][]color.NRGBA{{red, blue}})
}

// Windows' own CF_DIB of a 32-bit screen: BI_BITFIELDS with the three
// masks after a 40-byte header, and the fourth byte left at zero; here
// top-down as some programs write it.
func TestDIB32BitBitfieldsTopDown(t *testing.T) {
	img := decodeDIB(t, dibSpec{header: 40, w: 2, h: -2, bpp: 32, compression: biBitfields,
		masks: []uint32{0xff0000, 0xff00, 0xff}, rows: [][]byte{
			{0, 0, 0xff, 0, 0, 0xff, 0, 0}, // top: red green
			{0xff, 0, 0, 0, 0xff, 0xff, 0xff, 0},
		}})
	wantPixels(t, img, [][]color.NRGBA{{red, green}, {blue, white}})
}

// A 32-bit BI_RGB DIB whose fourth byte is zero everywhere is opaque
// (x/image/bmp alone would make a V5 one wholly transparent).
func TestDIB32BitZeroAlphaIsOpaque(t *testing.T) {
	for _, header := range []int{40, 124} {
		img := decodeDIB(t, dibSpec{header: header, w: 1, h: 1, bpp: 32, rows: [][]byte{{0, 0xff, 0, 0}}})
		wantPixels(t, img, [][]color.NRGBA{{green}})
	}
}

// CF_DIBV5 with an alpha mask keeps a real alpha channel.
func TestDIBV5Alpha(t *testing.T) {
	img := decodeDIB(t, dibSpec{header: 124, w: 2, h: 1, bpp: 32, compression: biBitfields,
		masks: []uint32{0xff0000, 0xff00, 0xff, 0xff000000}, rows: [][]byte{{0, 0, 0xff, 0x80, 0xff, 0, 0, 0xff}}})
	wantPixels(t, img, [][]color.NRGBA{{{0xff, 0, 0, 0x80}, blue}})
}

// Masks in another order (RGBA bytes) and 16-bit 5-6-5 pixels.
func TestDIBOtherMasks(t *testing.T) {
	img := decodeDIB(t, dibSpec{header: 108, w: 1, h: 1, bpp: 32, compression: biBitfields,
		masks: []uint32{0xff, 0xff00, 0xff0000, 0}, rows: [][]byte{{0xff, 0, 0, 0x55}}})
	wantPixels(t, img, [][]color.NRGBA{{red}})
	img = decodeDIB(t, dibSpec{header: 40, w: 2, h: 1, bpp: 16, compression: biBitfields,
		masks: []uint32{0xf800, 0x07e0, 0x001f}, rows: [][]byte{{0x00, 0xf8, 0x1f, 0x00}}})
	wantPixels(t, img, [][]color.NRGBA{{red, blue}})
}

// Damaged or foreign DIBs give FaultBadImage, never a panic.
func TestDIBDamaged(t *testing.T) {
	good := dibSpec{header: 40, w: 4, h: 4, bpp: 32, rows: make([][]byte, 4)}
	for i := range good.rows {
		good.rows[i] = make([]byte, 16)
	}
	ok := good.bytes()
	cases := map[string][]byte{
		"empty":        nil,
		"short header": ok[:20],
		"rows missing": ok[:len(ok)-1],
		"core header":  append(binary.LittleEndian.AppendUint32(nil, 12), ok[4:]...),
	}
	edit := func(name string, at int, v uint32) {
		b := bytes.Clone(ok)
		binary.LittleEndian.PutUint32(b[at:], v)
		cases[name] = b
	}
	edit("zero width", 4, 0)
	edit("huge height", 8, 1<<30)
	edit("RLE", 16, 1)
	edit("too many colours", 32, 1000)
	b := bytes.Clone(ok)
	binary.LittleEndian.PutUint16(b[14:], 7)
	cases["7 bits"] = b
	for name, dib := range cases {
		if _, err := bmpFromDIB(dib); !errors.Is(err, &dossier.Error{Fault: dossier.FaultBadImage}) {
			t.Errorf("%s: %v, want a bad_image fault", name, err)
		}
	}
}

func FuzzBMPFromDIB(f *testing.F) {
	f.Add(dibSpec{header: 40, w: 1, h: 1, bpp: 24, rows: [][]byte{{1, 2, 3}}}.bytes())
	f.Add(dibSpec{header: 124, w: 1, h: -1, bpp: 32, compression: biBitfields, masks: []uint32{0xff0000, 0xff00, 0xff, 0xff000000}, rows: [][]byte{{1, 2, 3, 4}}}.bytes())
	f.Add(dibSpec{header: 40, w: 1, h: 1, bpp: 16, compression: biBitfields, masks: []uint32{0xf800, 0x07e0, 0x001f}, rows: [][]byte{{1, 2}}}.bytes())
	f.Fuzz(func(t *testing.T, dib []byte) {
		file, err := bmpFromDIB(dib)
		if err != nil {
			return
		}
		bmp.Decode(bytes.NewReader(file)) // may fail, must not panic
	})
}
