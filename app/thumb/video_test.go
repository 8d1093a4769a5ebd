package thumb

import (
	"bytes"
	"image/color"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/record/avi/avitest"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestVideoThumbnailIsTheFirstFrameReadAlone(t *testing.T) {
	red := color.RGBA{R: 0xff, A: 0xff}
	colours := []color.RGBA{red}
	for range 40 {
		colours = append(colours, color.RGBA{B: 0xff, A: 0xff})
	}
	path := avitest.File(t, 640, 360, colours...)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	cr := &countingReader{r: f}
	img, err := Decode(cr, 320, 200)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() != 320 || img.Rect.Dy() != 180 {
		t.Fatalf("thumbnail %v, want 320×180", img.Rect)
	}
	if c := img.RGBAAt(160, 90); c.R < 0xe0 || c.B > 0x20 {
		t.Fatalf("thumbnail pixel %v, want the first frame's red", c)
	}
	// The headers and the first frame, plus what one buffer reads ahead:
	// not the 40 frames after it.
	if cr.n > 16<<10 || cr.n*4 > fi.Size() {
		t.Fatalf("read %d bytes of a %d-byte video for its thumbnail", cr.n, fi.Size())
	}
}

// Malformed videos end with an error, never a panic or a hang.
func TestMalformedVideos(t *testing.T) {
	good := avitest.Bytes(t, 64, 64, color.RGBA{G: 0xff, A: 0xff})
	cases := map[string][]byte{
		"truncated header": good[:40],
		"no frame":         good[:bytes.Index(good, []byte("movi"))+4],
		"frame cut":        good[:len(good)-300],
		"garbage frame":    bytes.Replace(good, []byte("\xff\xd8"), []byte("zz"), 1),
		"huge frame size":  hugeFrame(good),
		"mp4 garbage":      append([]byte("\x00\x00\x00\x18ftypisom"), bytes.Repeat([]byte{7}, 100)...),
		"webm garbage":     append([]byte("\x1a\x45\xdf\xa3"), bytes.Repeat([]byte{1}, 100)...),
	}
	// "huge hdrl": make the hdrl LIST claim 2 GiB.
	h := bytes.Clone(good)
	i := bytes.Index(h, []byte("hdrl")) - 8
	copy(h[i+4:], []byte{0xff, 0xff, 0xff, 0x7f})
	cases["huge hdrl"] = h
	for name, data := range cases {
		if _, err := Decode(bytes.NewReader(data), 320, 200); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// hugeFrame makes the first frame chunk claim 3 GiB.
func hugeFrame(good []byte) []byte {
	b := bytes.Clone(good)
	i := bytes.Index(b, []byte("00dc"))
	copy(b[i+4:], []byte{0, 0, 0, 0xc0})
	return b
}

func TestIsVideo(t *testing.T) {
	for head, want := range map[string]bool{
		"RIFF\x00\x00\x00\x00AVI LIST": true, "RIFF\x00\x00\x00\x00WAVEfmt ": false,
		"\x00\x00\x00\x20ftypisom": true, "\x89PNG\r\n\x1a\n\x00\x00\x00\x0d": false,
	} {
		if got := isVideo([]byte(head)); got != want {
			t.Errorf("isVideo(%q) = %v", strings.ToValidUTF8(head, "?"), got)
		}
	}
}

func TestVideoFrameAtATime(t *testing.T) {
	// 10 frames a second: frame 15 (1.5 s) is the first green one.
	var colours []color.RGBA
	for i := range 20 {
		c := color.RGBA{R: 0xff, A: 0xff}
		if i >= 15 {
			c = color.RGBA{G: 0xff, A: 0xff}
		}
		colours = append(colours, c)
	}
	path := avitest.File(t, 64, 48, colours...)
	for _, c := range []struct {
		at    time.Duration
		green bool
	}{{0, false}, {1400 * time.Millisecond, false}, {1500 * time.Millisecond, true}, {time.Minute, true}} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := VideoFrame(f, c.at, 64, 48)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if px := img.RGBAAt(32, 24); (px.G > 0x80) != c.green {
			t.Errorf("frame at %v: pixel %v, want green %v", c.at, px, c.green)
		}
	}
}
