package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// runCLI runs the binary's entry point with args and returns stdout, stderr
// and the exit code; the temp dir is replaced by $DIR for golden files.
func runCLI(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	clean := func(s string) string { return strings.ReplaceAll(s, dir, "$DIR") }
	return clean(out.String()), clean(errb.String()), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -tags ci -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

func newDossier(t *testing.T, dir string, profiles ...string) string {
	t.Helper()
	path := filepath.Join(dir, "d.segur")
	args := []string{"new", path, "--name", "Candidature RIS", "--vendor", "Radiologie SA", "--product", "XRIS", "--version", "4.2"}
	for _, p := range profiles {
		args = append(args, "--profile", p)
	}
	if _, stderr, code := runCLI(t, dir, args...); code != 0 {
		t.Fatalf("new failed (%d): %s", code, stderr)
	}
	return path
}

func TestCLIProfilesGolden(t *testing.T) {
	out, _, code := runCLI(t, "", "profiles")
	if code != 0 {
		t.Fatal(code)
	}
	golden(t, "profiles", out)
}

func TestCLINewAndStatusGolden(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.segur")
	out, stderr, code := runCLI(t, dir, "new", path, "--name", "Candidature RIS", "--vendor", "Radiologie SA",
		"--product", "XRIS", "--version", "4.2", "--profile", "operateur", "--profile", "REFERENTIEL")
	if code != 0 {
		t.Fatalf("new: %d %s", code, stderr)
	}
	golden(t, "new", out)
	if _, stderr, code := runCLI(t, dir, "set-status", path, "--req", "INS.01", "--status", "prete", "--note", "capture faite", "--hors-application"); code != 0 {
		t.Fatalf("set-status: %s", stderr)
	}
	out, _, code = runCLI(t, dir, "status", path)
	if code != 0 {
		t.Fatal(code)
	}
	golden(t, "status", out)
	out, _, _ = runCLI(t, dir, "status", path, "--json")
	golden(t, "status-json", out)
}

func TestCLIStatusCountsPerProfile(t *testing.T) {
	cases := map[string]struct {
		profiles    []string
		applicable  int
		exigences   int
		preconisats int
	}{
		"général seul": {nil, 109, 0, 0},
		"tous":         {[]string{"Référentiel", "Envoi", "Opérateur", "Authentification", "Stockage"}, 117, 114, 3},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := newDossier(t, dir, tc.profiles...)
			out, _, code := runCLI(t, dir, "status", path, "--json")
			if code != 0 {
				t.Fatal(code)
			}
			var st struct {
				Applicable     int            `json:"applicable"`
				Exigences      int            `json:"exigences"`
				Preconisations int            `json:"preconisations"`
				ByStatus       map[string]int `json:"by_status"`
				Sections       []struct {
					Code       string `json:"code"`
					Applicable int    `json:"applicable"`
					Proven     int    `json:"proven"`
				} `json:"sections"`
			}
			if err := json.Unmarshal([]byte(out), &st); err != nil {
				t.Fatal(err)
			}
			if st.Applicable != tc.applicable || st.ByStatus["a_faire"] != tc.applicable {
				t.Errorf("applicable %d, by_status %v; want %d", st.Applicable, st.ByStatus, tc.applicable)
			}
			if tc.exigences > 0 && (st.Exigences != tc.exigences || st.Preconisations != tc.preconisats) {
				t.Errorf("exigences %d préconisations %d", st.Exigences, st.Preconisations)
			}
			if st.Exigences+st.Preconisations != st.Applicable || len(st.Sections) != 12 {
				t.Errorf("inconsistent status: %+v", st)
			}
		})
	}
}

func TestCLIBadInput(t *testing.T) {
	dir := t.TempDir()
	path := newDossier(t, dir)
	junk := filepath.Join(dir, "junk.segur")
	os.WriteFile(junk, []byte(strings.Repeat("PK\x03\x04 pas un dossier ", 300)), 0o600)
	before, _ := os.ReadFile(path)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown profile", []string{"new", filepath.Join(dir, "x.segur"), "--name", "a", "--vendor", "b", "--product", "c", "--version", "1", "--profile", "Radiothérapie"}, 1, "profil inconnu"},
		{"missing options", []string{"new", filepath.Join(dir, "y.segur")}, 2, "option obligatoire manquante"},
		{"missing folder", []string{"new", filepath.Join(dir, "absent", "z.segur"), "--name", "a", "--vendor", "b", "--product", "c", "--version", "1"}, 1, "n'existe pas"},
		{"existing file", []string{"new", path, "--name", "a", "--vendor", "b", "--product", "c", "--version", "1"}, 1, "existe déjà"},
		{"unknown requirement", []string{"set-status", path, "--req", "RIS.ZZZ.01", "--status", "prete"}, 1, "exigence inconnue"},
		{"N/A without justification", []string{"set-status", path, "--req", "INS.02", "--status", "non_applicable"}, 1, "justification est obligatoire"},
		{"unknown status", []string{"set-status", path, "--req", "INS.02", "--status", "finie"}, 1, "statut"},
		{"not a dossier", []string{"status", junk}, 1, "n'est pas un dossier Ségur"},
		{"missing dossier", []string{"status", filepath.Join(dir, "absent.segur")}, 1, "introuvable"},
		{"unknown option", []string{"status", path, "--format", "x"}, 2, "option inconnue"},
		{"unknown command", []string{"frobnicate"}, 2, "commande inconnue"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, dir, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.want)
			}
			if !strings.HasPrefix(stderr, "erreur : ") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr is not a plain French error: %q", stderr)
			}
			if out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
		})
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused command changed the dossier")
	}
	for _, f := range []string{"x.segur", "y.segur"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was created by a refused command", f)
		}
	}
}

func TestGUIRefusesWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code == 0 || !strings.Contains(errb.String(), "aucun affichage graphique") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
