package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewCommand walks review as two people would: Alice Martin (the
// operator of run) attaches and sets Prête, Bob reviews. Her own
// validation is refused with the reason; a later proof returns the
// requirement to "à valider" with a notice, and the final export waits
// for the validation.
func TestReviewCommand(t *testing.T) {
	dir, path := newTestDossier(t)
	if out := mustRun(t, "review-settings", path); !strings.Contains(out, "exigée") {
		t.Fatalf("a new dossier's review rules: %s", out)
	}
	p := filepath.Join(dir, "insi.log")
	os.WriteFile(p, []byte("appel INSi"), 0o600)
	mustRun(t, "attach", path, "--req", "INS.01", p)
	refused(t, path, "pas prête à être relue", "review", path, "--req", "INS.01", "--decision", "valide", "--operator", "Bob")
	if out := mustRun(t, "set-status", path, "--req", "INS.01", "--status", "prete"); !strings.Contains(out, "À valider") {
		t.Fatalf("set-status prete: %s", out)
	}
	refused(t, path, "a ajouté lui-même des preuves", "review", path, "--req", "INS.01", "--decision", "valide", "--operator", "alice martin")
	refused(t, path, "a ajouté lui-même des preuves", "review", path, "--req", "INS.01", "--decision", "valide") // the default operator
	refused(t, path, "demande un commentaire", "review", path, "--req", "INS.01", "--decision", "a_corriger", "--operator", "Bob")
	refused(t, path, "n'existe pas dans le catalogue", "review", path, "--req", "INS.99", "--decision", "valide", "--operator", "Bob")
	for _, args := range [][]string{
		{"review", path, "--req", "INS.01", "--decision", "peut-être", "--operator", "Bob"},
		{"review", path, "--req", "INS.01", "--operator", "Bob"},
		{"review-settings", path, "--required", "bof"},
	} {
		if _, stderr, code := run(t, args...); code != 2 || !strings.Contains(stderr, "usage : ") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}

	out := mustRun(t, "review", path, "--req", "INS.01", "--decision", "a_corriger", "--comment", "Capture sans l'INS", "--operator", "Bob")
	if !strings.Contains(out, "RIS.INS.01 : À corriger (Bob, le ") || !strings.Contains(out, "Capture sans l'INS") {
		t.Fatalf("à corriger: %s", out)
	}
	if out, _, _ := run(t, "check", path); !strings.Contains(out, "renvoyée «\u00a0à corriger\u00a0» par Bob") {
		t.Fatalf("check after à corriger: %s", out)
	}
	mustRun(t, "set-status", path, "--req", "INS.01", "--status", "prete") // resubmitted
	out = mustRun(t, "review", path, "--req", "INS.01", "--decision", "valide", "--operator", "Bob")
	if !strings.HasPrefix(out, "RIS.INS.01 : Validée par Bob le ") {
		t.Fatalf("valide: %s", out)
	}
	if out := mustRun(t, "status", path); !strings.Contains(out, "Relecture : 1 exigence validée, 0 à valider, 0 à corriger") {
		t.Fatalf("status: %s", out)
	}

	// A later proof takes the validation away.
	p2 := filepath.Join(dir, "insi-2.log")
	os.WriteFile(p2, []byte("second appel INSi"), 0o600)
	out = mustRun(t, "attach", path, "--req", "INS.01", p2)
	if !strings.Contains(out, "avis : la validation de RIS.INS.01 par Bob le ") || !strings.Contains(out, "repasse «\u00a0à valider\u00a0»") {
		t.Fatalf("attach after validation: %s", out)
	}
	out, _, code := run(t, "check", path)
	if code != 1 || !strings.Contains(out, "ses preuves ont changé depuis sa validation par Bob") {
		t.Fatalf("check after a later proof: exit %d, %s", code, out)
	}

	// Self-validation allowed by the dossier: accepted, and said.
	mustRun(t, "review-settings", path, "--allow-self", "oui")
	if out := mustRun(t, "review", path, "--req", "INS.01", "--decision", "valide"); !strings.Contains(out, "autorisée par le dossier") {
		t.Fatalf("self-validation allowed: %s", out)
	}
	// Review off: no validation asked, none possible.
	if out := mustRun(t, "review-settings", path, "--required", "non", "--json"); !strings.Contains(out, `"required": false`) {
		t.Fatalf("review-settings --json: %s", out)
	}
	refused(t, path, "relecture est désactivée", "review", path, "--req", "INS.01", "--decision", "valide", "--operator", "Bob")
	if out, _, _ := run(t, "status", path); !strings.Contains(out, "Relecture : désactivée") {
		t.Fatalf("status with review off: %s", out)
	}
}

// TestReviewGatesFinalExport: the final export waits for every applicable
// exigence validated, then goes through.
func TestReviewGatesFinalExport(t *testing.T) {
	dir, path := newTestDossier(t)
	completeDossier(t, dir, path) // validated by "Relecteur"
	p := filepath.Join(dir, "autre.log")
	os.WriteFile(p, []byte("autre preuve"), 0o600)
	mustRun(t, "attach", path, "--req", "INS.02", p)
	pkg := filepath.Join(dir, "p.zip")
	refused(t, path, "pas complet (1 manque bloquant)", "export", path, "--out", pkg)
	mustRun(t, "review", path, "--req", "INS.02", "--decision", "valide", "--operator", "Relecteur")
	mustRun(t, "export", path, "--out", pkg)
}
