//go:build linux

package system

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// imageTargets are the image forms asked for, in order of preference.
func imageTargets() []string {
	return []string{"image/png", "image/jpeg", "image/gif", "image/bmp"}
}

// textTargets are the text forms asked for, in order of preference.
func textTargets() []string {
	return []string{"UTF8_STRING", "text/plain;charset=utf-8", "text/plain", "STRING", "TEXT"}
}

// ReadClipboard reads the X11 CLIPBOARD selection through its own
// connection (the X protocol, in pure Go): the list of forms its owner
// offers (TARGETS), then an image if there is one, else a list of files,
// else a text. Content beyond the limits is refused with
// FaultClipboardTooLarge before more is read; an owner that does not
// answer within ctx's deadline gives FaultClipboardUnavailable.
func ReadClipboard(ctx context.Context, lim ClipLimits) (Clip, error) {
	if os.Getenv("DISPLAY") == "" {
		return Clip{}, ErrNoClipboardReader // no X server (a Wayland-only session)
	}
	c, err := newSelectionReader()
	if err != nil {
		return Clip{}, dossier.E(dossier.FaultClipboardUnavailable, "", err)
	}
	defer c.close()
	stop := context.AfterFunc(ctx, c.close) // unblocks a wait for events
	defer stop()
	targets, err := c.targets(ctx)
	if err != nil || len(targets) == 0 {
		if err == nil || errors.Is(err, errNoOwner) {
			return Clip{}, dossier.E(dossier.FaultClipboardEmpty, "", err)
		}
		return Clip{}, err
	}
	clip := Clip{Types: targets}
	if t := firstOf(targets, imageTargets()); t != "" {
		clip.Image, err = c.read(ctx, t, lim.Image)
		return clip, err
	}
	if slices.Contains(targets, "text/uri-list") {
		data, err := c.read(ctx, "text/uri-list", lim.Text)
		if err != nil {
			return clip, err
		}
		if files, ok := fileList(string(data)); ok {
			clip.Files = files
			return clip, nil
		}
	}
	if t := firstOf(targets, textTargets()); t != "" {
		data, err := c.read(ctx, t, lim.Text)
		if err != nil {
			return clip, err
		}
		// A file manager's copy is often a text of file URIs only.
		if files, ok := fileList(string(data)); ok {
			clip.Files = files
		} else {
			clip.Text = string(data)
		}
	}
	return clip, nil
}

// metaTarget reports the targets that describe the selection rather than
// hold it.
func metaTarget(name string) bool {
	switch name {
	case "TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "DELETE", "INSERT_SELECTION", "INSERT_PROPERTY":
		return true
	}
	return false
}

func firstOf(have, want []string) string {
	for _, w := range want {
		if slices.Contains(have, w) {
			return w
		}
	}
	return ""
}

var errNoOwner = errors.New("no clipboard owner or no such form")

// selectionReader is a hidden window that receives the selection.
type selectionReader struct {
	conn   *xgb.Conn
	win    xproto.Window
	prop   xproto.Atom
	events chan xgb.Event
	atoms  map[string]xproto.Atom
}

func newSelectionReader() (*selectionReader, error) {
	conn, err := xgb.NewConn()
	if err != nil {
		return nil, err
	}
	c := &selectionReader{conn: conn, atoms: map[string]xproto.Atom{}, events: make(chan xgb.Event, 16)}
	screen := xproto.Setup(conn).DefaultScreen(conn)
	if c.win, err = xproto.NewWindowId(conn); err != nil {
		conn.Close()
		return nil, err
	}
	err = xproto.CreateWindowChecked(conn, 0, c.win, screen.Root, 0, 0, 1, 1, 0, xproto.WindowClassInputOutput,
		screen.RootVisual, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange}).Check()
	if err != nil {
		conn.Close()
		return nil, err
	}
	if c.prop, err = c.atom("DOSSIER_SEGUR_CLIP"); err != nil {
		conn.Close()
		return nil, err
	}
	go func() {
		defer close(c.events)
		for {
			ev, xerr := conn.WaitForEvent()
			if ev == nil && xerr == nil {
				return // connection closed
			}
			if ev != nil {
				c.events <- ev
			}
		}
	}()
	return c, nil
}

func (c *selectionReader) close() { c.conn.Close() }

func (c *selectionReader) atom(name string) (xproto.Atom, error) {
	if a, ok := c.atoms[name]; ok {
		return a, nil
	}
	r, err := xproto.InternAtom(c.conn, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, err
	}
	c.atoms[name] = r.Atom
	return r.Atom, nil
}

