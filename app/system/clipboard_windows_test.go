//go:build windows

package system

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"slices"
	"testing"
	"time"
	"unicode/utf16"
	"unsafe"

	"golang.org/x/image/bmp"
	"golang.org/x/sys/windows"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// These run on Windows (or under Wine: see .ci/windows). Each puts data
// on the real clipboard as a program copying would (SetClipboardData) and
// reads it back through ReadClipboard.

var (
	procEmptyClipboard   = user32.NewProc("EmptyClipboard")
	procSetClipboardData = user32.NewProc("SetClipboardData")
	procCreateWindowExW  = user32.NewProc("CreateWindowExW")
	procDestroyWindow    = user32.NewProc("DestroyWindow")
	procGlobalAlloc      = kernel32.NewProc("GlobalAlloc")
)

// setClipboard empties the clipboard and puts each content in its
// format, from a hidden window of its own (the clipboard's owner).
func setClipboard(t *testing.T, contents map[uint32][]byte) {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	w, err := hiddenWindow()
	if err != nil {
		t.Fatal(err)
	}
	defer procDestroyWindow.Call(w)
	if r, _, err := procOpenClipboard.Call(w); r == 0 {
		t.Fatalf("OpenClipboard: %v", err)
	}
	defer procCloseClipboard.Call()
	if r, _, err := procEmptyClipboard.Call(); r == 0 {
		t.Fatalf("EmptyClipboard: %v", err)
	}
	for format, data := range contents {
		const gmemMoveable = 2
		h, _, err := procGlobalAlloc.Call(gmemMoveable, uintptr(max(len(data), 1)))
		if h == 0 {
			t.Fatalf("GlobalAlloc: %v", err)
		}
		p, _, _ := procGlobalLock.Call(h)
		copy(unsafe.Slice((*byte)(globalPointer(p)), len(data)), data)
		procGlobalUnlock.Call(h)
		if r, _, err := procSetClipboardData.Call(uintptr(format), h); r == 0 {
			t.Fatalf("SetClipboardData(%s): %v", formatName(format), err)
		}
	}
}

// hiddenWindow makes a message-only window on this (locked) thread.
func hiddenWindow() (uintptr, error) {
	class, _ := windows.UTF16PtrFromString("STATIC")
	const hwndMessage = ^uintptr(2) // HWND_MESSAGE, (HWND)-3
	w, _, err := procCreateWindowExW.Call(0, uintptr(unsafe.Pointer(class)), 0, 0, 0, 0, 0, 0, hwndMessage, 0, 0, 0)
	if w == 0 {
		return 0, fmt.Errorf("CreateWindowEx: %w", err)
	}
	return w, nil
}

func registered(t *testing.T, name string) uint32 {
	t.Helper()
	p, _ := windows.UTF16PtrFromString(name)
	f, _, err := procRegisterClipboardFormatW.Call(uintptr(unsafe.Pointer(p)))
	if f == 0 {
		t.Fatalf("RegisterClipboardFormat(%s): %v", name, err)
	}
	return uint32(f)
}

func readBack(t *testing.T, lim ClipLimits) (Clip, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return ReadClipboard(ctx, lim)
}

var roomy = ClipLimits{Image: 1 << 20, Text: 1 << 20}

// A bitmap copied as CF_DIB (32 bits, BI_BITFIELDS, top-down) comes back
// as a BMP with the same pixels, whichever DIB form Windows serves.
func TestClipboardBitmap(t *testing.T) {
	dib := dibSpec{header: 40, w: 2, h: -2, bpp: 32, compression: biBitfields,
		masks: []uint32{0xff0000, 0xff00, 0xff}, rows: [][]byte{
			{0, 0, 0xff, 0, 0, 0xff, 0, 0},
			{0xff, 0, 0, 0, 0xff, 0xff, 0xff, 0},
		}}.bytes()
	setClipboard(t, map[uint32][]byte{cfDIB: dib})
	clip, err := readBack(t, roomy)
	if err != nil {
		t.Fatalf("%v (%v)", err, clip)
	}
	img, err := bmp.Decode(bytes.NewReader(clip.Image))
	if err != nil {
		t.Fatalf("%v: %v", clip, err)
	}
	wantPixels(t, img, [][]color.NRGBA{{red, green}, {blue, white}})
	if !slices.Contains(clip.Types, "CF_DIB") {
		t.Errorf("types %v", clip.Types)
	}
	if _, err := readBack(t, ClipLimits{Image: 20, Text: 20}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultClipboardTooLarge}) {
		t.Errorf("over the limit: %v", err)
	}
}

