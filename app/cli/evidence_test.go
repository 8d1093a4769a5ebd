package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
	"github.com/segur-dossier/dossier-segur/storage"
)

// run runs the CLI with the real storage and returns stdout, stderr and
// the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errb, Opener: storage.Opener{}, DefaultCatalogue: assets.DefaultCatalogue, Operator: "Alice Martin"})
	return out.String(), errb.String(), code
}

func newTestDossier(t *testing.T) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "d.segur")
	if _, stderr, code := run(t, "new", path, "--name", "N", "--vendor", "V", "--product", "P", "--version", "1"); code != 0 {
		t.Fatalf("new: %s", stderr)
	}
	return dir, path
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestAttachListExtract(t *testing.T) {
	dir, path := newTestDossier(t)
	logText := []byte("2024-01-01 12:00 envoi DMP OK\n")
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xe2, 0x00, 0x17}, 1000)...)
	logPath, pdfPath := filepath.Join(dir, "envoi.log"), filepath.Join(dir, "rapport.bin")
	os.WriteFile(logPath, logText, 0o600)
	os.WriteFile(pdfPath, pdf, 0o600)

	out, stderr, code := run(t, "attach", path, "--req", "INS.01", "--caption", "Envoi", logPath, pdfPath)
	if code != 0 {
		t.Fatalf("attach: %d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "Preuve 1 ajoutée à RIS.INS.01 : envoi.log") || !strings.Contains(lines[0], "type texte ou journal") ||
		!strings.Contains(lines[0], sha(logText)) || !strings.Contains(lines[1], "type PDF") || !strings.Contains(lines[1], "3\u202f009 octets") {
		t.Fatalf("attach output:\n%s", out)
	}

	out, _, code = run(t, "evidence", path, "--req", "INS.01", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	for _, key := range []string{"id", "name", "size", "sha256", "kind", "added_at", "added_by", "caption"} {
		if _, ok := items[0][key]; !ok {
			t.Errorf("JSON lacks %q: %v", key, items[0])
		}
	}
	if items[1]["kind"] != "pdf" || items[1]["sha256"] != sha(pdf) || items[0]["added_by"] != "Alice Martin" || items[0]["caption"] != "Envoi" {
		t.Fatalf("JSON: %v", items)
	}
	out, _, _ = run(t, "evidence", path, "--req", "INS.02", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Fatalf("empty list as JSON: %q", out)
	}
	out, _, code = run(t, "evidence", path, "--req", "INS.01")
	if code != 0 || !strings.Contains(out, "rapport.bin") || !strings.Contains(out, "Alice Martin") {
		t.Fatalf("table:\n%s", out)
	}
	// The first evidence moved the requirement to "En cours".
	out, _, _ = run(t, "status", path, "--json")
	if !strings.Contains(out, `"en_cours": 1`) || !strings.Contains(out, `"evidence": 2`) {
		t.Fatalf("status after attach:\n%s", out)
	}

	dst := filepath.Join(dir, "sortie.pdf")
	if _, stderr, code := run(t, "extract", path, "--evidence", "2", "--out", dst); code != 0 {
		t.Fatalf("extract: %s", stderr)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, pdf) {
		t.Fatal("extracted content differs")
	}
	_, stderr, code = run(t, "extract", path, "--evidence", "1", "--out", dst)
	if code != 1 || !strings.Contains(stderr, "existe déjà") {
		t.Fatalf("overwrite: %d %s", code, stderr)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, pdf) {
		t.Fatal("extract overwrote an existing file")
	}
	_, stderr, code = run(t, "extract", path, "--evidence", "99", "--out", filepath.Join(dir, "x"))
	if code != 1 || !strings.Contains(stderr, "n'existe pas") {
		t.Fatalf("unknown evidence: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Fatal("failed extract created its output")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 { // d.segur, 2 sources, sortie.pdf
		t.Fatalf("leftover files: %v", entries)
	}
}

func TestAttachBadInput(t *testing.T) {
	dir, path := newTestDossier(t)
	good := filepath.Join(dir, "ok.txt")
	os.WriteFile(good, []byte("ok"), 0o600)
	empty := filepath.Join(dir, "vide.txt")
	os.WriteFile(empty, nil, 0o600)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"directory", []string{"--req", "INS.01", dir}, 1, "désigne un répertoire"},
		{"empty", []string{"--req", "INS.01", empty}, 1, "vide (0 octet)"},
		{"missing", []string{"--req", "INS.01", filepath.Join(dir, "absent.log")}, 1, "introuvable"},
		{"unknown requirement", []string{"--req", "RIS.ZZZ.99", good}, 1, "n'existe pas dans le catalogue"},
		{"unknown proof", []string{"--req", "INS.01", "--proof", "9", good}, 1, "pas de preuve numérotée"},
		{"no --req", []string{good}, 2, "--req"},
		{"no path", []string{"--req", "INS.01"}, 2, "CHEMIN"},
	}
	if os.Geteuid() != 0 {
		locked := filepath.Join(dir, "secret.txt")
		os.WriteFile(locked, []byte("x"), 0)
		cases = append(cases, struct {
			name string
			args []string
			code int
			want string
		}{"unreadable", []string{"--req", "INS.01", locked}, 1, "accès refusé"})
	}
	for _, c := range cases {
		out, stderr, code := run(t, append([]string{"attach", path}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) || out != "" {
			t.Errorf("%s: exit %d, stderr %q, stdout %q", c.name, code, stderr, out)
		}
	}
	// A bad file among good ones: the good ones are stored, exit 1.
	out, stderr, code := run(t, "attach", path, "--req", "INS.01", empty, good)
	if code != 1 || !strings.Contains(out, "ok.txt") || !strings.Contains(stderr, "Sur 2 fichiers, 1 n'a pas été ajouté à RIS.INS.01") {
		t.Fatalf("mixed: %d %q %q", code, out, stderr)
	}
	out, _, _ = run(t, "evidence", path, "--json")
	var items []map[string]any
	json.Unmarshal([]byte(out), &items)
	if len(items) != 1 {
		t.Fatalf("refused files were stored: %s", out)
	}
	_, stderr, code = run(t, "evidence", path, "--req", "NOPE")
	if code != 1 || !strings.Contains(stderr, "n'existe pas dans le catalogue") {
		t.Fatalf("evidence unknown req: %d %s", code, stderr)
	}
	_, stderr, code = run(t, "evidence", filepath.Join(dir, "absent.segur"))
	if code != 1 || !strings.Contains(stderr, "introuvable") {
		t.Fatalf("missing dossier: %d %s", code, stderr)
	}
	_, stderr, code = run(t, "extract", path, "--evidence", "abc", "--out", filepath.Join(dir, "y"))
	if code != 2 || !strings.Contains(stderr, "un numéro de preuve") {
		t.Fatalf("bad evidence id: %d %s", code, stderr)
	}
}

func TestCompactCommand(t *testing.T) {
	dir, path := newTestDossier(t)
	big := filepath.Join(dir, "gros.bin")
	// 17 MiB of a PDF (a kind the default file policy accepts).
	data := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0123456789abcdef\x00"), 1<<20)...)
	os.WriteFile(big, data, 0o600)
	if _, stderr, code := run(t, "attach", path, "--req", "INS.01", big); code != 0 {
		t.Fatal(stderr)
	}
	// Deleting goes through the service (no CLI command for it yet).
	svcPath := path
	st, err := storage.Opener{}.Open(svcPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(func(tx dossier.Tx) error { return tx.DeleteEvidence(1) }); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, stderr, code := run(t, "compact", path)
	if code != 0 {
		t.Fatalf("compact: %s", stderr)
	}
	var before, after int64
	for _, l := range strings.Split(out, "\n") {
		if i := strings.LastIndex(l, "("); i >= 0 && strings.HasPrefix(l, "Taille avant") {
			fmtSscan(t, l[i+1:], &before)
		}
		if i := strings.LastIndex(l, "("); i >= 0 && strings.HasPrefix(l, "Taille après") {
			fmtSscan(t, l[i+1:], &after)
		}
	}
	fi, _ := os.Stat(path)
	if before < int64(len(data)) || after != fi.Size() || after > before-int64(len(data))/2 {
		t.Fatalf("sizes before %d after %d (file %d):\n%s", before, after, fi.Size(), out)
	}
	if _, stderr, code := run(t, "status", path); code != 0 {
		t.Fatalf("status after compact: %s", stderr)
	}
}
