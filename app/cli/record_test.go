package cli

import (
	"bytes"
	"errors"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/record"
	"github.com/segur-dossier/dossier-segur/assets"
	"github.com/segur-dossier/dossier-segur/storage"
)

// fakeRecorder records a fake 320×200 screen for n frames (its clock ends
// the recording; the timer never fires).
func fakeRecorder(n int) recorder {
	screen := capturetest.OneDisplay(320, 200)
	tick := make(chan time.Time, n)
	for range n {
		tick <- time.Time{}
	}
	close(tick)
	return recorder{
		screen: func() (image.Rectangle, []image.Rectangle, error) {
			return screen.Displays[0], screen.Displays, nil
		},
		open: func(r image.Rectangle) (record.Source, error) {
			return &record.ScreenSource{Screen: screen, Region: r}, nil
		},
		tick:  tick,
		timer: func(time.Duration) <-chan time.Time { return nil },
	}
}

func runRecord(t *testing.T, rec recorder, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Opener: storage.Opener{}, DefaultCatalogue: assets.DefaultCatalogue, Operator: "Bob"}
	err := recordWith(env, rec, args)
	return out.String(), errb.String(), err
}

func TestRecordStoresAVideo(t *testing.T) {
	dir, path := newTestDossier(t)
	out, stderr, err := runRecord(t, fakeRecorder(7), path, "--req", "INS.01", "--seconds", "5", "--format", "avi",
		"--region", "16,16,160,96", "--mask", "0,0,40,40")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(out, "vidéo 160×96, 7 images") || !strings.Contains(out, ".avi") {
		t.Fatalf("output: %s", out)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".enregistrement*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	listed, _, code := run(t, "evidence", path, "--req", "INS.01")
	if code != 0 || !strings.Contains(listed, "vidéo") {
		t.Fatalf("evidence: %s", listed)
	}
}

func TestRecordRefusesBadInput(t *testing.T) {
	dir, path := newTestDossier(t)
	for _, c := range []struct {
		args  []string
		fault dossier.Fault
	}{
		{[]string{"--seconds", "5", "--region", "300,0,100,100"}, dossier.FaultRegionOutside},
		{[]string{"--seconds", "0"}, dossier.FaultBadOptionValue},
		{[]string{"--seconds", "5", "--fps", "99"}, dossier.FaultBadOptionValue},
		{[]string{"--seconds", "5", "--mask", "1,2,3"}, dossier.FaultBadOptionValue},
		{[]string{"--seconds", "5", "--display", "3"}, dossier.FaultNoSuchDisplay},
		{[]string{"--seconds", "5", "--format", "webm"}, dossier.FaultBadOptionValue},
	} {
		_, _, err := runRecord(t, fakeRecorder(3), append([]string{path, "--req", "INS.01"}, c.args...)...)
		if !errors.Is(err, &dossier.Error{Fault: c.fault}) {
			t.Errorf("%v: %v, want %s", c.args, err, c.fault)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}
