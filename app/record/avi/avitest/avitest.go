// Package avitest makes small Motion-JPEG AVI files for tests (with
// github.com/icza/mjpeg, the writer the application records with).
package avitest

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/icza/mjpeg"
)

// File writes a Motion-JPEG AVI of w×h frames at 10 frames a second,
// frame i filled with colours[i], and returns its path.
func File(t testing.TB, w, h int, colours ...color.RGBA) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.avi")
	aw, err := mjpeg.New(path, int32(w), int32(h), 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range colours {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Rect, image.NewUniform(c), image.Point{}, draw.Src)
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		if err := aw.AddFrame(b.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := aw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// Bytes is File's content.
func Bytes(t testing.TB, w, h int, colours ...color.RGBA) []byte {
	t.Helper()
	b, err := os.ReadFile(File(t, w, h, colours...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
