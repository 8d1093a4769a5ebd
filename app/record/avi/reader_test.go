package avi_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/color"
	"io"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/record/avi"
	"github.com/segur-dossier/dossier-segur/app/record/avi/avitest"
)

func count(t *testing.T, data []byte) (avi.Header, int, error) {
	t.Helper()
	r, err := avi.NewReader(bytes.NewReader(data))
	if err != nil {
		return avi.Header{}, 0, err
	}
	n := 0
	for {
		_, err := r.Next()
		if errors.Is(err, io.EOF) {
			return r.Header, n, nil
		}
		if err != nil {
			return r.Header, n, err
		}
		n++
	}
}

func TestReadsAFinishedFile(t *testing.T) {
	red := color.RGBA{R: 0xff, A: 0xff}
	h, n, err := count(t, avitest.Bytes(t, 64, 48, red, red, red))
	if err != nil || n != 3 || h.Frames != 3 || h.Width != 64 || h.Height != 48 || h.FPS() != 10 {
		t.Fatalf("header %+v, %d frames, %v", h, n, err)
	}
}

// A file whose writer was killed has no sizes and no index: its whole
// frames are read, the one cut short is not, and no error is returned.
func TestReadsAnUnfinishedFile(t *testing.T) {
	red := color.RGBA{R: 0xff, A: 0xff}
	data := avitest.Bytes(t, 64, 48, red, red, red)
	movi := bytes.Index(data, []byte("movi")) - 8
	idx := bytes.Index(data, []byte("idx1"))
	cut := bytes.Clone(data[:idx-100]) // the third frame cut, no index
	binary.LittleEndian.PutUint32(cut[4:], 0)
	binary.LittleEndian.PutUint32(cut[movi+4:], 0)
	if _, n, err := count(t, cut); err != nil || n != 2 {
		t.Fatalf("%d frames, %v; want the 2 whole ones", n, err)
	}
}

func TestRefusesWhatIsNotAnAVI(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty": nil, "wave": []byte("RIFF\x10\x00\x00\x00WAVEfmt "), "png": []byte("\x89PNG\r\n\x1a\n0000"),
	} {
		if _, _, err := count(t, data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
