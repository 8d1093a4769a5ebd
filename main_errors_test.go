package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/storage"
)

// english catches OS, library and Go text that must never reach people.
var english = regexp.MustCompile(`(?i)no such file|not a valid zip|assertion failed|permission denied|\bEOF\b|` +
	`\b(invalid|error|failed|cannot|unexpected|flag|provided|defined|stat|open|read|write|panic|goroutine|bbolt|syntax|is a directory)\b`)

// french is a crude check that a sentence is French: a few of its
// commonest words.
var french = regexp.MustCompile(`\b(le|la|les|l'|du|de|d'|des|est|pas|un|une|ou|et)\b`)

// checkSentence asserts stderr holds exactly one error line, one French
// sentence with no chain of clauses (" : ") and no English, followed for
// usage errors (exit 2) by the command's usage line.
func checkSentence(t *testing.T, stderr string, code int) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	want := 1
	if code == 2 && len(lines) == 2 {
		want = 2
		if !strings.HasPrefix(lines[1], "usage : dossier-segur ") {
			t.Errorf("second line is not the usage: %q", lines[1])
		}
	}
	if len(lines) != want {
		t.Fatalf("stderr has %d lines, want %d: %q", len(lines), want, stderr)
	}
	msg, ok := strings.CutPrefix(lines[0], "erreur : ")
	if !ok {
		t.Fatalf("stderr does not start with \"erreur : \": %q", stderr)
	}
	switch {
	case strings.Contains(msg, " : "):
		t.Errorf("a chain of clauses: %q", msg)
	case !strings.HasSuffix(msg, ".") || strings.Contains(strings.TrimSuffix(msg, "."), ". "):
		t.Errorf("not one sentence: %q", msg)
	case english.MatchString(strings.ReplaceAll(msg, "$DIR", "")):
		t.Errorf("English or library text: %q (%q)", msg, english.FindString(msg))
	case !french.MatchString(msg):
		t.Errorf("not French: %q", msg)
	}
}

