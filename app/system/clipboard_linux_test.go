//go:build linux

package system

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// own puts data in the X clipboard as target with xclip, which serves it
// until the test ends. It skips without a display or xclip.
func own(t *testing.T, target string, data []byte) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no X display")
	}
	if _, err := exec.LookPath("xclip"); err != nil {
		t.Skip("no xclip")
	}
	cmd := exec.Command("xclip", "-selection", "clipboard", "-t", target, "-quiet")
	cmd.Stdin = bytes.NewReader(data)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	// xclip takes the selection once it has read its input: wait until
	// the clipboard offers the target (each query paces the loop).
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		out, _ := exec.Command("xclip", "-selection", "clipboard", "-o", "-t", "TARGETS").Output()
		if strings.Contains(string(out), target) {
			return
		}
	}
	t.Fatalf("xclip did not take the clipboard")
}

func read(t *testing.T, lim ClipLimits) (Clip, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return ReadClipboard(ctx, lim)
}

func TestReadClipboardX11(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 300_000)...) // INCR-sized
	own(t, "image/png", png)
	clip, err := read(t, ClipLimits{Image: 1 << 20, Text: 1 << 20})
	if err != nil || !bytes.Equal(clip.Image, png) {
		t.Fatalf("image: %d bytes, %v (%v)", len(clip.Image), err, clip)
	}
	if _, err := read(t, ClipLimits{Image: 1000, Text: 1000}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultClipboardTooLarge}) {
		t.Fatalf("too large: %v", err)
	}
}

func TestReadClipboardX11Text(t *testing.T) {
	own(t, "UTF8_STRING", []byte("Identité qualifiée\n"))
	clip, err := read(t, ClipLimits{Image: 1 << 20, Text: 1 << 20})
	if err != nil || clip.Text != "Identité qualifiée\n" {
		t.Fatalf("text %q, %v", clip.Text, err)
	}
}

func TestReadClipboardX11Other(t *testing.T) {
	own(t, "application/x-vnd.foo", []byte("xx"))
	clip, err := read(t, ClipLimits{Image: 1 << 20, Text: 1 << 20})
	if err != nil || !clip.Empty() || strings.Join(clip.Types, ",") != "application/x-vnd.foo" {
		t.Fatalf("%v, %v", clip, err)
	}
}
