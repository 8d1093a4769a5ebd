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

func TestGUIRefusesWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code == 0 || !strings.Contains(errb.String(), "aucun affichage graphique") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
