//go:build windows

package record

import (
	"errors"
	"fmt"
	"image"
	"os"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The Win32 side of a recording, as the X11 one does it (x11_desktop.go):
// this process's windows are found by their process ID (EnumWindows,
// GetWindowThreadProcessId), so the package needs no handle from the
// toolkit; the control window is found by its title among them.

// StopKey is the global shortcut that stops a recording, as the user
// reads it (the same as under X11).
const StopKey = "Ctrl+Maj+F10"

var (
	user32                    = windows.NewLazySystemDLL("user32.dll")
	dwmapi                    = windows.NewLazySystemDLL("dwmapi.dll")
	procRegisterHotKey        = user32.NewProc("RegisterHotKey")
	procUnregisterHotKey      = user32.NewProc("UnregisterHotKey")
	procGetMessageW           = user32.NewProc("GetMessageW")
	procPostThreadMessageW    = user32.NewProc("PostThreadMessageW")
	procGetWindowRect         = user32.NewProc("GetWindowRect")
	procIsIconic              = user32.NewProc("IsIconic")
	procGetWindowTextW        = user32.NewProc("GetWindowTextW")
	procSetWindowPos          = user32.NewProc("SetWindowPos")
	procDwmGetWindowAttribute = dwmapi.NewProc("DwmGetWindowAttribute")

	// EnumWindows' callback, made once (Windows callbacks are a finite
	// resource); it fills enumFound under enumMu.
	enumWindowsCallback = windows.NewCallback(enumWindow)
	enumMu              sync.Mutex
	enumFound           []windows.HWND

	errNoWindow = errors.New("no window of this process with that title")
)

// Win32 constants.
const (
	modControl               = 0x0002
	modShift                 = 0x0004
	modNoRepeat              = 0x4000
	vkF10                    = 0x79
	wmHotKey                 = 0x0312
	wmQuit                   = 0x0012
	hwndTopmost              = ^uintptr(0) // (HWND)-1
	swpNoSize                = 0x0001
	swpNoMove                = 0x0002
	swpNoActivate            = 0x0010
	dwmwaExtendedFrameBounds = 9
	hotKeyID                 = 0x5e60 // any number, unique in this process
)

// msg is Win32's MSG.
type msg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
	private uint32
}

// GlobalKey calls onPress (on a goroutine of its own) each time StopKey is
// pressed, whichever window has the focus, until the returned stop is
// called (when it returns, the shortcut is released). The hot key belongs to a thread: a goroutine locked to its OS
// thread registers it and reads that thread's messages. It fails when
// another program holds that shortcut.
func GlobalKey(onPress func()) (stop func(), err error) {
	type started struct {
		tid uint32
		err error
	}
	ready, done := make(chan started, 1), make(chan struct{})
	go func() {
		defer close(done)
		// Never unlocked: the thread ends with the goroutine.
		runtime.LockOSThread()
		tid := windows.GetCurrentThreadId()
		if r, _, err := procRegisterHotKey.Call(0, hotKeyID, modControl|modShift|modNoRepeat, vkF10); r == 0 {
			ready <- started{err: fmt.Errorf("RegisterHotKey(%s): %w", StopKey, err)}
			return
		}
		defer procUnregisterHotKey.Call(0, hotKeyID)
		ready <- started{tid: tid}
		var m msg
		for {
			r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
			if r == 0 || int32(r) == -1 { // WM_QUIT, or an error
				return
			}
			if m.message == wmHotKey && m.wParam == hotKeyID {
				go onPress()
			}
		}
	}()
	s := <-ready
	if s.err != nil {
		return nil, s.err
	}
	var once sync.Once
	return func() {
		// Once it returns, the shortcut is free again.
		once.Do(func() { procPostThreadMessageW.Call(uintptr(s.tid), wmQuit, 0, 0) })
		<-done
	}, nil
}

// enumWindow is EnumWindows' callback: it keeps the top-level windows of
// this process.
func enumWindow(hwnd windows.HWND, _ uintptr) uintptr {
	var pid uint32
	if _, err := windows.GetWindowThreadProcessId(hwnd, &pid); err == nil && int(pid) == os.Getpid() {
		enumFound = append(enumFound, hwnd)
	}
	return 1 // go on
}

// processWindows lists this process's top-level windows.
func processWindows() []windows.HWND {
	enumMu.Lock()
	defer enumMu.Unlock()
	enumFound = nil
	windows.EnumWindows(enumWindowsCallback, nil)
	found := enumFound
	enumFound = nil
	return found
}

// ownWindows is where this process's visible windows are, in desktop
// coordinates (the screen's pixels: GLFW makes the process DPI-aware, as
// the capture is).
func ownWindows() []image.Rectangle {
	var own []image.Rectangle
	for _, w := range processWindows() {
		if !windows.IsWindowVisible(w) {
			continue
		}
		if r, _, _ := procIsIconic.Call(uintptr(w)); r != 0 {
			continue
		}
		if r, ok := windowRect(w); ok {
			own = append(own, r)
		}
	}
	return own
}

// windowRect is where w is on the screen: its visible frame as the
// desktop composes it, else its rectangle (which, since Windows 10,
// includes invisible resize borders a few pixels wide: a little more is
// painted black, never less).
func windowRect(w windows.HWND) (image.Rectangle, bool) {
	var r windows.Rect
	if dwmapi.Load() == nil {
		hr, _, _ := procDwmGetWindowAttribute.Call(uintptr(w), dwmwaExtendedFrameBounds, uintptr(unsafe.Pointer(&r)), unsafe.Sizeof(r))
		if hr == 0 && r.Right > r.Left && r.Bottom > r.Top {
			return image.Rect(int(r.Left), int(r.Top), int(r.Right), int(r.Bottom)), true
		}
	}
	if ok, _, _ := procGetWindowRect.Call(uintptr(w), uintptr(unsafe.Pointer(&r))); ok == 0 {
		return image.Rectangle{}, false
	}
	return image.Rect(int(r.Left), int(r.Top), int(r.Right), int(r.Bottom)), true
}

// windowTitled is this process's top-level window whose title is title.
func windowTitled(title string) (windows.HWND, bool) {
	for _, w := range processWindows() {
		var buf [256]uint16
		n, _, _ := procGetWindowTextW.Call(uintptr(w), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
		if windows.UTF16ToString(buf[:n]) == title {
			return w, true
		}
	}
	return 0, false
}

// keepAbove makes this process's window named title topmost
// (SetWindowPos with HWND_TOPMOST), without moving nor activating it.
func keepAbove(title string) error {
	w, ok := windowTitled(title)
	if !ok {
		return errNoWindow
	}
	if r, _, err := procSetWindowPos.Call(uintptr(w), hwndTopmost, 0, 0, 0, 0, swpNoMove|swpNoSize|swpNoActivate); r == 0 {
		return fmt.Errorf("SetWindowPos: %w", err)
	}
	return nil
}

// KeepAbove keeps this process's window named title above the others, in
// the background: the window may not exist yet, so it looks for it a few
// times. Errors are ignored: staying on top is a comfort.
func KeepAbove(title string) {
	go func() {
		for range 10 {
			if err := keepAbove(title); !errors.Is(err, errNoWindow) {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
}
