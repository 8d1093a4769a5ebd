//go:build unix

package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
	"github.com/segur-dossier/dossier-segur/app/system"
	"github.com/segur-dossier/dossier-segur/assets"
)

// walkDossier opens, in a 1280×720 window, a dossier of every profile
// with 2,000 proofs over its 117 requirements (20 on the first one): a
// third screen captures, the rest logs. bg runs the panel's background
// work (previews).
func walkDossier(b *testing.B, bg background, drain func()) (*mainView, fyne.Window) {
	b.Helper()
	a := test.NewTempApp(b)
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 720))
	b.Cleanup(w.Close)
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	var all []string
	for _, p := range cat.Profiles {
		all = append(all, p.Name)
	}
	op := dossiertest.NewMemOpener()
	svc, err := dossier.Create(op, "bench.segur", dossier.Info{Name: "Banc", Vendor: "V", Product: "P", ProductVersion: "1", Profiles: all}, cat)
	if err != nil {
		b.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	for y := range 720 {
		for x := range 1280 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var shot bytes.Buffer
	png.Encode(&shot, img)
	reqs := cat.Applicable(all)
	n := 0
	add := func(req string, i int) {
		name, data := fmt.Sprintf("journal-%04d.log", i), []byte(fmt.Sprintf("%d INFO appel INSi %d\n", i, i))
		if i%3 == 0 {
			// Distinct content, so each capture has its own preview.
			name, data = fmt.Sprintf("capture-%04d.png", i), append(slices.Clone(shot.Bytes()), byte(i), byte(i>>8))
		}
		if _, err := svc.AttachReader(context.Background(), req, name, bytes.NewReader(data), nil, dossier.AttachOptions{}, nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
	for i := range 20 {
		add(reqs[0].ID, i)
	}
	for i := 20; n < 2000; i++ {
		add(reqs[1+i%(len(reqs)-1)].ID, i)
	}
	svc.Close()
	s := newShell(a, w, Deps{Opener: op, DefaultCatalogue: assets.DefaultCatalogue, ThumbDir: b.TempDir()}, bg)
	s.onOpenPath("bench.segur")
	drain()
	if s.main == nil {
		b.Fatal("dossier not opened")
	}
	return s.main, w
}

// BenchmarkNextRequirement measures moving to the next requirement (Ctrl+↓)
// and repainting the 1280×720 window with the test driver's software
// painter, on a dossier of 2,000 proofs (20 on the first requirement). The
// baseline, in the same run, is a repaint of the same window with nothing
// changed. Previews (thumbnails, first lines) are made in the background
// after the move, outside the measure, as in the application: their time
// is reported apart, first visit (decoding) and second visit (caches).
// Times are CPU time of the process, which the machine's other load does
// not inflate; wall times are reported too.
func BenchmarkNextRequirement(b *testing.B) {
	for _, c := range []struct {
		name string
		// warm shows every requirement once first: previews come from
		// the caches (the second visit).
		warm bool
	}{{"first-visit", false}, {"second-visit", true}} {
		b.Run(c.name, func(b *testing.B) {
			var queue []func()
			bg := func(work, done func()) {
				queue = append(queue, func() { work(); done() })
			}
			drain := func() {
				for len(queue) > 0 {
					q := queue
					queue = nil
					for _, f := range q {
						f()
					}
				}
			}
			m, w := walkDossier(b, bg, drain)
			if c.warm {
				for range len(m.list.rows) {
					m.move(1)
					drain()
				}
			}
			var move, paint, wall, previews []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if m.list.index(m.current) == len(m.list.rows)-1 {
					m.list.selectIndex(0)
					drain()
				}
				c0 := system.CPUTime()
				w.Canvas().Capture()
				paint = append(paint, system.CPUTime()-c0)
				b.StartTimer()
				start, c1 := time.Now(), system.CPUTime()
				m.move(1)
				w.Canvas().Capture()
				move, wall = append(move, system.CPUTime()-c1), append(wall, time.Since(start))
				b.StopTimer()
				c2 := system.CPUTime()
				drain()
				previews = append(previews, system.CPUTime()-c2)
				b.StartTimer()
			}
			b.StopTimer()
			ms := func(d []time.Duration, q int) float64 {
				slices.Sort(d)
				return float64(d[min(len(d)-1, len(d)*q/100)].Microseconds()) / 1000
			}
			b.ReportMetric(ms(move, 95), "move+paint-p95-ms")
			b.ReportMetric(ms(move, 50), "move+paint-median-ms")
			b.ReportMetric(ms(paint, 95), "paint-only-p95-ms")
			b.ReportMetric(ms(paint, 50), "paint-only-median-ms")
			b.ReportMetric(ms(previews, 95), "previews-p95-ms")
			b.ReportMetric(ms(wall, 95), "wall-p95-ms")
		})
	}
}
