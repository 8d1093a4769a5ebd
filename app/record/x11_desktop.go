//go:build linux || freebsd || openbsd || netbsd

package record

import (
	"errors"
	"os"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// StopKey is the global shortcut that stops a recording, as the user
// reads it. (Ctrl+Alt+F-keys switch virtual terminals: the X server keeps
// them for itself.)
const StopKey = "Ctrl+Maj+F10"

// keysymF10 is F10's X keysym.
const keysymF10 = 0xffc7

// GlobalKey calls onPress (on a goroutine of its own) each time StopKey is
// pressed, whichever window has the focus, until the returned stop is
// called. It fails when the X server refuses the grab (another program
// holds that shortcut).
func GlobalKey(onPress func()) (stop func(), err error) {
	c, err := dial()
	if err != nil {
		return nil, err
	}
	setup := xproto.Setup(c)
	root := setup.DefaultScreen(c).Root
	code, err := keycodeOf(c, setup, keysymF10)
	if err != nil {
		c.Close()
		return nil, err
	}
	mods := uint16(xproto.ModMaskControl | xproto.ModMaskShift)
	// The same with Num Lock (Mod2) and Caps Lock on, which the server
	// counts as modifiers too.
	for _, extra := range []uint16{0, xproto.ModMask2, xproto.ModMaskLock, xproto.ModMask2 | xproto.ModMaskLock} {
		if err := xproto.GrabKeyChecked(c, true, root, mods|extra, code,
			xproto.GrabModeAsync, xproto.GrabModeAsync).Check(); err != nil {
			c.Close()
			return nil, err
		}
	}
	go func() {
		for {
			ev, err := c.WaitForEvent()
			if ev == nil && err == nil {
				return // connection closed
			}
			if _, ok := ev.(xproto.KeyPressEvent); ok {
				onPress()
			}
		}
	}()
	return c.Close, nil
}

// keycodeOf finds the key that yields keysym.
func keycodeOf(c *xgb.Conn, setup *xproto.SetupInfo, keysym xproto.Keysym) (xproto.Keycode, error) {
	first, count := setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode+1)
	m, err := xproto.GetKeyboardMapping(c, first, count).Reply()
	if err != nil {
		return 0, err
	}
	per := int(m.KeysymsPerKeycode)
	for i := 0; per > 0 && i < int(count); i++ {
		for j := range per {
			if m.Keysyms[i*per+j] == keysym {
				return xproto.Keycode(int(first) + i), nil
			}
		}
	}
	return 0, errors.New("no key yields F10")
}

// KeepAbove asks the window manager to keep this process's window named
// title above the others (_NET_WM_STATE_ABOVE), in the background: the
// window may not be mapped yet, so it looks for it a few times. Without a
// window manager there is nothing to ask; errors are ignored: staying on
// top is a comfort.
func KeepAbove(title string) {
	go func() {
		for range 10 {
			if keepAbove(title) {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
}

// keepAbove sends the request once; false when the window is not found.
func keepAbove(title string) bool {
	c, err := dial()
	if err != nil {
		return true // no display: nothing to ask, ever
	}
	defer c.Close()
	root := xproto.Setup(c).DefaultScreen(c).Root
	atom := func(name string) xproto.Atom {
		a, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			return 0
		}
		return a.Atom
	}
	w := windowNamed(c, root, title, atom("_NET_WM_PID"), atom("_NET_WM_NAME"), atom("UTF8_STRING"))
	if w == 0 {
		return false
	}
	state, above := atom("_NET_WM_STATE"), atom("_NET_WM_STATE_ABOVE")
	const add = 1
	data := xproto.ClientMessageDataUnionData32New([]uint32{add, uint32(above), 0, 1, 0})
	ev := xproto.ClientMessageEvent{Format: 32, Window: w, Type: state, Data: data}
	xproto.SendEvent(c, false, root, xproto.EventMaskSubstructureRedirect|xproto.EventMaskSubstructureNotify, string(ev.Bytes()))
	c.Sync()
	return true
}

// windowNamed finds, among the top-level windows and their children, the
// one of this process whose title is title.
func windowNamed(c *xgb.Conn, root xproto.Window, title string, pidAtom, nameAtom, utf8 xproto.Atom) xproto.Window {
	tree, err := xproto.QueryTree(c, root).Reply()
	if err != nil {
		return 0
	}
	pid := uint32(os.Getpid())
	s := &x11Source{c: c, pidAtom: pidAtom}
	var walk func(ws []xproto.Window, depth int) xproto.Window
	walk = func(ws []xproto.Window, depth int) xproto.Window {
		for _, w := range ws {
			if s.pidOf(w) == pid {
				p, err := xproto.GetProperty(c, false, w, nameAtom, utf8, 0, 256).Reply()
				if err == nil && string(p.Value) == title {
					return w
				}
			}
			if depth == 0 {
				if t, err := xproto.QueryTree(c, w).Reply(); err == nil {
					if found := walk(t.Children, 1); found != 0 {
						return found
					}
				}
			}
		}
		return 0
	}
	return walk(tree.Children, 0)
}
