package thumb

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os/exec"
	"strconv"
	"time"

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

// VideoFrame is the frame shown at the time at of the video r yields,
// scaled down to fit maxW×maxH; the last frame when at is past the end
// of a Motion-JPEG AVI.
func VideoFrame(r io.Reader, at time.Duration, maxW, maxH int) (*image.RGBA, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(12)
	if !isVideo(head) {
		return nil, errors.New("not a video")
	}
	return decodeVideo(br, head, at, maxW, maxH)
}

// decodeVideo makes the thumbnail of a video from its frame at the time
// at: read here from a Motion-JPEG AVI (the headers and the frames up to
// that one: for a thumbnail, the first frame only), or the one ffmpeg
// decodes from the content piped to it.
func decodeVideo(r io.Reader, head []byte, at time.Duration, maxW, maxH int) (*image.RGBA, error) {
	if avi.IsAVI(head) {
		v, err := avi.NewReader(r)
		if err != nil {
			return nil, err
		}
		skip := int(at.Seconds() * v.FPS())
		var frame []byte
		for i := 0; i <= skip; i++ {
			next, err := v.Next()
			if errors.Is(err, io.EOF) && frame != nil {
				break
			}
			if errors.Is(err, io.EOF) {
				return nil, errors.New("avi: no frame")
			}
			if err != nil {
				return nil, err
			}
			frame = next
		}
		return Decode(bytes.NewReader(frame), maxW, maxH)
	}
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, ErrNoVideoDecoder
	}
	ctx, cancel := context.WithTimeout(context.Background(), ffmpegTimeout)
	defer cancel()
	args := []string{"-hide_banner", "-loglevel", "error"}
	if at > 0 {
		args = append(args, "-ss", strconv.FormatFloat(at.Seconds(), 'f', 3, 64))
	}
	args = append(args, "-i", "pipe:0", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1")
	cmd := exec.CommandContext(ctx, bin, args...)
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
