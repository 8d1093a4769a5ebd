package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// thumbDisk keeps the previews on disk, by SHA-256, so that a requirement
// seen before (even before a restart) shows its thumbnails at once instead
// of decoding its images again: a PNG for an image, a .txt for the first
// lines of a text, an empty .txt for content with no preview. An empty dir
// keeps nothing.
type thumbDisk struct {
	dir string
}

// defaultThumbDir is the preview cache folder in the user's cache folder,
// named after the thumbnails' size so that a size change starts afresh
// (v2: PDF pages and e-mail headers, which v1 kept as text or nothing).
func defaultThumbDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "dossier-segur", "apercus-v2-240x150")
}

// previewOf is the preview of ev: from the disk cache, or made from the
// content and then cached.
func (d thumbDisk) previewOf(ctx context.Context, svc *dossier.Service, ev dossier.Evidence) preview {
	if pv, ok := d.load(ev); ok {
		return pv
	}
	pv, err := makePreview(ctx, svc, ev)
	if err != nil {
		log.Printf("preview of evidence %d (%s): %v", ev.ID, ev.Name, err)
		if ctx.Err() != nil || errors.Is(err, thumb.ErrEngine) {
			return pv // not the content's fault: tried again when shown again
		}
	}
	d.save(ev, pv)
	return pv
}

// makePreview streams ev's content to package thumb's thumbnailer, at
// twice the card's size for HiDPI screens.
func makePreview(ctx context.Context, svc *dossier.Service, ev dossier.Evidence) (preview, error) {
	rc, err := svc.OpenContent(ev.SHA256)
	if err != nil {
		return preview{Kind: ev.Kind}, err
	}
	defer rc.Close()
	return thumb.Make(ctx, ev.Kind, dossier.CancelReader(ctx, rc), ev.Size, 2*thumbW, 2*thumbH)
}

// path is where the preview of ev is cached; "" when nothing is cached.
func (d thumbDisk) path(ev dossier.Evidence) string {
	if d.dir == "" || len(ev.SHA256) != 64 {
		return ""
	}
	ext := ".txt"
	if thumb.Pictured(ev.Kind) {
		ext = ".png"
	}
	return filepath.Join(d.dir, ev.SHA256[:2], ev.SHA256+ext)
}

func (d thumbDisk) load(ev dossier.Evidence) (preview, bool) {
	p := d.path(ev)
	if p == "" {
		return preview{}, false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return preview{}, false
	}
	if !thumb.Pictured(ev.Kind) || len(b) == 0 {
		return preview{Kind: ev.Kind, Text: string(b)}, true
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return preview{}, false
	}
	return preview{Kind: ev.Kind, Image: img}, true
}

// save writes the preview under a temporary name then renames it, so a
// reader never sees half a file.
func (d thumbDisk) save(ev dossier.Evidence, pv preview) {
	p := d.path(ev)
	if p == "" {
		return
	}
	var buf bytes.Buffer
	switch {
	case pv.Image != nil:
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, pv.Image); err != nil {
			return
		}
	default:
		buf.WriteString(pv.Text)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		log.Printf("preview cache: %v", err)
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".apercu-*")
	if err != nil {
		log.Printf("preview cache: %v", err)
		return
	}
	_, err = tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		log.Printf("preview cache: %v", err)
	}
}

// imageOf is for tests: the cached image of ev, if any.
func (d thumbDisk) imageOf(ev dossier.Evidence) image.Image {
	pv, _ := d.load(ev)
	return pv.Image
}
