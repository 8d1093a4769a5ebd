package record

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"sync/atomic"

	"github.com/icza/mjpeg"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// jpegQuality keeps screen text legible at a few hundred KiB a frame.
const jpegQuality = 80

// aviEncoder writes Motion-JPEG AVI through github.com/icza/mjpeg.
type aviEncoder struct {
	file *File
	w    mjpeg.AviWriter
	size atomic.Int64
}

// newAVI starts the AVI file v for frames of w×h at fps.
func newAVI(v *File, w, h, fps int) (*aviEncoder, error) {
	aw, err := mjpeg.New(v.Path, int32(w), int32(h), int32(fps))
	if err != nil {
		return nil, dossier.PathError(v.Path, err, true)
	}
	v.hold(v.Path + scratch.IndexSuffix)
	return &aviEncoder{file: v, w: aw}, nil
}

// Encode implements Encoder.
func (e *aviEncoder) Encode(img *image.RGBA, buf []byte) ([]byte, error) {
	b := bytes.NewBuffer(buf[:0])
	if err := jpeg.Encode(b, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, dossier.E(dossier.FaultRecordingFailed, "", err)
	}
	return b.Bytes(), nil
}

// Write implements Encoder.
func (e *aviEncoder) Write(frame []byte) error {
	if err := e.w.AddFrame(frame); err != nil {
		return aviError(e.file.Path, err)
	}
	e.size.Add(int64(len(frame)) + 8 + 16) // chunk header and index entry
	return nil
}

// Size implements Encoder.
func (e *aviEncoder) Size() int64 { return e.size.Load() }

// Close implements Encoder.
func (e *aviEncoder) Close() error {
	if err := e.w.Close(); err != nil {
		return aviError(e.file.Path, err)
	}
	return nil
}

// aviError classifies an error of the AVI writer: its 4 GB limit, or the
// file system's (a full disk).
func aviError(path string, err error) error {
	if errors.Is(err, mjpeg.ErrTooLarge) {
		return dossier.ED(dossier.FaultFileTooLarge, "enregistrement.avi", "4 Go", err)
	}
	// The user knows the file by the name it will have, not by its
	// temporary one.
	if e := dossier.PathError("enregistrement.avi", err, true); dossier.AsError(e).Fault != dossier.FaultUnwritable {
		return e
	}
	return dossier.E(dossier.FaultRecordingFailed, "", fmt.Errorf("avi %s: %w", path, err))
}
