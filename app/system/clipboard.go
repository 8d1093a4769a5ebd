package system

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// Clip is what the clipboard offered, in the first form the application
// can use: an encoded image (PNG, JPEG, GIF, BMP…), a list of files, or a
// text. Types lists every form the clipboard offered (for a message when
// none suits).
type Clip struct {
	Image []byte
	Files []string
	Text  string
	Types []string
}

// Empty reports whether the clip holds nothing usable.
func (c Clip) Empty() bool { return len(c.Image) == 0 && len(c.Files) == 0 && c.Text == "" }

// ErrNoClipboardReader reports a platform or session where ReadClipboard
// cannot read the clipboard (not Linux, no X display): the caller falls
// back to the toolkit's text clipboard.
var ErrNoClipboardReader = errors.New("no clipboard reader on this platform")

// ClipLimits bounds what ReadClipboard reads.
type ClipLimits struct {
	Image int64 // bytes of an encoded image
	Text  int64 // bytes of a text or a list of files
}

// fileList reads a text/uri-list (RFC 2483: one URI a line, # comments)
// into local paths; false when one of its lines is not a local file URI.
func fileList(s string) ([]string, bool) {
	var paths []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") || u.Path == "" {
			return nil, false
		}
		paths = append(paths, filepath.FromSlash(u.Path))
	}
	return paths, len(paths) > 0
}

// String lists what the clip holds, for logs.
func (c Clip) String() string {
	return fmt.Sprintf("clip(image %d B, %d files, text %d B; %s)", len(c.Image), len(c.Files), len(c.Text), strings.Join(c.Types, ","))
}
