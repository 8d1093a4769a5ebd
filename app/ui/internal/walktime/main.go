// Command walktime times, from outside the application, how long a window
// takes to repaint after a key press: it presses a key N times through the
// X server's XTEST extension, as a keyboard would, and watches the window's
// DAMAGE events, which the X server sends when new pixels reach the window
// (for an OpenGL window under Xvfb, when Mesa's llvmpipe hands the finished
// frame over). Each move is timed from the key press to the first damage
// that follows it, that is to the end of the first frame drawn after the
// key that changed the -watch region of the window (by default where the
// detail shows the requirement's ID at 1440×900): the application's
// reaction (event polling, the move, layout, paint) and nothing of the
// tool. Frames that leave that region as it was (a thumbnail of the
// previous requirement arriving late) are not taken for the move's; before
// each press the window must also have been still for -idle. The region
// is read as soon as a frame's damage arrives, so a frame is at worst
// credited to the damage of the frame before it (about 17 ms, the
// driver's tick, earlier). It also reports when the
// window went still after each move (previews included) and can save the
// window as it was at the first frame (-shots) to check that this frame
// does show the new requirement.
//
// Usage: walktime -window ID [-n 60] [-key Down] [-idle 400ms] [-shots DIR]
// (-n 0 only waits until the window is still, and prints "still since"
// the last frame's time, in nanoseconds since the Unix epoch).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
)

// keysyms of the keys the tool can press.
var keysyms = map[string]xproto.Keysym{"Down": 0xff54, "Up": 0xff52, "Next": 0xff56, "Control_L": 0xffe3}

func main() {
	win := flag.String("window", "", "X window id (decimal or 0x…), e.g. from xdotool search")
	n := flag.Int("n", 60, "key presses")
	key := flag.String("key", "Down", "key to press: Down, Up or Next; prefix ctrl+ for Control")
	idle := flag.Duration("idle", 400*time.Millisecond, "stillness required before each press")
	maxWait := flag.Duration("max", 20*time.Second, "longest wait for a frame or for stillness")
	shots := flag.String("shots", "", "folder where the first frame of every tenth move is saved (PNG)")
	label := flag.String("label", "", "label printed before the summary")
	verbose := flag.Bool("v", false, "print every damage event's time after each key")
	pid := flag.Int("pid", 0, "the application's process, to report its CPU time (all threads, Mesa's included) per move")
	watch := flag.String("watch", "0.55,0.085,0.80,0.14", "region whose change marks the move's frame: left,top,right,bottom as fractions of the window")
	flag.Parse()
	verboseFlag = verbose
	var reg [4]float64
	if _, err := fmt.Sscanf(*watch, "%g,%g,%g,%g", &reg[0], &reg[1], &reg[2], &reg[3]); err != nil {
		fmt.Fprintln(os.Stderr, "walktime: -watch:", err)
		os.Exit(2)
	}
	if err := run(*win, *n, *key, *idle, *maxWait, *shots, *label, reg, *pid); err != nil {
		fmt.Fprintln(os.Stderr, "walktime:", err)
		os.Exit(1)
	}
}

// verboseFlag is -v.
var verboseFlag *bool

// event is a damage event and when it arrived.
type event struct{ at time.Time }

