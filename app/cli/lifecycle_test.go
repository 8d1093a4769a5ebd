package cli

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/storage"
)

// completeDossier makes the dossier at path complete: a proof for INS.01
// and INS.02, every other applicable requirement Non applicable.
func completeDossier(t *testing.T, dir, path string) {
	t.Helper()
	for _, id := range []string{"INS.01", "INS.02"} {
		p := filepath.Join(dir, id+".log")
		os.WriteFile(p, []byte("journal "+id), 0o600)
		if _, stderr, code := run(t, "attach", path, "--req", id, p); code != 0 {
			t.Fatalf("attach: %s", stderr)
		}
		if _, stderr, code := run(t, "set-status", path, "--req", id, "--status", "prete"); code != 0 {
			t.Fatalf("set-status: %s", stderr)
		}
	}
	svc, err := dossier.Open(storage.Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	na, just := dossier.NonApplicable, "hors du périmètre du produit"
	for _, r := range svc.Catalogue().Applicable(svc.Info().Profiles) {
		if r.ShortID == "INS.01" || r.ShortID == "INS.02" {
			continue
		}
		if _, err := svc.UpdateState(r.ID, dossier.StateChange{Status: &na, Justification: &just}); err != nil {
			t.Fatal(err)
		}
	}
	// A reviewer who added none of the proofs validates every exigence
	// (préconisations are not reviewed).
	for _, r := range svc.Catalogue().Applicable(svc.Info().Profiles) {
		if r.Nature == dossier.Preconisation {
			continue
		}
		if _, err := svc.Review(r.ID, dossier.Valide, "", "Relecteur"); err != nil {
			t.Fatal(err)
		}
	}
}

func zipNames(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []string
	for _, f := range zr.File {
		out = append(out, f.Name)
	}
	return out
}

func readManifestOf(t *testing.T, path string) export.Manifest {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open(export.ManifestName)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var m export.Manifest
	if err := json.NewDecoder(rc).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, code := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return out
}

// refused runs a command that must fail with a French message containing
// want, and checks the dossier file did not change.
func refused(t *testing.T, path, want string, args ...string) {
	t.Helper()
	before, _ := os.ReadFile(path)
	_, stderr, code := run(t, args...)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Fatalf("%v: exit %d, stderr %q, want %q", args, code, stderr, want)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatalf("%v: refused but the dossier changed", args)
	}
}

func TestDepositDeltaAndRequests(t *testing.T) {
	dir, path := newTestDossier(t)
	completeDossier(t, dir, path)
	today := time.Now().UTC().Format(dossier.DayLayout)
	p1 := filepath.Join(dir, "p1.zip")
	mustRun(t, "export", path, "--out", p1)
	refused(t, path, "ucun dépôt", "export", path, "--out", filepath.Join(dir, "x.zip"), "--since-last-deposit")
	refused(t, path, "dans le futur", "deposit", path, "--package", p1, "--date", "2999-01-01")
	refused(t, path, "antérieure à la création", "deposit", path, "--package", p1, "--date", "2020-01-01")
	_, other := newTestDossier(t)
	completeDossier(t, filepath.Dir(other), other)
	po := filepath.Join(dir, "autre.zip")
	mustRun(t, "export", other, "--out", po)
	refused(t, path, "n'a pas été exporté depuis ce dossier", "deposit", path, "--package", po)

	out := mustRun(t, "deposit", path, "--package", p1, "--date", today, "--note", "premier dépôt")
	if !strings.Contains(out, "Dépôt n° 1") {
		t.Fatalf("deposit: %s", out)
	}
	refused(t, path, "déjà enregistré", "deposit", path, "--package", p1)
	refused(t, path, "rien à déposer", "export", path, "--out", filepath.Join(dir, "x.zip"), "--since-last-deposit")

	// One proof changes: the delta holds exactly that requirement.
	p := filepath.Join(dir, "nouveau.log")
	os.WriteFile(p, []byte("journal corrigé"), 0o600)
	if out := mustRun(t, "attach", path, "--req", "INS.02", p); !strings.Contains(out, "avis : la validation de RIS.INS.02 par Relecteur") {
		t.Fatalf("attach after validation, no notice: %s", out)
	}
	refused(t, path, "pas complet", "export", path, "--out", filepath.Join(dir, "x.zip"), "--since-last-deposit")
	mustRun(t, "review", path, "--req", "INS.02", "--decision", "valide", "--operator", "Relecteur")
	p2 := filepath.Join(dir, "p2.zip")
	mustRun(t, "export", path, "--out", p2, "--since-last-deposit")
	var evidence []string
	for _, n := range zipNames(t, p2) {
		if strings.Contains(n, "/") {
			evidence = append(evidence, n)
		}
	}
	if len(evidence) != 2 || !strings.Contains(evidence[0], "/RIS.INS.02/") || !strings.Contains(evidence[1], "/RIS.INS.02/") {
		t.Fatalf("delta package holds %v", evidence)
	}
	m := readManifestOf(t, p2)
	in := slices.IndexFunc(m.Requirements, func(r export.RequirementEntry) bool { return r.InPackage })
	if m.Package.Kind != export.KindDelta || m.Package.SinceRound != 1 || len(m.Requirements) < 100 || m.Requirements[in].ID != "RIS.INS.02" ||
		slices.ContainsFunc(m.Requirements[in+1:], func(r export.RequirementEntry) bool { return r.InPackage }) {
		t.Fatalf("delta manifest: %+v", m.Package)
	}
	if out := mustRun(t, "deposits", path); !strings.Contains(out, "modifiées depuis le dépôt : 1") {
		t.Fatalf("deposits: %s", out)
	}

	// A request blocks Prête until a proof changes.
	refused(t, path, "n'existe pas dans le catalogue", "requests", path, "add", "--req", "INS.99", "--text", "x", "--due", "2999-01-01")
	refused(t, path, "déjà passée", "requests", path, "add", "--req", "INS.01", "--text", "x", "--due", "2020-01-01")
	mustRun(t, "requests", path, "add", "--req", "INS.01", "--text", "Capture illisible", "--due", time.Now().UTC().AddDate(0, 0, 10).Format(dossier.DayLayout))
	refused(t, path, "demande n° 1", "set-status", path, "--req", "INS.01", "--status", "prete")
	if out := mustRun(t, "requests", path); !strings.Contains(out, "J-10") {
		t.Fatalf("requests: %s", out)
	}
	p = filepath.Join(dir, "lisible.log")
	os.WriteFile(p, []byte("capture lisible"), 0o600)
	mustRun(t, "attach", path, "--req", "INS.01", p)
	mustRun(t, "set-status", path, "--req", "INS.01", "--status", "prete")
	mustRun(t, "review", path, "--req", "INS.01", "--decision", "valide", "--operator", "Relecteur")
	p3 := filepath.Join(dir, "p3.zip")
	mustRun(t, "deposit", path, "--package", p2)
	mustRun(t, "export", path, "--out", p3, "--since-last-deposit")
	m = readManifestOf(t, p3)
	if len(m.Requests) != 1 || !slices.Equal(m.Requests[0].Answered, []string{"RIS.INS.01"}) {
		t.Fatalf("requests in manifest: %+v", m.Requests)
	}
	for _, f := range m.Files {
		if f.Requirement != "RIS.INS.01" {
			t.Fatalf("delta after the request carries %s", f.Requirement)
		}
	}
	mustRun(t, "requests", path, "close", "1", "--note", "répondu")
}

