package capture

import (
	"context"
	"image"
	"io"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Store applies the edit to a grabbed image (masks, then crop: the
// unmasked pixels are never written) and streams it as PNG into the
// dossier as evidence of reqID, recording where on the desktop the kept
// pixels come from. The PNG is encoded while it is stored, never held whole.
func Store(ctx context.Context, svc *dossier.Service, reqID, name string, img image.Image, geo Geometry, edit Edit, opt dossier.AttachOptions) (dossier.Evidence, error) {
	out, err := Apply(img, edit)
	if err != nil {
		return dossier.Evidence{}, err
	}
	opt.Annotations = edit.Stored(img)
	pr, pw := io.Pipe()
	encoded := make(chan error, 1)
	go func() {
		err := EncodePNG(pw, out)
		pw.CloseWithError(err)
		encoded <- err
	}()
	ev, err := svc.AttachReader(ctx, reqID, name, pr, geo.Cropped(edit.Crop).Info(), opt, nil)
	pr.CloseWithError(io.ErrClosedPipe) // unblocks the encoder if the store stopped early
	if eerr := <-encoded; err == nil && eerr != nil {
		err = eerr
	}
	return ev, err
}
