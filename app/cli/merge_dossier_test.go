package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// identityOf reads identity --json.
func identityOf(t *testing.T, path string) identityJSON {
	t.Helper()
	var id identityJSON
	if err := json.Unmarshal([]byte(mustRun(t, "identity", path, "--json")), &id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestMergeDossierFields: the vendor changed on one workstation, the
// profiles on the other; merged both ways, each copy takes the other's
// change with no conflict, and the report says so (and which requirements
// the profile brings into scope). A vendor changed on both sides is a
// conflict under "dossier", decided by --prefer.
func TestMergeDossierFields(t *testing.T) {
	dir, a := newTestDossier(t)
	b := filepath.Join(dir, "copie.segur")
	mustRun(t, "new", b, "--from", a)
	mustRun(t, "identity", a, "--set", "vendor=Éditeur d'Alice", "--operator", "Alice")
	mustRun(t, "identity", b, "--profile", "Opérateur Mailiz", "--operator", "Bob")

	rep, stderr, code := mergeJSON(t, a, b, "--apply", "--operator", "Alice")
	if code != 0 || !rep.Applied || len(rep.Conflicts) != 0 || strings.Join(rep.DossierChanged, ",") != "profiles" || len(rep.ApplicableAdded) == 0 {
		t.Fatalf("merge into A: %d %s %+v", code, stderr, rep)
	}
	out, _, _ := run(t, "merge", b, a)
	if !strings.Contains(out, "Dossier, repris de la copie : éditeur") {
		t.Fatalf("dry run into B:\n%s", out)
	}
	rep, stderr, code = mergeJSON(t, b, a, "--apply", "--operator", "Bob")
	if code != 0 || !rep.Applied || len(rep.Conflicts) != 0 || strings.Join(rep.DossierChanged, ",") != "vendor" {
		t.Fatalf("merge into B: %d %s %+v", code, stderr, rep)
	}
	for _, p := range []string{a, b} {
		id := identityOf(t, p)
		if id.Vendor != "Éditeur d'Alice" || !slices.Contains(id.Profiles, "Opérateur Mailiz") {
			t.Fatalf("%s after merging both ways: %+v", p, id)
		}
		checkJournal(t, p)
	}
	if rep, _, _ := mergeJSON(t, a, b); !rep.NoOp() {
		t.Fatalf("merging again: %+v", rep)
	}

	// Both change the vendor: a conflict, never decided silently.
	mustRun(t, "identity", a, "--set", "vendor=A SAS", "--operator", "Alice")
	mustRun(t, "identity", b, "--set", "vendor=B SAS", "--operator", "Bob")
	refused(t, a, "à trancher", "merge", a, b, "--apply")
	out, _, _ = run(t, "merge", a, b)
	if !strings.Contains(out, "dossier, éditeur : ce dossier «\u00a0A SAS\u00a0», la copie «\u00a0B SAS\u00a0»") {
		t.Fatalf("dry run with a conflict:\n%s", out)
	}
	rep, stderr, code = mergeJSON(t, a, b, "--apply", "--prefer", "theirs")
	if code != 0 || !rep.Applied || len(rep.Conflicts) != 1 || rep.Conflicts[0].Req != "dossier" || rep.Conflicts[0].Field != "vendor" {
		t.Fatalf("merge with --prefer theirs: %d %s %+v", code, stderr, rep)
	}
	if id := identityOf(t, a); id.Vendor != "B SAS" {
		t.Fatalf("vendor after --prefer theirs: %q", id.Vendor)
	}
}
