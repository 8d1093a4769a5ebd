package record

import (
	"bytes"
	"image"
	"os/exec"
	"strconv"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
)

// With ffmpeg installed, an MP4 recording keeps its masks on every frame:
// H.264 is lossy, so "black" is at most a few levels above 0, and the
// unmasked picture is not black.
func TestMP4MaskedOnEveryFrame(t *testing.T) {
	bin := FFmpeg()
	if bin == "" {
		t.Skip("ffmpeg is not installed")
	}
	dir := t.TempDir()
	screen := capturetest.OneDisplay(200, 120)
	region := image.Rect(10, 20, 170, 116)
	mask := image.Rect(32, 16, 96, 64) // on the grid already
	r, err := Begin(&movingSource{ScreenSource: ScreenSource{Screen: screen, Region: region}}, Setup{
		Dir: dir, Format: MP4, Geometry: capture.Geometry{W: 160, H: 96},
		Options: Options{FPS: 10, Masks: []image.Rectangle{mask}, Tick: ticks(15)},
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	defer r.File.Remove()
	out, err := exec.Command(bin, "-v", "error", "-i", r.File.Path, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1").Output()
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 160, 96
	n := len(out) / (w * h * 3)
	if n != st.Frames || n != 15 {
		t.Fatalf("%d frames decoded, %d written, want 15", n, st.Frames)
	}
	// The deblocking filter and 4:2:0 chroma smear the picture's edges a
	// few pixels into the mask (the masked pixels themselves were black
	// before encoding: nothing of them is in the file): the border is
	// dark, the inside black.
	inner := mask.Inset(4)
	maxEdge, maxInner := byte(0), byte(0)
	for i := range n {
		f := out[i*w*h*3 : (i+1)*w*h*3]
		px := func(x, y int) []byte { o := (y*w + x) * 3; return f[o : o+3] }
		for y := mask.Min.Y; y < mask.Max.Y; y++ {
			for x := mask.Min.X; x < mask.Max.X; x++ {
				m := max(px(x, y)[0], px(x, y)[1], px(x, y)[2])
				if image.Pt(x, y).In(inner) {
					maxInner = max(maxInner, m)
				} else {
					maxEdge = max(maxEdge, m)
				}
			}
		}
		if bytes.Equal(px(120, 10), []byte{0, 0, 0}) {
			t.Fatalf("frame %d: unmasked pixel black", i)
		}
	}
	if maxInner > 4 || maxEdge > 40 {
		t.Fatalf("masked area not black: up to %d inside, %d on its 4-pixel border", maxInner, maxEdge)
	}
	t.Logf("mask: up to %d inside, %d on its border", maxInner, maxEdge)
	t.Logf("%d frames, %s bytes", n, strconv.FormatInt(st.Bytes, 10))
}
