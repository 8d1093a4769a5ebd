//go:build !(linux || freebsd || openbsd || netbsd || windows)

package record

import (
	"errors"
	"image"
)

// StopKey is empty where no global shortcut is offered.
const StopKey = ""

// GlobalKey is not offered on this platform.
func GlobalKey(func()) (func(), error) { return nil, errors.ErrUnsupported }

// KeepAbove does nothing on this platform.
func KeepAbove(string) {}

// ownWindows is not known on this platform.
func ownWindows() []image.Rectangle { return nil }
