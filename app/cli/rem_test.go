package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/storage"
)

// allREMs is the ANS workbook holding several REMs (BIO, DB, DPI, LGC,
// PFI, RIS), beside the repository.
func allREMs(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "segur", "real", "ALL_REMs_va2_prepub_with_scenarios__import_gsheet_sans_modele.xlsx")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real ANS files absent: %v", err)
	}
	return path
}

// TestNewFromAWorkbookOfSeveralREMs: new --catalogue takes --perimetre as
// import-rem does, and creates the dossier on the REM chosen; without it,
// it says how to choose.
func TestNewFromAWorkbookOfSeveralREMs(t *testing.T) {
	workbook := allREMs(t)
	dir := t.TempDir()
	ident := []string{"--name", "N", "--vendor", "V", "--product", "P", "--version", "1"}
	newOn := func(name string, extra ...string) (string, string, int) {
		return run(t, append(append([]string{"new", filepath.Join(dir, name), "--catalogue", workbook}, ident...), extra...)...)
	}
	if _, stderr, code := newOn("a.segur"); code == 0 || !strings.Contains(stderr, "contient plusieurs REM") || !strings.Contains(stderr, "--perimetre CODE") {
		t.Fatalf("without --perimetre: %d %s", code, stderr)
	}
	if _, stderr, code := newOn("b.segur", "--perimetre", "XX"); code == 0 || !strings.Contains(stderr, "REM «\u00a0XX\u00a0» dans ce fichier") || !strings.Contains(stderr, "DB (198)") {
		t.Fatalf("unknown --perimetre: %d %s", code, stderr)
	}
	if _, stderr, code := run(t, append([]string{"new", filepath.Join(dir, "c.segur"), "--perimetre", "DB"}, ident...)...); code == 0 || !strings.Contains(stderr, "--perimetre, --catalogue") {
		t.Fatalf("--perimetre without --catalogue: %d %s", code, stderr)
	}
	for _, name := range []string{"a.segur", "b.segur", "c.segur"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Fatalf("a refused new left %s", name)
		}
	}
	out, stderr, code := newOn("db.segur", "--perimetre", "db")
	if code != 0 || !strings.Contains(out, "Dossier créé") {
		t.Fatalf("new --perimetre db: %d %s %s", code, out, stderr)
	}
	// The dossier holds the REM import-rem reads with the same option.
	imp, stderr, code := run(t, "import-rem", filepath.Join(dir, "db.segur"), workbook, "--perimetre", "DB", "--json")
	if code != 0 {
		t.Fatalf("import-rem: %s", stderr)
	}
	var plan struct {
		Diff dossier.CatalogueDiff `json:"diff"`
	}
	if err := json.Unmarshal([]byte(imp), &plan); err != nil {
		t.Fatal(err)
	}
	svc, err := dossier.OpenReadOnly(storage.Opener{}, filepath.Join(dir, "db.segur"))
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if n := len(svc.Catalogue().Requirements); n != 198 || len(plan.Diff.Added)+len(plan.Diff.Removed)+len(plan.Diff.Changed) != 0 {
		t.Fatalf("dossier on %d requirements; import-rem of DB against it: %+v", n, plan.Diff)
	}
}
