package record

import (
	"os"
	"os/exec"
	"path/filepath"

	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// Format is a video file's format.
type Format int

// The formats a recording is written in.
const (
	// AVI is Motion-JPEG in AVI, written in Go: always available.
	AVI Format = iota
	// MP4 is H.264 in MP4, written by ffmpeg when it is installed.
	MP4
)

// Ext is the file name extension of the format, with its dot.
func (f Format) Ext() string {
	if f == MP4 {
		return ".mp4"
	}
	return ".avi"
}

// FFmpeg is the path of the ffmpeg program, or "" when it is not
// installed.
func FFmpeg() string {
	p, err := exec.LookPath("ffmpeg")
	if err != nil {
		return ""
	}
	return p
}

// Best is the best format this machine can write: MP4 when ffmpeg is
// installed, else AVI.
func Best() Format {
	if FFmpeg() != "" {
		return MP4
	}
	return AVI
}

// File is a video file being written or trimmed: a temporary file of
// package scratch in the dossier's folder, held while it is open so that
// no sweep removes it, and removed by the next sweep if the process dies.
type File struct {
	Path   string
	Format Format
	held   []*os.File
}

// newFile makes an empty temporary video file in dir.
func newFile(dir string, f Format) (*File, error) {
	scratch.Sweep(dir)
	h, err := scratch.Create(dir, "enregistrement"+f.Ext())
	if err != nil {
		return nil, err
	}
	return &File{Path: h.Name(), Format: f, held: []*os.File{h}}, nil
}

// hold keeps path (a file a library made beside ours) held too.
func (v *File) hold(path string) {
	if h, err := scratch.Hold(path); err == nil {
		v.held = append(v.held, h)
	}
}

// Remove deletes the file (and whatever a library kept beside it) and
// lets go of it.
func (v *File) Remove() {
	if v == nil {
		return
	}
	for _, h := range v.held {
		name := h.Name()
		h.Close()
		os.Remove(name)
	}
	v.held = nil
	os.Remove(v.Path)
}

// Dir is the folder holding the file.
func (v *File) Dir() string { return filepath.Dir(v.Path) }
