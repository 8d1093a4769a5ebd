package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAttachRefusedByPolicy(t *testing.T) {
	dir, path := newTestDossier(t)
	video := filepath.Join(dir, "demo.mp4")
	os.WriteFile(video, []byte("\x00\x01\x02 contenu non reconnu \xff\xfe"), 0o600)
	out, stderr, code := run(t, "attach", path, "--req", "INS.01", video)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != 1 || out != "" || len(lines) != 1 || !strings.Contains(stderr, "«\u00a0autre") ||
		!strings.Contains(stderr, "politique de fichiers") || strings.Contains(stderr, `"other"`) {
		t.Fatalf("refused file: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	out, _, _ = run(t, "evidence", path, "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Fatalf("a refused file was stored: %s", out)
	}
}

func TestSetStatusHorsApplication(t *testing.T) {
	_, path := newTestDossier(t)
	_, stderr, code := run(t, "set-status", path, "--req", "INS.01", "--status", "prete")
	if code != 1 || !strings.Contains(stderr, "sans preuve") {
		t.Fatalf("Prête without proof: %d %q", code, stderr)
	}
	_, stderr, code = run(t, "set-status", path, "--req", "INS.01", "--status", "prete", "--hors-application")
	if code != 1 || !strings.Contains(stderr, "note") {
		t.Fatalf("hors application without note: %d %q", code, stderr)
	}
	out, stderr, code := run(t, "set-status", path, "--req", "INS.01", "--status", "prete", "--hors-application", "--note", "déposée sur Convergence")
	if code != 0 || !strings.Contains(out, "Prête (preuve déposée hors application)") {
		t.Fatalf("hors application with note: %d %q %q", code, out, stderr)
	}
}

// TestCheckAndStatusOnFilesEnCours: every requirement has a file but is
// still En cours: check exits 1 and status says the export is blocked by
// requirements not ready.
func TestCheckAndStatusOnFilesEnCours(t *testing.T) {
	dir, path := newTestDossier(t)
	f := filepath.Join(dir, "journal.log")
	os.WriteFile(f, []byte("INSi OK\n"), 0o600)
	out, _, _ := run(t, "catalogue", "--json")
	var cat struct {
		Requirements []struct {
			ID string `json:"id"`
		} `json:"requirements"`
	}
	if err := json.Unmarshal([]byte(out), &cat); err != nil || len(cat.Requirements) == 0 {
		t.Fatalf("catalogue: %v", err)
	}
	for _, r := range cat.Requirements {
		run(t, "attach", path, "--req", r.ID, f)
	}
	_, stderr, code := run(t, "check", path)
	if code != 1 || !strings.Contains(stderr, "manques bloquants") {
		t.Fatalf("check on files En cours: %d %q", code, stderr)
	}
	out, _, code = run(t, "status", path)
	if code != 0 || !strings.Contains(out, "Ce qui bloque l'export définitif") || !strings.Contains(out, "Pas prêtes : 106 exigences") ||
		!strings.Contains(out, "Total") || !strings.Contains(out, "▓") {
		t.Fatalf("status: %d\n%s", code, out)
	}
	out, _, _ = run(t, "status", path, "--json")
	var st struct {
		Final    bool `json:"final"`
		Blocking int  `json:"blocking"`
		Groups   []struct {
			Kind string   `json:"kind"`
			Reqs []string `json:"reqs"`
		} `json:"groups"`
		Sections []struct {
			Blocking int            `json:"blocking"`
			ByStatus map[string]int `json:"by_status"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Final || st.Blocking != 106 || len(st.Groups) != 1 || st.Groups[0].Kind != "not_ready" {
		t.Fatalf("status JSON: %v %+v", err, st)
	}
}
