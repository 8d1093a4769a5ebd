package export_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

// BenchmarkExport writes a package of 117 requirements holding 1 MiB of
// already-compressed media each (stored) plus a small log (deflated), from
// an in-memory dossier: the cost of the writer itself (hashing, ZIP,
// manifests, workbook and report), without storage.
func BenchmarkExport(b *testing.B) {
	f := newFake(b)
	all := make([]string, 0, len(f.snap.Catalogue.Profiles))
	for _, p := range f.snap.Catalogue.Profiles {
		all = append(all, p.Name)
	}
	f.snap.Info.Profiles = all
	var total int64
	for i, r := range f.snap.Catalogue.Applicable(all) {
		ev := f.add(r.ID, "video.mp4", "", dossier.KindVideo, randomBytes(1<<20, int64(i)))
		lg := f.add(r.ID, "trace.log", "", dossier.KindText, randomBytes(16<<10, int64(-i)))
		total += ev.Size + lg.Size
	}
	out := filepath.Join(b.TempDir(), "paquet.zip")
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		if err := export.Export(context.Background(), f, out, export.Options{Draft: true}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.snap.Evidence)), "files/op")
}
