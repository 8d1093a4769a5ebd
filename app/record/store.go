package record

import (
	"context"
	"os"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Store streams the video file v into the dossier as evidence of reqID
// named name, recording the region it shows. It reads the file in chunks:
// the video never sits whole in memory.
func (r *Recording) Store(ctx context.Context, svc *dossier.Service, v *File, reqID, name string, opt dossier.AttachOptions, progress dossier.Progress) (dossier.Evidence, error) {
	f, err := os.Open(v.Path)
	if err != nil {
		return dossier.Evidence{}, dossier.E(dossier.FaultRecordingFailed, "", err)
	}
	defer f.Close()
	return svc.AttachReader(ctx, reqID, name, f, r.Geometry.Info(), opt, progress)
}

// Name is the evidence name of a recording made at stamp (the dossier's
// clock, local time): "enregistrement-20260130-142501.avi".
func Name(stamp string, f Format) string {
	return "enregistrement-" + stamp + f.Ext()
}
