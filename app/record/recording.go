package record

import (
	"fmt"
	"image"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Setup says what to record and where to write it.
type Setup struct {
	// Dir is the folder of the temporary video file: the dossier's, so
	// that the sweep at its next opening removes what a crash left.
	Dir string
	// Format is the file's format (Best, usually).
	Format Format
	// Options.Masks are widened to the Grid (AlignMasks).
	//
	// Geometry is the recorded region in desktop coordinates and the
	// display it belongs to (capture.AllDisplays for a free region).
	Geometry capture.Geometry
	Options
}

// Recording is a recording under way, or ended, and its file.
type Recording struct {
	*Session
	File     *File
	Geometry capture.Geometry
	FPS      int
}

// Begin starts recording src into a new temporary file of s.Format.
func Begin(src Source, s Setup) (*Recording, error) {
	if s.FPS < 1 || s.FPS > MaxFPS {
		return nil, dossier.ED(dossier.FaultBadOptionValue, "--fps", fmt.Sprint(s.FPS), nil)
	}
	size := image.Pt(s.Geometry.W, s.Geometry.H)
	f, err := newFile(s.Dir, s.Format)
	if err != nil {
		return nil, dossier.PathError(s.Dir, err, true)
	}
	var enc Encoder
	if s.Format == MP4 {
		enc, err = newMP4(f, size.X, size.Y, s.FPS)
	} else {
		enc, err = newAVI(f, size.X, size.Y, s.FPS)
	}
	if err != nil {
		f.Remove()
		return nil, err
	}
	s.Masks = AlignMasks(s.Masks, size)
	return &Recording{Session: Start(src, enc, size, s.Options), File: f, Geometry: s.Geometry, FPS: s.FPS}, nil
}

// Finish waits for the end of the recording. On error the file is
// removed and nothing is left behind; else the caller owns the file
// (trim it, store it, then Remove it).
func (r *Recording) Finish() (Stats, error) {
	st, err := r.Wait()
	if err == nil && st.Frames == 0 {
		err = dossier.E(dossier.FaultNoFrames, "", nil)
	}
	if err != nil {
		r.File.Remove()
		return st, err
	}
	return st, nil
}
