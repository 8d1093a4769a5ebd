package export_test

import (
	"bytes"
	"image/color"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/record/avi/avitest"
)

// A recorded video gets a thumbnail in the report (one of its frames); a
// damaged one is listed without.
func TestReportShowsVideoFrames(t *testing.T) {
	f := newFake(t)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	video := avitest.Bytes(t, 320, 180, color.RGBA{R: 0xff, A: 0xff}, color.RGBA{G: 0xff, A: 0xff})
	f.add(reqs[0].ID, "enregistrement.avi", "", dossier.KindVideo, video)
	f.add(reqs[0].ID, "abimee.avi", "", dossier.KindVideo, video[:len(video)/3])
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	b := reportOf(t, out)
	if n := bytes.Count(b, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images in the report, want 1 video thumbnail", n)
	}
}
