//go:build windows

package record

import (
	"errors"
	"image"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// These run on Windows (or under Wine, with a display: see .ci/windows).

var (
	procCreateWindowExW  = user32.NewProc("CreateWindowExW")
	procDestroyWindow    = user32.NewProc("DestroyWindow")
	procUpdateWindow     = user32.NewProc("UpdateWindow")
	procGetWindowLongPtr = user32.NewProc("GetWindowLongPtrW")
	procKeybdEvent       = user32.NewProc("keybd_event")
	procDispatchMessageW = user32.NewProc("DispatchMessageW")
)

// window is a visible white popup window of this process at r, titled
// title, on a thread of its own that reads its messages, as the GUI's
// main thread does (a window belongs to the thread that made it; asking
// its title or moving it sends that thread a message).
type window struct {
	hwnd windows.HWND
	tid  uint32
	done chan struct{}
}

func showWindow(t *testing.T, title string, r image.Rectangle) *window {
	t.Helper()
	w := &window{done: make(chan struct{})}
	made := make(chan error, 1)
	go func() {
		defer close(w.done)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		w.tid = windows.GetCurrentThreadId()
		class, _ := windows.UTF16PtrFromString("STATIC")
		name, _ := windows.UTF16PtrFromString(title)
		const wsPopup, wsVisible, ssWhiteRect = 0x80000000, 0x10000000, 0x6
		h, _, err := procCreateWindowExW.Call(0, uintptr(unsafe.Pointer(class)), uintptr(unsafe.Pointer(name)),
			wsPopup|wsVisible|ssWhiteRect, uintptr(r.Min.X), uintptr(r.Min.Y), uintptr(r.Dx()), uintptr(r.Dy()), 0, 0, 0, 0)
		if h == 0 {
			made <- err
			return
		}
		w.hwnd = windows.HWND(h)
		procUpdateWindow.Call(h) // paints it now (WM_PAINT, sent)
		made <- nil
		var m msg
		for {
			if r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0); r == 0 || int32(r) == -1 {
				break
			}
			procDispatchMessageW.Call(uintptr(unsafe.Pointer(&m)))
		}
		procDestroyWindow.Call(h)
	}()
	if err := <-made; err != nil {
		t.Fatalf("CreateWindowEx: %v", err)
	}
	t.Cleanup(func() { procPostThreadMessageW.Call(uintptr(w.tid), wmQuit, 0, 0); <-w.done })
	return w
}

func TestWindowsOwnWindowsAndKeepAbove(t *testing.T) {
	r := image.Rect(100, 80, 300, 230)
	w := showWindow(t, "Enregistrement vidéo (test)", r)
	found := false
	for _, o := range ownWindows() {
		found = found || r.In(o) && o.Dx() < r.Dx()+40 // the frame, maybe with invisible borders
	}
	if !found {
		t.Errorf("own windows %v lack %v", ownWindows(), r)
	}
	if err := keepAbove("Enregistrement vidéo (test)"); err != nil {
		t.Fatal(err)
	}
	const gwlExStyle, wsExTopmost = ^uintptr(19), 0x8 // GWL_EXSTYLE = -20
	if ex, _, _ := procGetWindowLongPtr.Call(uintptr(w.hwnd), gwlExStyle); ex&wsExTopmost == 0 {
		t.Errorf("extended style %#x: not topmost", ex)
	}
	if err := keepAbove("Pas de fenêtre de ce nom"); !errors.Is(err, errNoWindow) {
		t.Errorf("unknown title: %v", err)
	}
}

// A real capture of the screen (github.com/kbinani/screenshot, GDI) has
// this process's window painted black, and only it.
func TestWindowsGrabPaintsOwnWindowBlack(t *testing.T) {
	r := image.Rect(120, 90, 260, 190)
	showWindow(t, "Fenêtre à masquer", r)
	region := image.Rect(100, 70, 300, 230)
	src, err := OpenScreen(region)
	if err != nil {
		t.Skipf("no screen to capture: %v", err)
	}
	defer src.Close()
	plain := *src.(*ScreenSource)
	plain.Own = nil
	with, without := image.NewRGBA(image.Rect(0, 0, 200, 160)), image.NewRGBA(image.Rect(0, 0, 200, 160))
	if err := src.Grab(with); err != nil {
		t.Fatal(err)
	}
	if err := plain.Grab(without); err != nil {
		t.Fatal(err)
	}
	mid := r.Min.Add(r.Size().Div(2)).Sub(region.Min)
	if c := without.RGBAAt(mid.X, mid.Y); c.R < 0x80 || c.G < 0x80 || c.B < 0x80 {
		t.Fatalf("the window is not on the capture (%v at its middle): nothing to check", c)
	}
	in := r.Sub(region.Min)
	for y := range 160 {
		for x := range 200 {
			p := image.Pt(x, y)
			got, plain := with.RGBAAt(x, y), without.RGBAAt(x, y)
			switch {
			case p.In(in) && (got.R|got.G|got.B) != 0:
				t.Fatalf("pixel %v of the window is %v, not black", p, got)
			case !p.In(in.Inset(-12)) && got != plain:
				t.Fatalf("pixel %v outside the window changed: %v, was %v", p, got, plain)
			}
		}
	}
}

// The stop shortcut is registered once for the process, pressed (as the
// keyboard would, through the input queue) it calls onPress, and once
// stopped it is free again.
func TestWindowsGlobalKey(t *testing.T) {
	pressed := make(chan struct{}, 4)
	stop, err := GlobalKey(func() { pressed <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	if again, err := GlobalKey(func() {}); err == nil {
		again()
		t.Error("the shortcut was registered twice")
	}
	const vkControl, vkShift, keyUp = 0x11, 0x10, 0x2
	for _, k := range []uintptr{vkControl, vkShift, vkF10} {
		procKeybdEvent.Call(k, 0, 0, 0)
	}
	for _, k := range []uintptr{vkF10, vkShift, vkControl} {
		procKeybdEvent.Call(k, 0, keyUp, 0)
	}
	select {
	case <-pressed:
	case <-time.After(5 * time.Second):
		t.Error("Ctrl+Maj+F10 pressed: no call in 5 s")
	}
	stop()
	stop() // twice is harmless
	stop2, err := GlobalKey(func() {})
	if err != nil {
		t.Fatalf("after stop, the shortcut is still taken: %v", err)
	}
	stop2()
}
