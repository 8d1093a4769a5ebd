package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/record"
	"github.com/segur-dossier/dossier-segur/app/record/avi"
)

// frameTicks is a clock giving n frames, then ending the recording.
func frameTicks(n int) chan time.Time {
	c := make(chan time.Time, n)
	for range n {
		c <- time.Time{}
	}
	close(c)
	return c
}

// startRecording runs the flow up to the recording: dialog, setup with
// one mask and a region, start. With the tests' clock the recording has
// ended when it returns.
func startRecording(t *testing.T, f *evFixture, hooks *RecordHooks) *videoRecorder {
	t.Helper()
	f.p.d.record = hooks
	test.Tap(f.p.recordBtn)
	v := f.p.recorder
	if v == nil || v.dlg == nil {
		t.Fatalf("no recording dialog; overlay %s", f.overlay())
	}
	v.dlg.Confirm()
	if v.setup == nil {
		t.Fatalf("no setup window; overlay %s", f.overlay())
	}
	v.setup.onRect(image.Rect(10, 10, 60, 40))
	v.setup.mode.SetSelected(modeRegion)
	v.setup.onRect(image.Rect(0, 0, 160, 96))
	test.Tap(v.setup.start)
	return v
}

// leftVideos lists the temporary videos left beside the dossier.
func leftVideos(t *testing.T, dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".enregistrement*"))
	return m
}

func TestRecordMaskTrimAndStore(t *testing.T) {
	f := newEvFixture(t)
	v := startRecording(t, f, &RecordHooks{
		Open: func(r image.Rectangle) (record.Source, error) {
			return &record.ScreenSource{Screen: f.screen, Region: r}, nil
		},
		Tick:   frameTicks(12),
		Format: func() record.Format { return record.AVI },
	})
	if v.trim == nil {
		t.Fatalf("no trim step; overlay %s", f.overlay())
	}
	if v.ctl.win.Title() != controlTitle || !v.ctl.stopped {
		t.Fatal("control window not shown or not stopped")
	}
	v.trim.from.SetValue(2)
	v.trim.to.SetValue(10)
	if !strings.Contains(v.trim.label.Text, "de 0,2 s à 1,0 s (0,8 s sur 1,2 s)") {
		t.Errorf("trim label %q", v.trim.label.Text)
	}
	test.Tap(v.trim.save)
	if f.p.recorder != nil {
		t.Fatalf("flow not ended; message %q", v.trim.message.Text)
	}
	items, _ := f.m.svc.ListEvidence(f.m.current)
	if len(items) != 1 || items[0].Kind != dossier.KindVideo || items[0].Capture == nil || items[0].Capture.Width != 160 {
		t.Fatalf("evidence %+v", items)
	}
	// Storing the video is one change of the dossier, journalled as such.
	var added []dossier.Event
	f.m.svc.Journal(0, func(e dossier.Event) error {
		if e.Kind == dossier.EventEvidenceAdded {
			added = append(added, e)
		}
		return nil
	})
	if len(added) != 1 || added[0].SHA256 != items[0].SHA256 {
		t.Errorf("journal: %d evidence_added events %+v", len(added), added)
	}
	var buf bytes.Buffer
	if err := f.m.svc.ExtractEvidence(context.Background(), items[0].ID, &buf); err != nil {
		t.Fatal(err)
	}
	r, err := avi.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ; ; n++ {
		data, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for y := 10; y < 40; y++ {
			for x := 10; x < 60; x++ {
				if r, g, b, _ := img.At(x, y).RGBA(); r|g|b != 0 {
					t.Fatalf("frame %d: masked pixel %d,%d not black", n, x, y)
				}
			}
		}
	}
	if n != 8 {
		t.Errorf("%d frames stored, want the 8 kept", n)
	}
	if l := leftVideos(t, f.dir); len(l) != 0 {
		t.Errorf("temporary videos left: %v", l)
	}
}

// A display lost mid-recording: a French message, nothing stored, no
// file left.
func TestRecordDisplayLost(t *testing.T) {
	f := newEvFixture(t)
	v := startRecording(t, f, &RecordHooks{
		Open: func(r image.Rectangle) (record.Source, error) { return lostDisplay{}, nil },
		Tick: frameTicks(5),
	})
	if v.trim != nil || f.p.recorder != nil {
		t.Fatal("trim step shown for a failed recording")
	}
	if o := f.overlay(); !strings.Contains(o, "n'est plus disponible") {
		t.Errorf("overlay %s", o)
	}
	if items, _ := f.m.svc.ListEvidence(f.m.current); len(items) != 0 {
		t.Errorf("%d items stored", len(items))
	}
	if l := leftVideos(t, f.dir); len(l) != 0 {
		t.Errorf("temporary videos left: %v", l)
	}
}

type lostDisplay struct{}

func (lostDisplay) Grab(*image.RGBA) error {
	return dossier.E(dossier.FaultDisplayLost, "", io.EOF)
}
func (lostDisplay) Close() error { return nil }
