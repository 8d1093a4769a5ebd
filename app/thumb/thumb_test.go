package thumb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestScaleAveragesAndFits(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1000, 500))
	for y := range 500 {
		for x := range 1000 {
			c := color.RGBA{A: 0xff}
			if (x+y)%2 == 0 {
				c = color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
			}
			src.SetRGBA(x, y, c)
		}
	}
	out := Scale(src, 320, 200)
	if out.Rect.Dx() != 320 || out.Rect.Dy() != 160 {
		t.Fatalf("size %v, want 320×160", out.Rect)
	}
	// A fine checkerboard averages to mid grey, not to black or white.
	if c := out.RGBAAt(100, 80); c.R < 0x60 || c.R > 0xa0 {
		t.Errorf("pixel %v, want mid grey", c)
	}
	if small := Scale(image.NewRGBA(image.Rect(0, 0, 10, 5)), 320, 200); small.Rect.Dx() != 10 {
		t.Errorf("small image enlarged to %v", small.Rect)
	}
}

// pngHeader is a PNG signature and IHDR announcing w×h, without pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func encoded(t *testing.T, w, h int, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), 0x80, 0xff})
		}
	}
	var b bytes.Buffer
	if err := enc(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeFitsPNGAndJPEG(t *testing.T) {
	for name, data := range map[string][]byte{
		"png":  encoded(t, 640, 480, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) }),
		"jpeg": encoded(t, 640, 480, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) }),
	} {
		img, err := Decode(bytes.NewReader(data), 320, 200)
		if err != nil || img.Rect.Dx() != 266 || img.Rect.Dy() != 200 {
			t.Fatalf("%s: error %v", name, err)
		}
	}
}

func TestDecodeRefusesHugeAndBrokenImages(t *testing.T) {
	good := encoded(t, 64, 48, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
	for name, content := range map[string][]byte{
		"huge":      pngHeader(100000, 100000),
		"truncated": good[:len(good)/2],
		"not image": []byte("bonjour"),
		"empty":     nil,
	} {
		img, err := Decode(bytes.NewReader(content), 320, 200)
		if err == nil || img != nil {
			t.Errorf("%s: decoded, error %v", name, err)
		}
		if name == "huge" && !errors.Is(err, ErrTooLarge) {
			t.Errorf("huge: %v, want ErrTooLarge", err)
		}
	}
}
