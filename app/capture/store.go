package capture

import (
	"context"
	"image"
	"io"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Store applies the edit to a grabbed image (annotations, masks, then
// crop: the unmasked pixels are never written) and streams it as PNG into
// the dossier as evidence of reqID, recording where on the desktop the
// kept pixels come from and the annotations drawn. The PNG is encoded
// while it is stored, never held whole.
func Store(ctx context.Context, svc *dossier.Service, reqID, name string, img image.Image, geo Geometry, edit Edit, opt dossier.AttachOptions) (dossier.Evidence, error) {
	return storeWith(img, edit, &opt, func(r io.Reader) (dossier.Evidence, error) {
		return svc.AttachReader(ctx, reqID, name, r, geo.Cropped(edit.Crop).Info(), opt, nil)
	})
}

// Replacement is an image proof opened again in the editor.
type Replacement struct {
	Old dossier.Evidence
	// Keep asks to keep the old proof beside the new one; it is ignored
	// when the edit masks anything (the unmasked image must not stay).
	Keep bool
}

// StoreReplacing applies the edit to img, the content of rep.Old, and
// stores the result in its place (see dossier.Service.ReplaceReader). The
// new proof lists the old one's annotations (moved by the crop) and then
// the new ones; its capture geometry is the old one's, cropped.
func StoreReplacing(ctx context.Context, svc *dossier.Service, rep Replacement, name string, img image.Image, edit Edit, opt dossier.AttachOptions) (dossier.Evidence, error) {
	var info *dossier.CaptureInfo
	if g := rep.Old.Capture; g != nil {
		geo := Geometry{Display: g.Display, X: g.X, Y: g.Y, W: g.Width, H: g.Height}
		info = geo.Cropped(edit.Crop).Info()
	}
	keep := rep.Keep && len(edit.Redactions) == 0
	carried := Edit{Crop: edit.Crop, Annotations: rep.Old.Annotations}.Stored(img)
	return storeWith(img, edit, &opt, func(r io.Reader) (dossier.Evidence, error) {
		opt.Annotations = append(carried, opt.Annotations...)
		return svc.ReplaceReader(ctx, rep.Old.ID, name, r, info, opt, keep)
	})
}

// storeWith applies the edit, sets opt's annotations to those the result
// holds, and hands attach a reader of its PNG, encoded meanwhile.
func storeWith(img image.Image, edit Edit, opt *dossier.AttachOptions, attach func(io.Reader) (dossier.Evidence, error)) (dossier.Evidence, error) {
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
	ev, err := attach(pr)
	pr.CloseWithError(io.ErrClosedPipe) // unblocks the encoder if the store stopped early
	if eerr := <-encoded; err == nil && eerr != nil {
		err = eerr
	}
	return ev, err
}
