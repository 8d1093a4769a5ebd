package record

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/record/avi"
)

// Trim keeps the frames from..to-1 of v, a recording of frames frames at
// fps: it returns v itself when that is all of it, else a new temporary
// file (v is left as it is; the caller removes both when done). An MP4 is
// cut by ffmpeg without encoding again, on the keyframe written every
// second, so its cut may start up to a second earlier.
func Trim(ctx context.Context, v *File, fps, frames, from, to int) (*File, error) {
	if from < 0 || to > frames || from >= to {
		return nil, dossier.ED(dossier.FaultBadTrim, strconv.Itoa(from), strconv.Itoa(to),
			fmt.Errorf("trim %d..%d of %d frames", from, to, frames))
	}
	if from == 0 && to == frames {
		return v, nil
	}
	dst, err := newFile(v.Dir(), v.Format)
	if err != nil {
		return nil, dossier.PathError(v.Dir(), err, true)
	}
	if v.Format == MP4 {
		err = trimMP4(ctx, v, dst, fps, from, to)
	} else {
		err = trimAVI(ctx, v, dst, fps, from, to)
	}
	if err != nil {
		dst.Remove()
		return nil, err
	}
	return dst, nil
}

// trimAVI copies the JPEG frames kept, without decoding them.
func trimAVI(ctx context.Context, v, dst *File, fps, from, to int) error {
	f, err := os.Open(v.Path)
	if err != nil {
		return dossier.E(dossier.FaultRecordingFailed, "", err)
	}
	defer f.Close()
	r, err := avi.NewReader(f)
	if err != nil {
		return dossier.E(dossier.FaultBadVideo, "", err)
	}
	enc, err := newAVI(dst, r.Width, r.Height, fps)
	if err != nil {
		return err
	}
	for i := 0; i < to; i++ {
		frame, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			enc.Close()
			return dossier.E(dossier.FaultBadVideo, "", err)
		}
		if i < from {
			continue
		}
		if err := enc.Write(frame); err != nil {
			enc.Close()
			return err
		}
	}
	return enc.Close()
}

// trimMP4 has ffmpeg copy the part kept.
func trimMP4(ctx context.Context, v, dst *File, fps, from, to int) error {
	bin := FFmpeg()
	if bin == "" {
		return dossier.E(dossier.FaultRecordingFailed, "", exec.ErrNotFound)
	}
	sec := func(frames int) string { return strconv.FormatFloat(float64(frames)/float64(fps), 'f', 3, 64) }
	cmd := exec.CommandContext(ctx, bin, "-hide_banner", "-loglevel", "error", "-y",
		"-ss", sec(from), "-i", v.Path, "-t", sec(to-from), "-c", "copy",
		"-movflags", "+faststart", "-f", "mp4", dst.Path)
	stderr := &tailBuffer{max: 4 << 10}
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return ffmpegError(dst.Dir(), stderr.String(), err)
	}
	return nil
}
