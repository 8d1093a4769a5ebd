package capture_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
)

// chunkTypes walks a PNG stream and returns the type of every chunk.
func chunkTypes(t *testing.T, data []byte) []string {
	t.Helper()
	sig := []byte("\x89PNG\r\n\x1a\n")
	if !bytes.HasPrefix(data, sig) {
		t.Fatal("no PNG signature")
	}
	var types []string
	rest := data[len(sig):]
	for len(rest) > 0 {
		if len(rest) < 12 {
			t.Fatalf("truncated chunk after %v", types)
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n)+12 > uint64(len(rest)) {
			t.Fatalf("chunk length %d past the end after %v", n, types)
		}
		types = append(types, string(rest[4:8]))
		rest = rest[12+n:]
	}
	return types
}

func TestEncodePNGWritesNoMetadata(t *testing.T) {
	for name, img := range map[string]image.Image{
		"rgba":     patterned(image.Rect(0, 0, 64, 48)),
		"paletted": image.NewPaletted(image.Rect(0, 0, 8, 8), []color.Color{color.Black, color.White}),
		"gray":     image.NewGray(image.Rect(0, 0, 8, 8)),
	} {
		var buf bytes.Buffer
		if err := capture.EncodePNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		types := chunkTypes(t, buf.Bytes())
		if len(types) < 3 || types[0] != "IHDR" || types[len(types)-1] != "IEND" {
			t.Fatalf("%s: chunks %v, want IHDR first and IEND last", name, types)
		}
		for _, ct := range types {
			switch ct {
			case "IHDR", "PLTE", "IDAT", "IEND":
			default:
				t.Errorf("%s: chunk %q, want only IHDR, PLTE, IDAT and IEND", name, ct)
			}
		}
	}
}

func TestEncodePNGRoundTrip(t *testing.T) {
	src := patterned(image.Rect(0, 0, 64, 48))
	var buf bytes.Buffer
	if err := capture.EncodePNG(&buf, src); err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	checkEdit(t, src, back, nil, src.Rect, color.RGBA{})
}

// failingWriter fails after n bytes.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestEncodePNGReportsWriteErrors(t *testing.T) {
	src := patterned(image.Rect(0, 0, 64, 48))
	for _, n := range []int{0, 10, 100} {
		if err := capture.EncodePNG(&failingWriter{n: n}, src); !errors.Is(err, errDiskFull) {
			t.Errorf("after %d bytes: error = %v, want the writer's error", n, err)
		}
	}
	if err := capture.EncodePNG(io.Discard, nil); err == nil {
		t.Error("a nil image was encoded")
	}
}