// A PNG (registered format "PNG", as browsers and Office copy) is taken
// as it is, before the bitmap beside it.
func TestClipboardPNGFirst(t *testing.T) {
	var enc bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 3, 1))
	img.Set(1, 0, color.NRGBA{0x10, 0x20, 0x30, 0x40})
	png.Encode(&enc, img)
	dib := dibSpec{header: 40, w: 1, h: 1, bpp: 24, rows: [][]byte{{1, 2, 3}}}.bytes()
	setClipboard(t, map[uint32][]byte{registered(t, "PNG"): enc.Bytes(), cfDIB: dib})
	clip, err := readBack(t, roomy)
	if err != nil || !bytes.HasPrefix(clip.Image, enc.Bytes()) {
		t.Fatalf("%v, %v", clip, err)
	}
}

// dropFiles is a CF_HDROP's content: a DROPFILES header, then the wide
// names, each ended by a NUL, and a final NUL.
func dropFiles(paths ...string) []byte {
	b := make([]byte, 20)
	binary.LittleEndian.PutUint32(b, 20)      // pFiles
	binary.LittleEndian.PutUint32(b[16:], 1) // fWide
	for _, p := range paths {
		for _, u := range utf16.Encode([]rune(p + "\x00")) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
	}
	return append(b, 0, 0)
}

// Files copied in the Explorer (CF_HDROP) come back as their paths.
func TestClipboardFiles(t *testing.T) {
	files := []string{`C:\Preuves QA\journal d'accès é.log`, `Z:\tmp\capture écran.png`}
	setClipboard(t, map[uint32][]byte{cfHDrop: dropFiles(files...)})
	clip, err := readBack(t, roomy)
	if err != nil || !slices.Equal(clip.Files, files) || len(clip.Image) > 0 {
		t.Fatalf("%q, %v (%v)", clip.Files, err, clip)
	}
	if _, err := readBack(t, ClipLimits{Image: 1 << 20, Text: 16}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultClipboardTooLarge}) {
		t.Errorf("over the limit: %v", err)
	}
}

func TestClipboardText(t *testing.T) {
	text := "Identité qualifiée\r\nINS : 1 84 12 75 056 023 17"
	var wide []byte
	for _, u := range utf16.Encode([]rune(text + "\x00")) {
		wide = binary.LittleEndian.AppendUint16(wide, u)
	}
	setClipboard(t, map[uint32][]byte{cfUnicodeText: wide})
	clip, err := readBack(t, roomy)
	if err != nil || clip.Text != text {
		t.Fatalf("%q, %v", clip.Text, err)
	}
	if _, err := readBack(t, ClipLimits{Image: 1 << 20, Text: 10}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultClipboardTooLarge}) {
		t.Errorf("over the limit: %v", err)
	}
}

func TestClipboardEmptyAndOther(t *testing.T) {
	setClipboard(t, nil)
	if clip, err := readBack(t, roomy); !errors.Is(err, &dossier.Error{Fault: dossier.FaultClipboardEmpty}) {
		t.Errorf("empty: %v, %v", clip, err)
	}
	setClipboard(t, map[uint32][]byte{registered(t, "Format de test"): []byte("xx")})
	clip, err := readBack(t, roomy)
	if err != nil || !clip.Empty() || !slices.Contains(clip.Types, "Format de test") {
		t.Errorf("other: %v, %v", clip, err)
	}
}

// A clipboard another window keeps open is retried, then refused.
func TestClipboardHeldOpen(t *testing.T) {
	setClipboard(t, map[uint32][]byte{cfDIB: dibSpec{header: 40, w: 1, h: 1, bpp: 24, rows: [][]byte{{1, 2, 3}}}.bytes()})
	held, release := make(chan bool), make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		w, err := hiddenWindow()
		if err != nil {
			held <- false
			return
		}
		defer procDestroyWindow.Call(w)
		r, _, _ := procOpenClipboard.Call(w)
		held <- r != 0
		<-release
		procCloseClipboard.Call()
	}()
	if !<-held {
		t.Fatal("OpenClipboard from the holder failed")
	}
	_, err := readBack(t, roomy)
	close(release)
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultClipboardUnavailable}) {
		t.Errorf("held open: %v", err)
	}
}
