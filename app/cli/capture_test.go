package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
	"github.com/segur-dossier/dossier-segur/storage"
)

func runCapture(t *testing.T, screen *capturetest.Screen, waits *[]time.Duration, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Opener: storage.Opener{}, DefaultCatalogue: assets.DefaultCatalogue, Operator: "Bob"}
	err := captureWith(env, screen, func(d time.Duration) { *waits = append(*waits, d) }, args)
	return out.String(), errb.String(), err
}

func TestCaptureStoresPNGWithGeometry(t *testing.T) {
	dir, path := newTestDossier(t)
	screen := &capturetest.Screen{Displays: []image.Rectangle{image.Rect(0, 0, 64, 48), image.Rect(64, 0, 96, 32)}}
	var waits []time.Duration
	out, stderr, err := runCapture(t, screen, &waits, path, "--req", "INS.01", "--display", "1", "--delay", "3", "--caption", "Écran 2")
	if err != nil {
		t.Fatal(err)
	}
	if len(waits) != 3 || strings.Count(stderr, "Capture dans") != 3 {
		t.Fatalf("countdown: %v %q", waits, stderr)
	}
	if !strings.Contains(out, "capture de l'écran 1 32×32") {
		t.Fatalf("output: %s", out)
	}
	listed, _, code := run(t, "evidence", path, "--req", "INS.01", "--json")
	var items []struct {
		ID      uint64 `json:"id"`
		Kind    string `json:"kind"`
		Caption string `json:"caption"`
		AddedBy string `json:"added_by"`
		Capture *struct {
			Display, X, Width, Height int
		} `json:"capture"`
	}
	if err := json.Unmarshal([]byte(listed), &items); err != nil || code != 0 || len(items) != 1 {
		t.Fatalf("%v %s", err, listed)
	}
	it := items[0]
	if it.Kind != "image" || it.Caption != "Écran 2" || it.AddedBy != "Bob" || it.Capture == nil || it.Capture.Display != 1 || it.Capture.X != 64 || it.Capture.Width != 32 {
		t.Fatalf("item: %+v %+v", it, it.Capture)
	}
	dst := filepath.Join(dir, "c.png")
	if _, stderr, code := run(t, "extract", path, "--evidence", "1", "--out", dst); code != 0 {
		t.Fatal(stderr)
	}
	f, _ := os.Open(dst)
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 32 || img.Bounds().Dy() != 32 {
		t.Fatalf("stored image %v", img.Bounds())
	}
	r, g, b, _ := img.At(5, 7).RGBA()
	want := capturetest.Pixel(64+5, 7)
	if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(b>>8) != want.B {
		t.Fatal("stored pixels differ from the screen")
	}
}

func TestCaptureErrors(t *testing.T) {
	_, path := newTestDossier(t)
	var waits []time.Duration
	_, _, err := runCapture(t, capturetest.OneDisplay(10, 10), &waits, path, "--req", "INS.01", "--display", "3", "--delay", "5")
	if e := dossier.AsError(err); e == nil || e.Fault != dossier.FaultNoSuchDisplay || e.Subject != "3" {
		t.Fatalf("unknown display: %v", err)
	}
	_, _, err = runCapture(t, &capturetest.Screen{}, &waits, path, "--req", "INS.01", "--delay", "5")
	if !errors.Is(err, capture.ErrNoDisplay) {
		t.Fatalf("no display: %v", err)
	}
	_, _, err = runCapture(t, capturetest.OneDisplay(10, 10), &waits, path, "--req", "NOPE", "--delay", "5")
	if !errors.Is(err, dossier.ErrUnknownRequirement) {
		t.Fatalf("unknown requirement: %v", err)
	}
	if len(waits) != 0 {
		t.Fatal("the user waited for a capture that could not happen")
	}
	for _, bad := range [][]string{{"--display", "x"}, {"--display", "-2"}, {"--delay", "-1"}} {
		_, _, err = runCapture(t, capturetest.OneDisplay(10, 10), &waits, append([]string{path, "--req", "INS.01"}, bad...)...)
		if dossier.FaultOf(err) != dossier.FaultBadOptionValue {
			t.Fatalf("%v: %v", bad, err)
		}
	}
	if out, _, _ := run(t, "evidence", path, "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("failed captures stored evidence: %s", out)
	}
}

// TestCaptureHeadless runs the real command with no display.
func TestCaptureHeadless(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	_, path := newTestDossier(t)
	out, stderr, code := run(t, "capture", path, "--req", "INS.01")
	if code != 1 || out != "" || !strings.Contains(stderr, "Aucun écran disponible") {
		t.Fatalf("headless: %d %q %q", code, out, stderr)
	}
}
