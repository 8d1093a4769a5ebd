//go:build !linux && !windows

package system

import "context"

// ReadClipboard has no reader on this platform: the caller falls back to
// the toolkit's text clipboard.
func ReadClipboard(context.Context, ClipLimits) (Clip, error) {
	return Clip{}, ErrNoClipboardReader
}
