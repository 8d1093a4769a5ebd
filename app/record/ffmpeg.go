package record

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// mp4Encoder pipes raw frames to ffmpeg, which writes H.264 MP4.
type mp4Encoder struct {
	file   *File
	w, h   int
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *tailBuffer
	once   sync.Once
	err    error
}

// newMP4 starts ffmpeg writing the MP4 file v for frames of w×h at fps.
// A keyframe every second lets Trim cut without encoding again.
func newMP4(v *File, w, h, fps int) (*mp4Encoder, error) {
	bin := FFmpeg()
	if bin == "" {
		return nil, dossier.E(dossier.FaultRecordingFailed, "", exec.ErrNotFound)
	}
	rate := strconv.Itoa(fps)
	cmd := exec.Command(bin, "-hide_banner", "-loglevel", "error", "-y",
		"-f", "rawvideo", "-pix_fmt", "rgba", "-s", fmt.Sprintf("%dx%d", w, h), "-r", rate, "-i", "pipe:0",
		"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23",
		"-g", rate, "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", v.Path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, dossier.E(dossier.FaultRecordingFailed, "", err)
	}
	e := &mp4Encoder{file: v, w: w, h: h, cmd: cmd, stdin: stdin, stderr: &tailBuffer{max: 4 << 10}}
	cmd.Stderr = e.stderr
	if err := cmd.Start(); err != nil {
		return nil, dossier.E(dossier.FaultRecordingFailed, "", err)
	}
	return e, nil
}

// Encode implements Encoder: the frame's pixels, row after row.
func (e *mp4Encoder) Encode(img *image.RGBA, buf []byte) ([]byte, error) {
	row := img.Rect.Dx() * 4
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		i := img.PixOffset(img.Rect.Min.X, y)
		buf = append(buf, img.Pix[i:i+row]...)
	}
	return buf, nil
}

// Write implements Encoder.
func (e *mp4Encoder) Write(frame []byte) error {
	if _, err := e.stdin.Write(frame); err != nil {
		return e.finish(err)
	}
	return nil
}

// Size implements Encoder.
func (e *mp4Encoder) Size() int64 {
	fi, err := os.Stat(e.file.Path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// Close implements Encoder.
func (e *mp4Encoder) Close() error { return e.finish(nil) }

// finish closes ffmpeg's input and waits for it, once; cause is what
// made the recording stop early, if anything.
func (e *mp4Encoder) finish(cause error) error {
	e.once.Do(func() {
		e.stdin.Close()
		err := e.cmd.Wait()
		if err == nil && cause == nil {
			return
		}
		if err == nil {
			err = cause
		}
		e.err = ffmpegError(e.file.Dir(), e.stderr.String(), err)
	})
	return e.err
}

// ffmpegError classifies ffmpeg's failure: a full disk (what ffmpeg says,
// or the room left), else an encoding failure.
func ffmpegError(dir, stderr string, err error) error {
	full := bytes.Contains([]byte(stderr), []byte("No space left"))
	if free, ferr := scratch.FreeSpace(dir); ferr == nil && free < 1<<20 {
		full = true
	}
	cause := fmt.Errorf("ffmpeg: %w: %s", err, stderr)
	if full {
		return dossier.E(dossier.FaultDiskFull, "enregistrement.mp4", cause)
	}
	return dossier.E(dossier.FaultRecordingFailed, "", cause)
}

// tailBuffer keeps the last max bytes written to it (ffmpeg's messages,
// for the log).
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