func run(winID string, n int, key string, idle, maxWait time.Duration, shots, label string, reg [4]float64, pid int) error {
	id, err := strconv.ParseUint(winID, 0, 32)
	if err != nil {
		return fmt.Errorf("-window %q: %v", winID, err)
	}
	win := xproto.Window(id)
	xgb.Logger = log.New(io.Discard, "", 0) // its notes on a missing .Xauthority
	c, err := xgb.NewConn()
	if err != nil {
		return err
	}
	defer c.Close()
	if err := damage.Init(c); err != nil {
		return err
	}
	if _, err := damage.QueryVersion(c, 1, 1).Reply(); err != nil {
		return err
	}
	if err := xtest.Init(c); err != nil {
		return err
	}
	setup := xproto.Setup(c)
	root := setup.DefaultScreen(c).Root
	geo, err := xproto.GetGeometry(c, xproto.Drawable(win)).Reply()
	if err != nil {
		return fmt.Errorf("window %s: %v", winID, err)
	}
	rx, ry := int16(reg[0]*float64(geo.Width)), int16(reg[1]*float64(geo.Height))
	rw, rh := uint16((reg[2]-reg[0])*float64(geo.Width)), uint16((reg[3]-reg[1])*float64(geo.Height))
	// region is the watched region's pixels now.
	region := func() ([]byte, error) {
		r, err := xproto.GetImage(c, xproto.ImageFormatZPixmap, xproto.Drawable(win), rx, ry, rw, rh, 0xffffffff).Reply()
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
	ctrl := false
	if len(key) > 5 && key[:5] == "ctrl+" {
		ctrl, key = true, key[5:]
	}
	code, err := keycode(c, setup, keysyms[key])
	if err != nil {
		return err
	}
	ctrlCode, err := keycode(c, setup, keysyms["Control_L"])
	if err != nil {
		return err
	}
	did, err := damage.NewDamageId(c)
	if err != nil {
		return err
	}
	if err := damage.CreateChecked(c, did, xproto.Drawable(win), damage.ReportLevelRawRectangles).Check(); err != nil {
		return err
	}
	// The keyboard goes to the window under test.
	xproto.SetInputFocus(c, xproto.InputFocusParent, win, xproto.TimeCurrentTime)

	events := make(chan event, 4096)
	go func() {
		for {
			ev, xerr := c.WaitForEvent()
			if ev == nil && xerr == nil {
				close(events)
				return
			}
			if _, ok := ev.(damage.NotifyEvent); ok {
				events <- event{at: time.Now()}
			}
		}
	}()
	// still waits until no frame came for idle; false after maxWait.
	still := func(t0 time.Time) (time.Time, bool) {
		last := time.Now()
		deadline := time.After(maxWait)
		for {
			select {
			case e, ok := <-events:
				if !ok {
					return last, false
				}
				last = e.at
				if *verboseFlag && !t0.IsZero() {
					fmt.Printf("  damage at +%.1f ms\n", ms(e.at.Sub(t0)))
				}
			case <-time.After(idle - time.Since(last)):
				if time.Since(last) >= idle {
					return last, true
				}
			case <-deadline:
				return last, false
			}
		}
	}
	fake := func(typ byte, code xproto.Keycode) {
		xtest.FakeInput(c, typ, byte(code), 0, root, 0, 0, 0)
	}
	settledAt, ok := still(time.Time{})
	if !ok {
		return errors.New("the window never went still")
	}
	if n == 0 {
		// -n 0 only waits for the window to be still, and says since when
		// (the last frame's damage; the tool's start if none came).
		fmt.Printf("still since %d\n", settledAt.UnixNano())
		return nil
	}
	var first, settled, cpuFirst, cpuStill []time.Duration
	for i := 1; i <= n; i++ {
		c0 := cpuOf(pid)
		before, err := region()
		if err != nil {
			return err
		}
		if ctrl {
			fake(xproto.KeyPress, ctrlCode)
		}
		t0 := time.Now()
		fake(xproto.KeyPress, code)
		fake(xproto.KeyRelease, code)
		if ctrl {
			fake(xproto.KeyRelease, ctrlCode)
		}
		c.Sync()
		var t1, t1any time.Time
		frames := 0
		timeout := time.After(maxWait)
		for t1.IsZero() {
			select {
			case e := <-events:
				frames++
				if t1any.IsZero() {
					t1any = e.at
				}
				now, err := region()
				if err != nil {
					return err
				}
				if !bytes.Equal(now, before) {
					t1 = e.at
				}
			case <-timeout:
				return fmt.Errorf("move %d: no frame changed the watched region within %v", i, maxWait)
			}
		}
		c1 := cpuOf(pid)
		if shots != "" && i%10 == 1 {
			if err := shot(c, win, geo, filepath.Join(shots, fmt.Sprintf("move-%03d.png", i))); err != nil {
				return err
			}
		}
		if *verboseFlag {
			fmt.Printf("  damage at +%.1f ms (region changed)\n", ms(t1.Sub(t0)))
		}
		last, ok := still(t0)
		if !ok {
			return fmt.Errorf("move %d: the window did not go still within %v", i, maxWait)
		}
		if last.Before(t1) {
			last = t1
		}
		first, settled = append(first, t1.Sub(t0)), append(settled, last.Sub(t0))
		cpuFirst, cpuStill = append(cpuFirst, c1-c0), append(cpuStill, cpuOf(pid)-c0)
		fmt.Printf("move %d (key at %s): first frame showing it %.1f ms (first damage %.1f ms, %d damage events until then), still after %.1f ms\n",
			i, t0.Format("15:04:05.000"), ms(t1.Sub(t0)), ms(t1any.Sub(t0)), frames, ms(last.Sub(t0)))
	}
	if label != "" {
		fmt.Print(label, ": ")
	}
	fmt.Printf("%d moves; first frame median %.1f ms, p95 %.1f ms, max %.1f ms; still after median %.1f ms, p95 %.1f ms\n",
		n, ms(q(first, 50)), ms(q(first, 95)), ms(q(first, 100)), ms(q(settled, 50)), ms(q(settled, 95)))
	if pid != 0 {
		fmt.Printf("    CPU of the application per move: to the first frame showing it median %.0f ms, p95 %.0f ms; to stillness (previews included) median %.0f ms, p95 %.0f ms\n",
			ms(q(cpuFirst, 50)), ms(q(cpuFirst, 95)), ms(q(cpuStill, 50)), ms(q(cpuStill, 95)))
	}
	return nil
}

// cpuOf is the CPU time process pid has used, all threads (utime and
// stime of /proc/PID/stat, in clock ticks of 10 ms); 0 without pid.
func cpuOf(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+s) * 10 * time.Millisecond
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// q is the p-th percentile of d (nearest rank).
func q(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p+99)/100 - 1
	return s[max(0, min(len(s)-1, i))]
}

// keycode is the keycode that types sym.
func keycode(c *xgb.Conn, setup *xproto.SetupInfo, sym xproto.Keysym) (xproto.Keycode, error) {
	first, count := setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode+1)
	m, err := xproto.GetKeyboardMapping(c, first, count).Reply()
	if err != nil {
		return 0, err
	}
	per := int(m.KeysymsPerKeycode)
	for i, s := range m.Keysyms {
		if s == sym && sym != 0 {
			return first + xproto.Keycode(i/per), nil
		}
	}
	return 0, fmt.Errorf("no key types keysym %#x", sym)
}

// shot saves the window's pixels as a PNG (24-bit TrueColor BGRX).
func shot(c *xgb.Conn, win xproto.Window, geo *xproto.GetGeometryReply, path string) error {
	w, h := int(geo.Width), int(geo.Height)
	r, err := xproto.GetImage(c, xproto.ImageFormatZPixmap, xproto.Drawable(win), 0, 0, geo.Width, geo.Height, 0xffffffff).Reply()
	if err != nil {
		return err
	}
	if len(r.Data) < w*h*4 {
		return fmt.Errorf("unexpected image of %d bytes for %d×%d", len(r.Data), w, h)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		img.Set(i%w, i/w, color.RGBA{r.Data[4*i+2], r.Data[4*i+1], r.Data[4*i], 255})
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
