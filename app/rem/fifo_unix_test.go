//go:build unix

package rem

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// A FIFO named like a REM is refused before it is opened: opening it would
// block forever (issue 13).
func TestReadFileFIFO(t *testing.T) {
	for _, name := range []string{"x.xlsx", "x.pdf"} {
		path := filepath.Join(t.TempDir(), name)
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(path, Options{})
			done <- err
		}()
		if err := <-done; !errors.Is(err, &dossier.Error{Fault: dossier.FaultNotRegularFile}) {
			t.Errorf("%s: err = %v, want not a regular file", name, err)
		}
	}
}
