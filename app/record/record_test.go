package record

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/draw"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/record/avi"
)

// ticks returns a clock that gives n frames, then ends the recording.
func ticks(n int) <-chan time.Time {
	c := make(chan time.Time, n)
	for range n {
		c <- time.Time{}
	}
	close(c)
	return c
}

// recordFake records n frames of a fake 200×120 screen's region
// 10,20,160,96 with masks into an AVI in dir.
func recordFake(t *testing.T, dir string, n int, masks ...image.Rectangle) (*Recording, Stats) {
	t.Helper()
	screen := capturetest.OneDisplay(200, 120)
	region := image.Rect(10, 20, 170, 116)
	geo := capture.Geometry{Display: capture.AllDisplays, X: 10, Y: 20, W: 160, H: 96}
	r, err := Begin(&movingSource{ScreenSource: ScreenSource{Screen: screen, Region: region}}, Setup{
		Dir: dir, Format: AVI, Geometry: geo,
		Options: Options{FPS: 10, Masks: masks, Tick: ticks(n)},
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return r, st
}

// frames decodes every frame of the AVI at path.
func frames(t *testing.T, path string) (avi.Header, []image.Image) {
	t.Helper()
	h, raw := rawFrames(t, path)
	var out []image.Image
	for i, data := range raw {
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		out = append(out, img)
	}
	return h, out
}

// TestMaskedOnEveryFrame is the check: every frame of a recorded
// video, decoded from the file, is solid black in the masked rectangles,
// and shows the screen elsewhere.
func TestMaskedOnEveryFrame(t *testing.T) {
	dir := t.TempDir()
	masks := []image.Rectangle{image.Rect(5, 7, 40, 30), image.Rect(100, 50, 150, 90)}
	r, st := recordFake(t, dir, 12, masks...)
	defer r.File.Remove()
	if st.Frames != 12 {
		t.Fatalf("%d frames written, want 12", st.Frames)
	}
	h, imgs := frames(t, r.File.Path)
	if len(imgs) != 12 || h.Frames != 12 || h.Width != 160 || h.Height != 96 || h.FPS() != 10 {
		t.Fatalf("file: %d frames decoded, header %+v", len(imgs), h)
	}
	for i, img := range imgs {
		for _, m := range masks {
			for y := m.Min.Y; y < m.Max.Y; y++ {
				for x := m.Min.X; x < m.Max.X; x++ {
					if r, g, b, _ := img.At(x, y).RGBA(); r|g|b != 0 {
						t.Fatalf("frame %d: pixel %d,%d inside a mask is %d,%d,%d", i, x, y, r>>8, g>>8, b>>8)
					}
				}
			}
		}
		// Outside the masks, the screen shows: a bright pixel far from
		// them is not black.
		if r, g, b, _ := img.At(80, 10).RGBA(); r|g|b == 0 {
			t.Fatalf("frame %d: unmasked area is black", i)
		}
	}
}

func TestAlignMasksOnlyGrows(t *testing.T) {
	got := AlignMasks([]image.Rectangle{image.Rect(5, 7, 40, 30), image.Rect(300, 300, 400, 400), image.Rect(20, 20, -3, 10)},
		image.Pt(160, 96))
	want := []image.Rectangle{image.Rect(0, 0, 48, 32), image.Rect(0, 0, 32, 32)}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("AlignMasks = %v, want %v", got, want)
	}
}

func TestTrimKeepsTheFramesAsked(t *testing.T) {
	dir := t.TempDir()
	r, st := recordFake(t, dir, 20)
	defer r.File.Remove()
	_, whole := rawFrames(t, r.File.Path)
	cut, err := Trim(context.Background(), r.File, r.FPS, st.Frames, 5, 15)
	if err != nil {
		t.Fatal(err)
	}
	defer cut.Remove()
	_, got := rawFrames(t, cut.Path)
	if len(got) != 10 {
		t.Fatalf("%d frames kept, want 10", len(got))
	}
	for i := range got {
		if !bytes.Equal(got[i], whole[i+5]) {
			t.Fatalf("frame %d of the cut is not frame %d of the recording", i, i+5)
		}
	}
	if same, err := Trim(context.Background(), r.File, r.FPS, st.Frames, 0, 20); err != nil || same != r.File {
		t.Fatalf("whole trim = %v, %v; want the file itself", same, err)
	}
	for _, c := range [][2]int{{5, 5}, {-1, 4}, {3, 21}, {10, 2}} {
		if _, err := Trim(context.Background(), r.File, r.FPS, st.Frames, c[0], c[1]); !errors.Is(err, &dossier.Error{Fault: dossier.FaultBadTrim}) {
			t.Errorf("Trim %v: %v, want bad_trim", c, err)
		}
	}
}

// rawFrames reads the header and every frame's data of the AVI at path.
func rawFrames(t *testing.T, path string) (avi.Header, [][]byte) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := avi.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for {
		b, err := r.Next()
		if errors.Is(err, io.EOF) {
			return r.Header, out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
}

// leftovers lists the files in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := filepath.Glob(filepath.Join(dir, ".*"))
	return append(m, h...)
}

// A display that goes away mid-recording ends it with display_lost and
// leaves no file.
func TestDisplayLostLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	screen := capturetest.OneDisplay(64, 64)
	src := &failingSource{ScreenSource: ScreenSource{Screen: screen, Region: image.Rect(0, 0, 64, 64)}, after: 3}
	r, err := Begin(src, Setup{Dir: dir, Format: AVI, Geometry: capture.Geometry{W: 64, H: 64},
		Options: Options{FPS: 5, Tick: ticks(10)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Finish(); !errors.Is(err, &dossier.Error{Fault: dossier.FaultDisplayLost}) {
		t.Fatalf("Finish = %v, want display_lost", err)
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("files left: %v", l)
	}
}

// movingSource is a fake screen with a white square moving across it
// (through the masks too), so that frames differ.
type movingSource struct {
	ScreenSource
	n int
}

func (m *movingSource) Grab(dst *image.RGBA) error {
	if err := m.ScreenSource.Grab(dst); err != nil {
		return err
	}
	at := image.Pt(m.n*13%dst.Rect.Dx(), m.n*7%dst.Rect.Dy())
	draw.Draw(dst, image.Rectangle{Min: at, Max: at.Add(image.Pt(12, 12))}, image.White, image.Point{}, draw.Src)
	m.n++
	return nil
}

// failingSource fails like a lost X server after some frames.
type failingSource struct {
	ScreenSource
	after int
}

func (f *failingSource) Grab(dst *image.RGBA) error {
	if f.after == 0 {
		return dossier.E(dossier.FaultDisplayLost, "", io.EOF)
	}
	f.after--
	return f.ScreenSource.Grab(dst)
}

func TestFullDiskIsTold(t *testing.T) {
	err := aviError("/d/.x.1.partiel", &os.PathError{Op: "write", Path: "/d/.x.1.partiel", Err: syscall.ENOSPC})
	if e := dossier.AsError(err); e == nil || e.Fault != dossier.FaultDiskFull || e.Subject != "enregistrement.avi" {
		t.Fatalf("aviError = %#v, want disk_full about enregistrement.avi", err)
	}
}

func TestNoFrameIsAnError(t *testing.T) {
	dir := t.TempDir()
	screen := capturetest.OneDisplay(64, 64)
	r, err := Begin(&ScreenSource{Screen: screen, Region: image.Rect(0, 0, 64, 64)}, Setup{Dir: dir, Format: AVI,
		Geometry: capture.Geometry{W: 64, H: 64}, Options: Options{FPS: 5, Tick: ticks(0)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Finish(); !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoFrames}) {
		t.Fatalf("Finish = %v, want no_frames", err)
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("files left: %v", l)
	}
}

func TestCheckRegion(t *testing.T) {
	screen := image.Rect(0, 0, 1920, 1080)
	if err := CheckRegion(image.Rect(0, 0, 1920, 1080), screen); err != nil {
		t.Fatal(err)
	}
	for _, r := range []image.Rectangle{image.Rect(1800, 0, 2000, 100), image.Rect(-1, 0, 100, 100), image.Rect(0, 0, 8, 100)} {
		if err := CheckRegion(r, screen); !errors.Is(err, &dossier.Error{Fault: dossier.FaultRegionOutside}) {
			t.Errorf("CheckRegion(%v) = %v, want region_outside", r, err)
		}
	}
}

func TestPauseTakesNoFrames(t *testing.T) {
	dir := t.TempDir()
	screen := capturetest.OneDisplay(64, 64)
	tick := make(chan time.Time)
	r, err := Begin(&ScreenSource{Screen: screen, Region: image.Rect(0, 0, 64, 64)}, Setup{Dir: dir, Format: AVI,
		Geometry: capture.Geometry{W: 64, H: 64}, Options: Options{FPS: 5, Tick: tick, Workers: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.File.Remove()
	tick <- time.Time{}
	r.Pause()
	// The loop takes each tick before the next send returns: these three
	// are seen while paused.
	for range 3 {
		tick <- time.Time{}
	}
	if !r.Stats().Paused {
		t.Fatal("Stats do not say paused")
	}
	r.Resume()
	tick <- time.Time{}
	close(tick)
	st, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if st.Frames != 2 {
		t.Fatalf("%d frames, want 2 (3 ticks were paused)", st.Frames)
	}
}