func TestIdentityDecisionAndExtraProfile(t *testing.T) {
	dir, path := newTestDossier(t)
	refused(t, path, "n'est pas valide", "identity", path, "--set", "siren=123456789")
	mustRun(t, "identity", path, "--set", "siren=732 829 320", "--set", "contact.1.name=Anne Martin", "--set", "contact.1.email=anne@editeur.fr",
		"--set", "group=oui", "--set", "members=A SAS;B SARL", "--set", "representative=A SAS")
	out := mustRun(t, "identity", path, "--json")
	var id identityJSON
	if err := json.Unmarshal([]byte(out), &id); err != nil || id.Candidature.SIREN != "732829320" || !id.Candidature.Group || len(id.ID) != 32 {
		t.Fatalf("identity: %s", out)
	}
	if out, _, _ := run(t, "check", path); !strings.Contains(out, "mandat") {
		t.Fatalf("group without mandate passes the check: %s", out)
	}
	mandate := filepath.Join(dir, "mandat.pdf")
	os.WriteFile(mandate, []byte("%PDF-1.4 mandat signé"), 0o600)
	mustRun(t, "identity", path, "--mandate", mandate)
	completeDossier(t, dir, path)
	p1 := filepath.Join(dir, "p1.zip")
	mustRun(t, "export", path, "--out", p1)
	if names := zipNames(t, p1); !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "00-CANDIDATURE/") }) {
		t.Fatalf("mandate not in the package: %v", names)
	}
	if m := readManifestOf(t, p1); m.Dossier.Candidature == nil || m.Dossier.Candidature.SIREN != "732829320" || m.Dossier.ID != id.ID {
		t.Fatalf("identity not in the manifest: %+v", m.Dossier)
	}
	today := time.Now().UTC().Format(dossier.DayLayout)
	mustRun(t, "deposit", path, "--package", p1)
	refused(t, path, "n'est pas référencé", "new", filepath.Join(dir, "e.segur"), "--from", path, "--add-profile", "mailiz")
	out = mustRun(t, "decision", path, "--outcome", "reserves_non_bloquantes", "--date", today)
	if !strings.Contains(out, "J-28") {
		t.Fatalf("decision countdown: %s", out)
	}
	if out := mustRun(t, "status", path); !strings.Contains(out, "J-28") {
		t.Fatalf("status without countdown: %s", out)
	}
	mustRun(t, "decision", path, "--outcome", "sans_reserve", "--date", today)
	extra := filepath.Join(dir, "extra.segur")
	out = mustRun(t, "new", extra, "--from", path, "--add-profile", "mailiz")
	if !strings.Contains(out, "déjà référencées") {
		t.Fatalf("extra profile: %s", out)
	}
	var st statusJSON
	json.Unmarshal([]byte(mustRun(t, "status", extra, "--json")), &st)
	if st.Tracking.Referenced < 100 || len(st.Profiles) != 2 {
		t.Fatalf("extra profile status: %+v", st.Tracking)
	}
	out, _, _ = run(t, "check", extra)
	if strings.Contains(out, "RIS.INS.01 :") {
		t.Fatalf("an accepted requirement is still to prove: %s", out)
	}
}
