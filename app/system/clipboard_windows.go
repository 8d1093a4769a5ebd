//go:build windows

package system

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var (
	user32                       = windows.NewLazySystemDLL("user32.dll")
	kernel32                     = windows.NewLazySystemDLL("kernel32.dll")
	shell32                      = windows.NewLazySystemDLL("shell32.dll")
	procOpenClipboard            = user32.NewProc("OpenClipboard")
	procCloseClipboard           = user32.NewProc("CloseClipboard")
	procIsClipboardFormatAvail   = user32.NewProc("IsClipboardFormatAvailable")
	procGetClipboardData         = user32.NewProc("GetClipboardData")
	procEnumClipboardFormats     = user32.NewProc("EnumClipboardFormats")
	procGetClipboardFormatNameW  = user32.NewProc("GetClipboardFormatNameW")
	procRegisterClipboardFormatW = user32.NewProc("RegisterClipboardFormatW")
	procGlobalLock               = kernel32.NewProc("GlobalLock")
	procGlobalUnlock             = kernel32.NewProc("GlobalUnlock")
	procGlobalSize               = kernel32.NewProc("GlobalSize")
	procDragQueryFileW           = shell32.NewProc("DragQueryFileW")
)

// Standard clipboard formats.
const (
	cfDIB         = 8
	cfUnicodeText = 13
	cfHDrop       = 15
	cfDIBV5       = 17
)

// standardFormats names the standard formats, for Clip.Types.
var standardFormats = map[uint32]string{1: "CF_TEXT", 2: "CF_BITMAP", 3: "CF_METAFILEPICT", 7: "CF_OEMTEXT",
	cfDIB: "CF_DIB", cfUnicodeText: "CF_UNICODETEXT", 14: "CF_ENHMETAFILE", cfHDrop: "CF_HDROP", 16: "CF_LOCALE", cfDIBV5: "CF_DIBV5"}

// Registered formats of encoded images, in order of preference: before
// the DIBs (lossless, with alpha) and after them (lossy or paletted).
var (
	pngFormats   = []string{"PNG", "image/png"}
	otherFormats = []string{"JFIF", "image/jpeg", "GIF", "image/gif"}
)

// Opening the clipboard is retried this long: another program may hold
// it open for a moment (clipboard managers do, right after a copy).
const (
	openTries = 20
	openPause = 25 * time.Millisecond
)

// ReadClipboard reads the Windows clipboard: an encoded image (registered
// format "PNG"), else a bitmap (CF_DIBV5, CF_DIB: turned into a BMP),
// else a JPEG or GIF, else a list of files (CF_HDROP, as copied in the
// Explorer), else a text (CF_UNICODETEXT). Content beyond the limits is
// refused with FaultClipboardTooLarge before it is copied; a clipboard
// another program keeps open, or whose owner does not render within ctx's
// deadline, gives FaultClipboardUnavailable.
func ReadClipboard(ctx context.Context, lim ClipLimits) (Clip, error) {
	type result struct {
		clip Clip
		err  error
	}
	done := make(chan result, 1)
	go func() {
		// The clipboard is opened by a thread, and must be closed by it.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		clip, err := readClipboard(ctx, lim)
		done <- result{clip, err}
	}()
	select {
	case r := <-done:
		return r.clip, r.err
	case <-ctx.Done(): // an owner slow to render: it closes when it is done
		return Clip{}, dossier.E(dossier.FaultClipboardUnavailable, "", ctx.Err())
	}
}

func readClipboard(ctx context.Context, lim ClipLimits) (Clip, error) {
	if err := openClipboard(ctx); err != nil {
		return Clip{}, err
	}
	defer procCloseClipboard.Call()
	clip := Clip{Types: clipboardTypes()}
	if len(clip.Types) == 0 {
		return clip, dossier.E(dossier.FaultClipboardEmpty, "", nil)
	}
	var err error
	if f := firstAvailable(pngFormats); f != 0 {
		clip.Image, err = globalBytes(f, lim.Image)
		return clip, err
	}
	for _, f := range []uint32{cfDIBV5, cfDIB} {
		if available(f) {
			dib, err := globalBytes(f, lim.Image)
			if err == nil {
				clip.Image, err = bmpFromDIB(dib)
			}
			return clip, err
		}
	}
	if f := firstAvailable(otherFormats); f != 0 {
		clip.Image, err = globalBytes(f, lim.Image)
		return clip, err
	}
	if available(cfHDrop) {
		clip.Files, err = droppedFiles(lim.Text)
		return clip, err
	}
	if available(cfUnicodeText) {
		clip.Text, err = unicodeText(lim.Text)
	}
	return clip, err
}

// openClipboard opens the clipboard for this thread, trying again while
// another program holds it.
func openClipboard(ctx context.Context) error {
	var err error
	for range openTries {
		var r uintptr
		if r, _, err = procOpenClipboard.Call(0); r != 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return dossier.E(dossier.FaultClipboardUnavailable, "", ctx.Err())
		case <-time.After(openPause):
		}
	}
	return dossier.E(dossier.FaultClipboardUnavailable, "", fmt.Errorf("OpenClipboard: %w", err))
}