// next waits for the next event.
func (c *selectionReader) next(ctx context.Context) (xgb.Event, error) {
	select {
	case ev, ok := <-c.events:
		if !ok {
			return nil, dossier.E(dossier.FaultClipboardUnavailable, "", errors.New("connection closed"))
		}
		return ev, nil
	case <-ctx.Done():
		return nil, dossier.E(dossier.FaultClipboardUnavailable, "", ctx.Err())
	}
}

// convert asks the owner for the selection as target and waits until it
// says the property holds it.
func (c *selectionReader) convert(ctx context.Context, target string) error {
	sel, err := c.atom("CLIPBOARD")
	if err != nil {
		return err
	}
	t, err := c.atom(target)
	if err != nil {
		return err
	}
	xproto.ConvertSelection(c.conn, c.win, sel, t, c.prop, xproto.TimeCurrentTime)
	for {
		ev, err := c.next(ctx)
		if err != nil {
			return err
		}
		if n, ok := ev.(xproto.SelectionNotifyEvent); ok {
			if n.Property == xproto.AtomNone {
				return errNoOwner
			}
			return nil
		}
	}
}

// targets is the names of the forms the owner offers.
func (c *selectionReader) targets(ctx context.Context) ([]string, error) {
	if err := c.convert(ctx, "TARGETS"); err != nil {
		return nil, err
	}
	r, err := xproto.GetProperty(c.conn, true, c.win, c.prop, xproto.AtomAny, 0, 4096).Reply()
	if err != nil {
		return nil, dossier.E(dossier.FaultClipboardUnavailable, "", err)
	}
	var names []string
	for i := 0; r.Format == 32 && i+4 <= len(r.Value); i += 4 {
		a := xproto.Atom(xgb.Get32(r.Value[i:]))
		if n, err := xproto.GetAtomName(c.conn, a).Reply(); err == nil && !metaTarget(n.Name) {
			names = append(names, n.Name)
		}
	}
	return names, nil
}

// read reads the selection as target, at most limit bytes, following the
// INCR protocol for large contents.
func (c *selectionReader) read(ctx context.Context, target string, limit int64) ([]byte, error) {
	tooLarge := dossier.ED(dossier.FaultClipboardTooLarge, target, strconv.FormatInt(limit, 10), nil)
	if err := c.convert(ctx, target); err != nil {
		if errors.Is(err, errNoOwner) {
			return nil, dossier.E(dossier.FaultClipboardEmpty, "", err)
		}
		return nil, err
	}
	incr, err := c.atom("INCR")
	if err != nil {
		return nil, err
	}
	data, typ, err := c.property(limit)
	if err != nil {
		return nil, err
	}
	if typ != incr {
		if int64(len(data)) > limit {
			return nil, tooLarge
		}
		return data, nil
	}
	// INCR: the value is a lower bound of the size; the owner then sends
	// chunks, each announced by a new value of the property.
	if len(data) >= 4 && int64(xgb.Get32(data)) > limit {
		return nil, tooLarge
	}
	var out []byte
	for {
		ev, err := c.next(ctx)
		if err != nil {
			return nil, err
		}
		p, ok := ev.(xproto.PropertyNotifyEvent)
		if !ok || p.Atom != c.prop || p.State != xproto.PropertyNewValue {
			continue
		}
		chunk, _, err := c.property(limit)
		if err != nil {
			return nil, err
		}
		if len(chunk) == 0 {
			return out, nil
		}
		if int64(len(out)+len(chunk)) > limit {
			return nil, tooLarge
		}
		out = append(out, chunk...)
	}
}

// property reads and deletes the property, in pieces, up to limit+1
// bytes (more means too large).
func (c *selectionReader) property(limit int64) ([]byte, xproto.Atom, error) {
	var out []byte
	var typ xproto.Atom
	const piece = 1 << 20 // bytes per request
	for offset := uint32(0); ; {
		r, err := xproto.GetProperty(c.conn, false, c.win, c.prop, xproto.AtomAny, offset/4, piece/4).Reply()
		if err != nil {
			return nil, 0, dossier.E(dossier.FaultClipboardUnavailable, "", err)
		}
		typ = r.Type
		out = append(out, r.Value...)
		offset += uint32(len(r.Value))
		if r.BytesAfter == 0 || int64(len(out)) > limit {
			break
		}
	}
	xproto.DeleteProperty(c.conn, c.win, c.prop)
	return out, typ, nil
}