// TestCLIBadInput runs more than 30 bad command lines through the real
// entry point (real storage) and reads what each prints: one French
// sentence, the expected exit code, nothing on stdout, the dossier intact.
func TestCLIBadInput(t *testing.T) {
	dir := t.TempDir()
	path := newDossier(t, dir)
	complete := newDossier(t, t.TempDir())
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	junk := write("junk.segur", []byte(strings.Repeat("PK\x03\x04 pas un dossier ", 300)))
	emptyDossier := write("vide.segur", nil)
	emptyFile := write("vide.txt", nil)
	good := write("ok.txt", []byte("preuve"))
	existing := write("deja.bin", []byte("x"))
	notZip := write("texte.zip", []byte("ceci n'est pas une archive"))
	zipOf := func(name string, files map[string]string) string {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for n, c := range files {
			w, _ := zw.Create(n)
			w.Write([]byte(c))
		}
		zw.Close()
		return write(name, b.Bytes())
	}
	emptyZip := zipOf("vide.zip", map[string]string{"autre.txt": "x"})
	badJSON := zipOf("json.zip", map[string]string{"manifest.json": "{pas du json"})
	evil := zipOf("evil.zip", map[string]string{"../../etc/evil": "x"})
	folder := filepath.Join(dir, "rep")
	os.Mkdir(folder, 0o700)
	absent := filepath.Join(dir, "absent")
	ident := []string{"--name", "a", "--vendor", "b", "--product", "c", "--version", "1"}

	cases := []struct {
		name string
		args []string
		code int
		want string // a word of the sentence, to tell cases apart
	}{
		{"unknown profile", append([]string{"new", filepath.Join(dir, "x.segur"), "--profile", "Radiothérapie"}, ident...), 1, "profil"},
		{"missing options", []string{"new", filepath.Join(dir, "y.segur")}, 2, "--name"},
		{"missing folder", append([]string{"new", filepath.Join(absent, "z.segur")}, ident...), 1, "répertoire"},
		{"existing file", append([]string{"new", path}, ident...), 1, "existe déjà"},
		{"unknown requirement", []string{"set-status", path, "--req", "RIS.ZZZ.01", "--status", "prete"}, 1, "RIS.ZZZ.01"},
		{"N/A without justification", []string{"set-status", path, "--req", "INS.02", "--status", "non_applicable"}, 1, "justification"},
		{"unknown status", []string{"set-status", path, "--req", "INS.02", "--status", "finie"}, 1, "Statut"},
		{"option without value", []string{"set-status", path, "--req"}, 2, "attend une valeur"},
		{"not a dossier", []string{"status", junk}, 1, "n'est pas un dossier Ségur"},
		{"empty dossier file", []string{"status", emptyDossier}, 1, "n'est pas un dossier Ségur"},
		{"folder as dossier", []string{"status", folder}, 1, "n'est pas un dossier Ségur"},
		{"missing dossier", []string{"status", filepath.Join(dir, "absent.segur")}, 1, "introuvable"},
		{"unknown option", []string{"status", path, "--format", "x"}, 2, "inconnue"},
		{"extra argument", []string{"status", path, "autre"}, 2, "en trop"},
		{"missing argument", []string{"status"}, 2, "manquant"},
		{"unknown command", []string{"frobnicate"}, 2, "commande"},
		{"attach a folder", []string{"attach", path, "--req", "INS.01", folder}, 1, "archive ZIP"},
		{"attach an empty file", []string{"attach", path, "--req", "INS.01", emptyFile}, 1, "vide"},
		{"attach a missing file", []string{"attach", path, "--req", "INS.01", filepath.Join(dir, "absent.log")}, 1, "introuvable"},
		{"attach to an unknown proof", []string{"attach", path, "--req", "INS.01", "--proof", "9", good}, 1, "preuve"},
		{"attach without path", []string{"attach", path, "--req", "INS.01"}, 2, "CHEMIN"},
		{"extract a bad number", []string{"extract", path, "--evidence", "abc", "--out", filepath.Join(dir, "e1")}, 2, "numéro de preuve"},
		{"extract an unknown evidence", []string{"extract", path, "--evidence", "99", "--out", filepath.Join(dir, "e2")}, 1, "preuve n° 99 n'existe pas"},
		{"extract over a file", []string{"extract", path, "--evidence", "1", "--out", existing}, 1, "existe déjà"},
		{"export onto the dossier", []string{"export", path, "--out", path, "--draft"}, 2, ".segur lui-même"},
		{"export incomplete", []string{"export", complete, "--out", filepath.Join(dir, "p.zip")}, 1, "brouillon"},
		{"export to a missing folder", []string{"export", path, "--out", filepath.Join(absent, "p.zip"), "--draft"}, 1, "n'existe pas"},
		{"export to a folder", []string{"export", path, "--out", folder, "--draft"}, 1, "nom de fichier"},
		{"check incomplete", []string{"check", path}, 1, "manques bloquants"},
		{"verify not a zip", []string{"verify", notZip}, 1, "archive ZIP"},
		{"verify a missing file", []string{"verify", filepath.Join(dir, "absent.zip")}, 1, "introuvable"},
		{"verify without manifest", []string{"verify", emptyZip}, 1, "manifest.json"},
		{"verify a bad manifest", []string{"verify", badJSON}, 1, "illisible"},
		{"verify a dangerous path", []string{"verify", evil}, 1, "dangereux"},
		{"policy bad size", []string{"policy", path, "--max-size", "beaucoup"}, 1, "500M"},
		{"policy unknown kind", []string{"policy", path, "--kinds", "gif"}, 1, "gif"},
		{"policy conflicting options", []string{"policy", path, "--default", "--kinds", "image"}, 2, "--default"},
		{"capture bad delay", []string{"capture", path, "--req", "INS.01", "--delay", "-1"}, 2, "secondes"},
		{"capture bad display", []string{"capture", path, "--req", "INS.01", "--display", "x"}, 2, "écran"},
		{"bool option with a value", []string{"status", path, "--json=peut-être"}, 2, "true ou false"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			was, _ := os.ReadFile(path)
			out, stderr, code := runCLI(t, dir, tc.args...)
			// A refusal leaves the dossier byte for byte as it was.
			if now, _ := os.ReadFile(path); !bytes.Equal(was, now) {
				t.Error("the refused command changed the dossier")
			}
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.want)
			}
			checkSentence(t, stderr, code)
			if out != "" && tc.args[0] != "check" && tc.args[0] != "verify" {
				t.Errorf("stdout not empty on error: %q", out)
			}
		})
	}
	if len(cases) < 30 {
		t.Errorf("only %d bad inputs", len(cases))
	}
	for _, f := range []string{"x.segur", "y.segur", "p.zip", "e1", "e2"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was created by a refused command", f)
		}
	}
}

// TestCLILockedDossier holds a dossier open and runs a command on it.
func TestCLILockedDossier(t *testing.T) {
	dir := t.TempDir()
	path := newDossier(t, dir)
	st, err := storage.Opener{}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, stderr, code := runCLI(t, dir, "status", path)
	if code != 1 || !strings.Contains(stderr, "déjà ouvert") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	checkSentence(t, stderr, code)
}

// TestCLIDebugShowsTheChain: with Env.Debug the English chain follows the
// sentence, for bug reports.
func TestCLIDebugShowsTheChain(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DOSSIER_SEGUR_DEBUG", "1")
	_, stderr, code := runCLI(t, dir, "status", filepath.Join(dir, "absent.segur"))
	if code != 1 || !strings.Contains(stderr, "\n  détail : file_not_found") || !strings.Contains(stderr, "no such file") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
