package export

import (
	"bytes"
	"image/jpeg"

	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// thumbnail decodes one image from the dossier (package thumb: streamed,
// bounded) and returns it downscaled to fit within limit×limit pixels, as
// JPEG. Only one image is decoded at a time; the caller keeps the small
// JPEG only.
func thumbnail(src Source, sha string, limit int) (data []byte, w, h int, err error) {
	rc, err := src.OpenContent(sha)
	if err != nil {
		return nil, 0, 0, err
	}
	defer rc.Close()
	img, err := thumb.Decode(rc, limit, limit)
	if err != nil {
		return nil, 0, 0, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 75}); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), img.Rect.Dx(), img.Rect.Dy(), nil
}
