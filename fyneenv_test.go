package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/fyneenv"
)

// TestFyneCacheSetBeforeFyneReadsIt checks that app/fyneenv's init runs
// before the init of Fyne's cache package, which reads $FYNE_CACHE once:
// the test binary runs itself (no test) with the runtime's init trace.
func TestFyneCacheSetBeforeFyneReadsIt(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	for i, kv := range cmd.Env {
		if strings.HasPrefix(kv, "FYNE_CACHE=") {
			cmd.Env[i] = "FYNE_CACHE_UNSET=1"
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	ours := strings.Index(string(out), "init github.com/segur-dossier/dossier-segur/app/fyneenv ")
	fyne := strings.Index(string(out), "init fyne.io/fyne/v2/internal/cache ")
	if ours < 0 || fyne < 0 || ours > fyne {
		t.Fatalf("fyneenv's init at %d, Fyne's cache's at %d in the init trace", ours, fyne)
	}
	if os.Getenv("FYNE_CACHE") == "" {
		t.Fatalf("FYNE_CACHE not set (want %s unless the environment sets it)", fyneenv.CacheDuration)
	}
}
