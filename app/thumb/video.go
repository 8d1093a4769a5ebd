package thumb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os/exec"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/record/avi"
)

// ErrNoVideoDecoder is the error for a video that only ffmpeg could read,
// on a machine without it.
var ErrNoVideoDecoder = errors.New("video thumbnail needs ffmpeg, which is not installed")

// ffmpegTimeout bounds the frame extraction by ffmpeg.
const ffmpegTimeout = 30 * time.Second

// maxFFmpegOutput bounds the PNG ffmpeg writes for one frame.
const maxFFmpegOutput = 64 << 20

// isVideo tells from the first bytes whether the content is a video: AVI,
// MP4/QuickTime (ISO base media), Matroska/WebM.
func isVideo(head []byte) bool {
	switch {
	case avi.IsAVI(head):
		return true
	case len(head) >= 8 && (string(head[4:8]) == "ftyp" || string(head[4:8]) == "moov" || string(head[4:8]) == "mdat"):
		return true
	case bytes.HasPrefix(head, []byte("\x1a\x45\xdf\xa3")):
		return true
	}
	return false
}

// decodeVideo makes the thumbnail of a video from one frame: the first
// of a Motion-JPEG AVI, read here (only the headers and that frame are
// read), or the first ffmpeg decodes from the content piped to it.
func decodeVideo(r io.Reader, head []byte, maxW, maxH int) (*image.RGBA, error) {
	if avi.IsAVI(head) {
		v, err := avi.NewReader(r)
		if err != nil {
			return nil, err
		}
		frame, err := v.Next()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("avi: no frame")
		}
		if err != nil {
			return nil, err
		}
		return Decode(bytes.NewReader(frame), maxW, maxH)
	}
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, ErrNoVideoDecoder
	}
	ctx, cancel := context.WithTimeout(context.Background(), ffmpegTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-hide_banner", "-loglevel", "error", "-i", "pipe:0",
		"-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1")
	cmd.Stdin = r
	var out, stderr bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &out, left: maxFFmpegOutput}
	cmd.Stderr = &limitedBuffer{buf: &stderr, left: 4 << 10}
	// ffmpeg stops reading once it has its frame: the copy of the rest
	// then fails, which is not an error of ours.
	if err := cmd.Run(); err != nil && out.Len() == 0 {
		return nil, fmt.Errorf("ffmpeg: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	if out.Len() == 0 {
		return nil, fmt.Errorf("ffmpeg: no frame: %s", bytes.TrimSpace(stderr.Bytes()))
	}
	return Decode(&out, maxW, maxH)
}

// limitedBuffer keeps at most left bytes and then fails.
type limitedBuffer struct {
	buf  *bytes.Buffer
	left int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if len(p) > l.left {
		return 0, errors.New("output too large")
	}
	l.left -= len(p)
	return l.buf.Write(p)
}

// Pictured reports the kinds of evidence whose thumbnail is a picture
// made by Decode: images, and videos (one of their frames).
func Pictured(k dossier.Kind) bool {
	return k == dossier.KindImage || k == dossier.KindVideo
}
