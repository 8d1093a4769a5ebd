package cli

import (
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/storage"
)

// TestReadersRunDuringAnExport: while a reading command (an export)
// holds the dossier, the other readers work and a command that writes is
// refused with the "already open" sentence; while a writer holds it, a
// reader is refused the same way.
func TestReadersRunDuringAnExport(t *testing.T) {
	_, path := newTestDossier(t)
	exporting, err := storage.Opener{}.OpenReadOnly(path) // what export holds
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"status", path}, {"evidence", path}, {"check", path, "--json"}, {"policy", path}} {
		if _, stderr, code := run(t, args...); code != 0 && !strings.Contains(args[0], "check") || strings.Contains(stderr, "déjà ouvert") {
			t.Errorf("%s during an export: exit %d, %s", args[0], code, stderr)
		}
	}
	_, stderr, code := run(t, "set-status", path, "--req", "INS.01", "--status", "en_cours")
	if code == 0 || !strings.Contains(stderr, "déjà ouvert") {
		t.Errorf("set-status during an export: exit %d, %q", code, stderr)
	}
	exporting.Close()

	writing, err := storage.Opener{}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer writing.Close()
	if _, stderr, code := run(t, "status", path); code == 0 || !strings.Contains(stderr, "déjà ouvert") {
		t.Errorf("status while a writer holds the dossier: exit %d, %q", code, stderr)
	}
}
