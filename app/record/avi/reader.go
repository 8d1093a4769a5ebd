// Package avi reads Motion-JPEG AVI files (the recordings app/record
// writes with github.com/icza/mjpeg, and those of other tools)
// sequentially, frame by frame, from any io.Reader: a thumbnail reads the
// header and the first frame only, a trim or a check streams the frames
// one at a time. It never holds more than one frame in memory and bounds
// every size it reads, so a hostile file ends with an error, not a panic
// or an allocation of its choosing.
package avi

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Bounds on what a file may make the reader allocate.
const (
	// MaxFrame is the largest frame read (a 4K JPEG is a few MiB).
	MaxFrame = 64 << 20
	// maxHeader bounds the hdrl list, which holds a few hundred bytes.
	maxHeader = 1 << 20
)

// ErrNotAVI is returned for content that is not a RIFF AVI file.
var ErrNotAVI = errors.New("avi: not an AVI file")

// IsAVI reports whether head (at least 12 bytes) starts an AVI file.
func IsAVI(head []byte) bool {
	return len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "AVI "
}

// Header is what the main AVI header (avih) says.
type Header struct {
	// Width and Height are the frame size in pixels.
	Width, Height int
	// FrameMicros is the duration of one frame in microseconds.
	FrameMicros int
	// Frames is the frame count the header announces; 0 in a file whose
	// writer did not finish (a recording interrupted by a crash).
	Frames int
}

// FPS is the frame rate the header announces (0 when unknown).
func (h Header) FPS() float64 {
	if h.FrameMicros <= 0 {
		return 0
	}
	return 1e6 / float64(h.FrameMicros)
}

// Reader yields the frames of an AVI file in order.
type Reader struct {
	Header
	r io.Reader
	// left is what remains of the movi list; -1 when its size is unknown
	// (0 in an unfinished file): read until the end of the file.
	left int64
}

// NewReader reads the file's headers up to the first frame.
func NewReader(r io.Reader) (*Reader, error) {
	var riff [12]byte
	if _, err := io.ReadFull(r, riff[:]); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotAVI, err)
	}
	if !IsAVI(riff[:]) {
		return nil, ErrNotAVI
	}
	a := &Reader{r: r}
	sawHeader := false
	for {
		id, size, err := a.chunk()
		if err != nil {
			return nil, fmt.Errorf("avi: before the frames: %w", noEOF(err))
		}
		if id != "LIST" {
			if err := a.skip(size); err != nil {
				return nil, err
			}
			continue
		}
		if size < 4 && size != 0 {
			return nil, errors.New("avi: LIST chunk too short")
		}
		var kind [4]byte
		if _, err := io.ReadFull(r, kind[:]); err != nil {
			return nil, fmt.Errorf("avi: %w", noEOF(err))
		}
		switch string(kind[:]) {
		case "hdrl":
			if size > maxHeader {
				return nil, fmt.Errorf("avi: header list of %d bytes", size)
			}
			body := make([]byte, size-4)
			if _, err := io.ReadFull(r, body); err != nil {
				return nil, fmt.Errorf("avi: header: %w", noEOF(err))
			}
			if err := a.parseHeader(body); err != nil {
				return nil, err
			}
			sawHeader = true
			if err := a.pad(size); err != nil {
				return nil, err
			}
		case "movi":
			if !sawHeader {
				return nil, errors.New("avi: frames before the header")
			}
			a.left = int64(size) - 4
			if size == 0 {
				a.left = -1
			}
			return a, nil
		default:
			if size < 4 {
				return nil, errors.New("avi: LIST chunk too short")
			}
			if err := a.skip(size - 4); err != nil {
				return nil, err
			}
		}
	}
}

// parseHeader reads avih, the first chunk of the hdrl list.
func (a *Reader) parseHeader(b []byte) error {
	if len(b) < 8+40 || string(b[:4]) != "avih" {
		return errors.New("avi: no main header")
	}
	h := b[8:]
	u := func(off int) int { return int(binary.LittleEndian.Uint32(h[off:])) }
	a.FrameMicros, a.Frames, a.Width, a.Height = u(0), u(16), u(32), u(36)
	if a.Width <= 0 || a.Height <= 0 || a.Width > 1<<15 || a.Height > 1<<15 {
		return fmt.Errorf("avi: frame size %d×%d", a.Width, a.Height)
	}
	return nil
}

// Next returns the next frame's data (a JPEG image for Motion-JPEG), or
// io.EOF after the last one. The slice is the caller's.
func (a *Reader) Next() ([]byte, error) {
	for a.left != 0 {
		if a.left > 0 && a.left < 8 {
			return nil, errors.New("avi: frame list ends inside a chunk header")
		}
		id, size, err := a.chunk()
		if err != nil {
			if a.left < 0 && errors.Is(err, io.EOF) {
				return nil, io.EOF // unfinished file: its frames end here
			}
			return nil, fmt.Errorf("avi: %w", noEOF(err))
		}
		a.use(8)
		if id == "LIST" { // 'rec ' groups: read their chunks in turn
			var kind [4]byte
			if _, err := io.ReadFull(a.r, kind[:]); err != nil {
				return nil, fmt.Errorf("avi: %w", noEOF(err))
			}
			a.use(4)
			continue
		}
		padded := int64(size) + int64(size%2)
		if a.left > 0 && padded > a.left+int64(size%2) {
			return nil, errors.New("avi: chunk larger than the frame list")
		}
		if len(id) == 4 && (id[2:] == "dc" || id[2:] == "db") {
			if size > MaxFrame {
				return nil, fmt.Errorf("avi: frame of %d bytes", size)
			}
			data := make([]byte, size)
			if _, err := io.ReadFull(a.r, data); err != nil {
				if a.left < 0 {
					return nil, io.EOF // the last frame was cut by the crash
				}
				return nil, fmt.Errorf("avi: frame: %w", noEOF(err))
			}
			if err := a.pad(size); err != nil && a.left >= 0 {
				return nil, err
			}
			a.use(padded)
			return data, nil
		}
		if err := a.skip(size); err != nil {
			return nil, err
		}
		a.use(padded)
	}
	return nil, io.EOF
}

// use counts n bytes of the movi list as read.
func (a *Reader) use(n int64) {
	if a.left > 0 {
		a.left = max(a.left-n, 0)
	}
}

// chunk reads a chunk header: its four-character code and size.
func (a *Reader) chunk() (string, uint32, error) {
	var h [8]byte
	if _, err := io.ReadFull(a.r, h[:]); err != nil {
		return "", 0, err
	}
	return string(h[:4]), binary.LittleEndian.Uint32(h[4:]), nil
}

// skip discards a chunk's body of size bytes and its padding.
func (a *Reader) skip(size uint32) error {
	n := int64(size) + int64(size%2)
	if m, err := io.CopyN(io.Discard, a.r, n); err != nil {
		return fmt.Errorf("avi: chunk cut short after %d of %d bytes: %w", m, n, noEOF(err))
	}
	return nil
}

// pad reads the padding byte that follows a chunk of odd size.
func (a *Reader) pad(size uint32) error {
	if size%2 == 0 {
		return nil
	}
	var b [1]byte
	_, err := io.ReadFull(a.r, b[:])
	return noEOF(err)
}

// noEOF turns an end of file in the middle of a structure into
// io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
