package cli

import (
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestCaptureMasksAndAnnotates(t *testing.T) {
	dir, path := newTestDossier(t)
	screen := &capturetest.Screen{Displays: []image.Rectangle{image.Rect(0, 0, 400, 300)}}
	var waits []time.Duration
	out, _, err := runCapture(t, screen, &waits, path, "--req", "INS.01",
		"--mask", "10,10,50,20", "--mask", "300,200,40,40",
		"--annotate", "step:100,100:champ INS", "--annotate", "arrow/bleu:200,50,150,100",
		"--annotate", "step:120,200", "--annotate", "text:20,250:Patient test", "--annotate", "rect:90,90,60,30")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 zones masquées", "Étape 1 : champ INS", "Étape 2 à (120, 200)", "Texte «\u00a0Patient test\u00a0»", "Flèche de (200, 50) à (150, 100)"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	listed, _, code := run(t, "evidence", path, "--req", "INS.01", "--json")
	var items []struct {
		Annotations []dossier.Annotation `json:"annotations"`
	}
	if err := json.Unmarshal([]byte(listed), &items); err != nil || code != 0 || len(items) != 1 {
		t.Fatalf("%v %s", err, listed)
	}
	if a := items[0].Annotations; len(a) != 5 || a[0].Kind != dossier.AnnotStep || a[0].Number != 1 || a[2].Number != 2 || a[1].Color != "bleu" {
		t.Fatalf("annotations: %+v", a)
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
	for _, p := range []image.Point{{10, 10}, {59, 29}, {300, 200}, {339, 239}} {
		if r, g, b, a := img.At(p.X, p.Y).RGBA(); r|g|b != 0 || a != 0xffff {
			t.Fatalf("masked pixel %v not black", p)
		}
	}
	// The step marker is drawn: its centre is no longer the screen's pixel.
	r, g, b, _ := img.At(100, 100).RGBA()
	want := capturetest.Pixel(100, 100)
	if uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B {
		t.Fatal("the step marker is not in the stored pixels")
	}
}

func TestCaptureRefusesBadMarks(t *testing.T) {
	_, path := newTestDossier(t)
	screen := &capturetest.Screen{Displays: []image.Rectangle{image.Rect(0, 0, 40, 30)}}
	for _, args := range [][]string{
		{"--mask", "1,2,3"}, {"--mask", "1,2,0,5"}, {"--annotate", "circle:1,2,3,4"}, {"--annotate", "text:1,2"},
		{"--annotate", "rect/fuchsia:1,2,3,4"}, {"--annotate", "arrow:1,2"}, {"--annotate", "step"},
		{"--annotate", "arrow:-9000000000,0,10,10"}, {"--mask", "0,0,99999999,5"},
	} {
		var waits []time.Duration
		_, _, err := runCapture(t, screen, &waits, append([]string{path, "--req", "INS.01"}, args...)...)
		if !errors.Is(err, &dossier.Error{Fault: dossier.FaultBadOptionValue}) {
			t.Errorf("%v: %v", args, err)
		}
	}
	listed, _, _ := run(t, "evidence", path, "--json")
	if strings.TrimSpace(listed) != "[]" {
		t.Fatalf("something was stored: %s", listed)
	}
}
