package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/cli"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
	"github.com/segur-dossier/dossier-segur/assets"
)

// expEnv runs commands against in-memory dossiers.
type expEnv struct {
	t      *testing.T
	opener *dossiertest.MemOpener
	dir    string
}

func newExpEnv(t *testing.T) *expEnv {
	e := &expEnv{t: t, opener: dossiertest.NewMemOpener(), dir: t.TempDir()}
	// Without review: these tests are about the package (review_test.go
	// has the final export with review on).
	if code, _, errOut := e.run("new", "d.segur", "--name", "n", "--vendor", "Éditeur", "--product", "RIS", "--version", "1", "--no-review"); code != 0 {
		t.Fatalf("new: %s", errOut)
	}
	return e
}

func (e *expEnv) run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := cli.Run(args, cli.Env{Stdout: &out, Stderr: &errOut, Opener: e.opener, DefaultCatalogue: assets.DefaultCatalogue, Operator: "test"})
	return code, out.String(), errOut.String()
}

func (e *expEnv) path(name string) string { return filepath.Join(e.dir, name) }

// fill attaches a screenshot and a log to every applicable requirement and
// marks it Prête, so the dossier is complete.
func (e *expEnv) fill() {
	svc, err := dossier.Open(e.opener, "d.segur")
	if err != nil {
		e.t.Fatal(err)
	}
	defer svc.Close()
	var shot bytes.Buffer
	png.Encode(&shot, image.NewGray(image.Rect(0, 0, 64, 48)))
	prete := dossier.Prete
	for _, r := range svc.Catalogue().Applicable(svc.Info().Profiles) {
		for name, data := range map[string][]byte{"ecran.png": shot.Bytes(), "appel.log": []byte("INSi OK\n"), "film.webm": []byte("\x1a\x45\xdf\xa3 video"), "m.eml": []byte("From: a@b\r\nSubject: x\r\n\r\nbody\r\n"), "doc.pdf": []byte("%PDF-1.4\n")} {
			if _, err := svc.AttachReader(context.Background(), r.ID, name, bytes.NewReader(data), nil, dossier.AttachOptions{}, nil); err != nil {
				e.t.Fatal(err)
			}
		}
		if _, err := svc.UpdateState(r.ID, dossier.StateChange{Status: &prete}); err != nil {
			e.t.Fatal(err)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	e := newExpEnv(t)
	code, out, errOut := e.run("check", "d.segur", "--json")
	if code != 1 || !strings.Contains(errOut, "manques bloquants") {
		t.Fatalf("incomplete: exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Complete bool `json:"complete"`
		Blocking []struct {
			Req    string `json:"req"`
			Reason string `json:"reason"`
		} `json:"blocking"`
		Warnings []json.RawMessage `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	cat, _ := assets.DefaultCatalogue()
	exig := 0
	for _, r := range cat.Applicable(nil) {
		if r.Nature == dossier.Exigence {
			exig++
		}
	}
	if rep.Complete || len(rep.Blocking) != exig || rep.Blocking[0].Req == "" || rep.Blocking[0].Reason == "" {
		t.Fatalf("fresh dossier: complete=%v, %d blocking (want %d)", rep.Complete, len(rep.Blocking), exig)
	}
	e.fill()
	code, out, errOut = e.run("check", "d.segur")
	if code != 0 || !strings.Contains(out, "Dossier complet") {
		t.Fatalf("complete: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestExportAndVerifyCommands(t *testing.T) {
	e := newExpEnv(t)
	pkg := e.path("paquet.zip")
	code, _, errOut := e.run("export", "d.segur", "--out", pkg)
	if code != 1 || !strings.Contains(errOut, "exportez un brouillon") {
		t.Fatalf("zero evidence: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(pkg); !os.IsNotExist(err) {
		t.Fatal("a refused export left a file")
	}
	if code, _, errOut := e.run("export", "d.segur", "--out", pkg, "--draft"); code != 0 {
		t.Fatalf("draft: %s", errOut)
	}
	e.fill()
	code, out, errOut := e.run("export", "d.segur", "--out", pkg)
	if code != 0 || !strings.Contains(errOut, "Export : 100 %") || !strings.Contains(out, "définitif") {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = e.run("verify", pkg, "--json")
	var res struct {
		OK      bool `json:"ok"`
		Matched int  `json:"matched"`
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || !res.OK || res.Matched == 0 {
		t.Fatalf("verify: exit %d %v %s", code, err, out)
	}
	// Append a file: verify must fail.
	f, _ := os.OpenFile(pkg, os.O_RDWR, 0)
	zr, _ := zip.OpenReader(pkg)
	var entries []*zip.File
	entries = append(entries, zr.File...)
	extra := e.path("extra.zip")
	g, _ := os.Create(extra)
	zw := zip.NewWriter(g)
	for _, ent := range entries {
		zw.Copy(ent)
	}
	w, _ := zw.Create("01-INS/intrus.txt")
	io.WriteString(w, "x")
	zw.Close()
	g.Close()
	zr.Close()
	f.Close()
	code, out, errOut = e.run("verify", extra)
	if code != 1 || !strings.Contains(out, "En trop : 01-INS/intrus.txt") || !strings.Contains(errOut, "(1 fichier en cause)") {
		t.Fatalf("extra file: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestExportCommandsBadInput(t *testing.T) {
	e := newExpEnv(t)
	notZip := e.path("faux.zip")
	os.WriteFile(notZip, []byte("texte"), 0o644)
	emptyZip := e.path("vide.zip")
	g, _ := os.Create(emptyZip)
	zw := zip.NewWriter(g)
	w, _ := zw.Create("autre.txt")
	io.WriteString(w, "x")
	zw.Close()
	g.Close()
	badJSON := e.path("json.zip")
	g, _ = os.Create(badJSON)
	zw = zip.NewWriter(g)
	w, _ = zw.Create("manifest.json")
	io.WriteString(w, "{pas du json")
	zw.Close()
	g.Close()
	evil := e.path("evil.zip")
	g, _ = os.Create(evil)
	zw = zip.NewWriter(g)
	w, _ = zw.Create("../../etc/evil")
	io.WriteString(w, "x")
	zw.Close()
	g.Close()
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export", "d.segur", "--out", e.path("absent/p.zip"), "--draft"}, 1, "n'existe pas"},
		{[]string{"export", "d.segur"}, 2, "--out"},
		{[]string{"export", "inconnu.segur", "--out", e.path("p.zip")}, 1, "n'est pas un dossier Ségur"},
		{[]string{"verify", notZip}, 1, "n'est pas une archive ZIP"},
		{[]string{"verify", emptyZip}, 1, "pas de manifest.json"},
		{[]string{"verify", badJSON}, 1, "est illisible"},
		{[]string{"verify", evil}, 1, "chemin dangereux"},
		{[]string{"verify", e.path("absent.zip")}, 1, "introuvable"},
		{[]string{"check"}, 2, "Argument manquant"},
	}
	for _, c := range cases {
		code, _, errOut := e.run(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
	if ents, _ := os.ReadDir(e.dir); len(ents) != 4 {
		t.Errorf("bad input left files behind: %d entries", len(ents))
	}
}

func TestPolicyCommand(t *testing.T) {
	e := newExpEnv(t)
	code, out, _ := e.run("policy", "d.segur", "--json")
	var p struct {
		Default bool  `json:"default"`
		Max     int64 `json:"max_file_size"`
	}
	if err := json.Unmarshal([]byte(out), &p); code != 0 || err != nil || !p.Default || p.Max != dossier.DefaultMaxFileSize {
		t.Fatalf("default policy: %d %v %s", code, err, out)
	}
	e.fill()
	if code, _, _ := e.run("check", "d.segur"); code != 0 {
		t.Fatal("filled dossier incomplete")
	}
	code, out, errOut := e.run("policy", "d.segur", "--kinds", "image,pdf", "--max-size", "1M")
	if code != 0 || !strings.Contains(out, "image, pdf") || !strings.Contains(out, "1\u00a0Mo") || !strings.Contains(out, "propre à ce dossier") {
		t.Fatalf("set policy: %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = e.run("check", "d.segur")
	if code != 1 || !strings.Contains(out, "politique de fichiers") {
		t.Fatalf("logs now break the policy: exit %d\n%s", code, out)
	}
	if code, _, errOut := e.run("policy", "d.segur", "--kinds", "gif"); code != 1 || !strings.Contains(errOut, "inconnu") {
		t.Fatalf("unknown kind: %d %q", code, errOut)
	}
	if code, out, _ := e.run("policy", "d.segur", "--default"); code != 0 || !strings.Contains(out, "par défaut") {
		t.Fatalf("reset: %d %s", code, out)
	}
	if code, _, _ := e.run("check", "d.segur"); code != 0 {
		t.Fatal("default policy not restored")
	}
}

// A proof whose preview fails (a damaged PDF) keeps its icon in the
// report; why is told only in debug mode (DOSSIER_SEGUR_DEBUG=1), never
// in English on a user's terminal by default, nor through the log.
func TestExportPreviewFailureIsToldOnlyInDebug(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	e := newExpEnv(t)
	svc, err := dossier.Open(e.opener, "d.segur")
	if err != nil {
		t.Fatal(err)
	}
	req := svc.Catalogue().Applicable(svc.Info().Profiles)[0].ID
	_, err = svc.AttachReader(context.Background(), req, "casse.pdf", strings.NewReader("%PDF-1.4\n"), nil, dossier.AttachOptions{}, nil)
	svc.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := e.run("export", "d.segur", "--out", e.path("p.zip"), "--draft")
	if code != 0 || strings.Contains(errOut, "preview") || logged.Len() > 0 {
		t.Fatalf("default: exit %d, stderr %q, log %q", code, errOut, logged.String())
	}
	var out, debug bytes.Buffer
	code = cli.Run([]string{"export", "d.segur", "--out", e.path("q.zip"), "--draft"}, cli.Env{Stdout: &out, Stderr: &debug,
		Opener: e.opener, DefaultCatalogue: assets.DefaultCatalogue, Operator: "test", Debug: true})
	if code != 0 || !strings.Contains(debug.String(), "détail : report: no preview of ") || !strings.Contains(debug.String(), "casse.pdf") {
		t.Fatalf("debug: exit %d, stderr %q", code, debug.String())
	}
}