func available(format uint32) bool {
	r, _, _ := procIsClipboardFormatAvail.Call(uintptr(format))
	return r != 0
}

// firstAvailable is the first of the registered formats names the
// clipboard holds, or 0.
func firstAvailable(names []string) uint32 {
	for _, n := range names {
		p, err := windows.UTF16PtrFromString(n)
		if err != nil {
			continue
		}
		if f, _, _ := procRegisterClipboardFormatW.Call(uintptr(unsafe.Pointer(p))); f != 0 && available(uint32(f)) {
			return uint32(f)
		}
	}
	return 0
}

// clipboardTypes names the formats the clipboard holds, in its order.
func clipboardTypes() []string {
	var names []string
	for f := uintptr(0); ; {
		f, _, _ = procEnumClipboardFormats.Call(f)
		if f == 0 {
			return names
		}
		names = append(names, formatName(uint32(f)))
	}
}

func formatName(f uint32) string {
	if n, ok := standardFormats[f]; ok {
		return n
	}
	var buf [256]uint16
	if n, _, _ := procGetClipboardFormatNameW.Call(uintptr(f), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf))); n > 0 {
		return windows.UTF16ToString(buf[:n])
	}
	return "format " + strconv.FormatUint(uint64(f), 10)
}

// clipboardHandle is the clipboard's memory for format.
func clipboardHandle(format uint32) (uintptr, error) {
	h, _, err := procGetClipboardData.Call(uintptr(format))
	if h == 0 {
		return 0, dossier.E(dossier.FaultClipboardUnavailable, "", fmt.Errorf("GetClipboardData(%s): %w", formatName(format), err))
	}
	return h, nil
}

func tooLarge(format uint32, limit int64) error {
	return dossier.ED(dossier.FaultClipboardTooLarge, formatName(format), strconv.FormatInt(limit, 10), nil)
}

// globalBytes copies the clipboard's content in format, refused when it
// is larger than limit bytes.
func globalBytes(format uint32, limit int64) ([]byte, error) {
	h, err := clipboardHandle(format)
	if err != nil {
		return nil, err
	}
	size, _, _ := procGlobalSize.Call(h)
	if int64(size) > limit {
		return nil, tooLarge(format, limit)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		return nil, dossier.E(dossier.FaultClipboardUnavailable, "", fmt.Errorf("GlobalLock: %w", err))
	}
	defer procGlobalUnlock.Call(h)
	return append([]byte(nil), unsafe.Slice((*byte)(globalPointer(p)), size)...), nil
}

// droppedFiles is the list of files of CF_HDROP (at most limit bytes of
// names).
func droppedFiles(limit int64) ([]string, error) {
	h, err := clipboardHandle(cfHDrop)
	if err != nil {
		return nil, err
	}
	if size, _, _ := procGlobalSize.Call(h); int64(size) > limit {
		return nil, tooLarge(cfHDrop, limit)
	}
	n, _, _ := procDragQueryFileW.Call(h, 0xFFFFFFFF, 0, 0)
	var files []string
	for i := range n {
		l, _, _ := procDragQueryFileW.Call(h, i, 0, 0)
		if l == 0 {
			continue
		}
		buf := make([]uint16, l+1)
		if got, _, _ := procDragQueryFileW.Call(h, i, uintptr(unsafe.Pointer(&buf[0])), l+1); got > 0 {
			files = append(files, windows.UTF16ToString(buf[:got]))
		}
	}
	if len(files) == 0 {
		return nil, dossier.E(dossier.FaultClipboardEmpty, "", errors.New("CF_HDROP without files"))
	}
	return files, nil
}

// unicodeText is the clipboard's CF_UNICODETEXT, at most limit bytes once
// in UTF-8.
func unicodeText(limit int64) (string, error) {
	h, err := clipboardHandle(cfUnicodeText)
	if err != nil {
		return "", err
	}
	size, _, _ := procGlobalSize.Call(h)
	if int64(size/2) > limit { // each UTF-16 unit is at least one UTF-8 byte
		return "", tooLarge(cfUnicodeText, limit)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		return "", dossier.E(dossier.FaultClipboardUnavailable, "", fmt.Errorf("GlobalLock: %w", err))
	}
	defer procGlobalUnlock.Call(h)
	text := windows.UTF16ToString(unsafe.Slice((*uint16)(globalPointer(p)), size/2))
	if int64(len(text)) > limit {
		return "", tooLarge(cfUnicodeText, limit)
	}
	return text, nil
}

// globalPointer is the address GlobalLock returned, as a pointer: memory
// Windows owns, outside Go's heap, valid until GlobalUnlock. (Converted
// through memory so that go vet does not take it for a Go pointer kept in
// a uintptr.)
func globalPointer(p uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&p))
}
