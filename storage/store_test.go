package storage

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

func newInfo() dossier.Info {
	return dossier.Info{Name: "Candidature", Vendor: "Éditeur", Product: "RIS", ProductVersion: "1.0", Profiles: []string{"Général"}}
}

func create(t *testing.T) (string, *dossier.Service) {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "d.segur")
	svc, err := dossier.Create(Opener{}, path, newInfo(), cat)
	if err != nil {
		t.Fatal(err)
	}
	return path, svc
}

func TestRoundTripAndReopen(t *testing.T) {
	path, svc := create(t)
	st := dossier.NonApplicable
	note, just := "vu", "pas de MSS"
	if _, err := svc.UpdateState("RIS.MSS.01", dossier.StateChange{Status: &st, Note: &note, Justification: &just}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetProfiles([]string{"Opérateur"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	svc, err := dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	row, err := svc.Row("MSS.01")
	if err != nil {
		t.Fatal(err)
	}
	if row.State.Status != dossier.NonApplicable || row.State.Note != "vu" || row.State.Justification != "pas de MSS" {
		t.Fatalf("state not persisted: %+v", row.State)
	}
	if got := svc.Info().Profiles; len(got) != 2 || got[1] != "Opérateur Mailiz" {
		t.Fatalf("profiles not persisted: %v", got)
	}
	if n := len(svc.Catalogue().Requirements); n != 117 {
		t.Fatalf("catalogue has %d requirements after reopen", n)
	}
}

func TestCreateRefusesExistingAndBadFolder(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	cat, _ := assets.DefaultCatalogue()
	if _, err := (Opener{}).Create(path, newInfo(), cat, dossier.Event{Kind: dossier.EventCreated}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultExists}) {
		t.Fatalf("want existing-file refusal, got %v", err)
	}
	missing := filepath.Join(t.TempDir(), "absent", "d.segur")
	if _, err := (Opener{}).Create(missing, newInfo(), cat, dossier.Event{Kind: dossier.EventCreated}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultFolderNotFound}) {
		t.Fatalf("want missing-folder message, got %v", err)
	}
	if os.Geteuid() != 0 { // root ignores permissions
		ro := t.TempDir()
		os.Chmod(ro, 0o500)
		if _, err := (Opener{}).Create(filepath.Join(ro, "d.segur"), newInfo(), cat, dossier.Event{Kind: dossier.EventCreated}); err == nil || !strings.Contains(err.Error(), "lecture seule") {
			t.Fatalf("want read-only message, got %v", err)
		}
	}
}

func TestLockedByAnotherProcess(t *testing.T) {
	path, svc := create(t)
	defer svc.Close()
	// bbolt's flock is per open file description: a second Open in this
	// process contends like a second instance would.
	_, err := (Opener{}).Open(path)
	if !errors.Is(err, dossier.ErrLocked) {
		t.Fatalf("want ErrLocked, got %v", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Fatalf("message does not name the file: %v", err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	db := openRaw(t, path)
	db.Update(func(tx *bbolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(SchemaVersion+1)) })
	db.Close()
	before, _ := os.ReadFile(path)
	_, err := (Opener{}).Open(path)
	if !errors.Is(err, dossier.ErrNewerVersion) {
		t.Fatalf("want ErrNewerVersion, got %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("file changed while refusing it")
	}
}

func TestRefusesNonDossierFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"empty.segur": {},
		"text.segur":  []byte(strings.Repeat("pas un dossier\n", 400)),
		"short.segur": []byte("x"),
	}
	for name, content := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, content, 0o600)
		if _, err := (Opener{}).Open(p); !errors.Is(err, dossier.ErrNotDossier) {
			t.Errorf("%s: want ErrNotDossier, got %v", name, err)
		}
		if got, _ := os.ReadFile(p); string(got) != string(content) {
			t.Errorf("%s: file modified", name)
		}
	}
	// A valid bbolt file that is not a dossier.
	p := filepath.Join(dir, "other.db")
	db, _ := bbolt.Open(p, 0o600, nil)
	db.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("x")); return err })
	db.Close()
	if _, err := (Opener{}).Open(p); !errors.Is(err, dossier.ErrNotDossier) {
		t.Errorf("bbolt non-dossier: want ErrNotDossier, got %v", err)
	}
	if _, err := (Opener{}).Open(dir); !errors.Is(err, dossier.ErrNotDossier) {
		t.Errorf("directory: got %v", err)
	}
	if _, err := (Opener{}).Open(filepath.Join(dir, "absent.segur")); !errors.Is(err, &dossier.Error{Fault: dossier.FaultFileNotFound}) {
		t.Errorf("missing: got %v", err)
	}
}

func TestCorruptedDossierGivesError(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	fi, _ := f.Stat()
	junk := make([]byte, fi.Size()-4096)
	for i := range junk {
		junk[i] = 0xA5
	}
	f.WriteAt(junk, 4096) // keep the meta pages, wreck the rest
	f.Close()
	s, err := (Opener{}).Open(path)
	if err == nil {
		// Some corruption only shows when reading; it must not panic.
		_, err = dossier.Open(fakeOpener{s}, path)
	}
	if err == nil {
		t.Fatal("corrupted dossier opened without error")
	}
}

type fakeOpener struct{ s dossier.Store }

func (f fakeOpener) Create(string, dossier.Info, *dossier.Catalogue, dossier.Event) (dossier.Store, error) {
	return nil, errors.New("unused")
}
func (f fakeOpener) Open(string) (dossier.Store, error)         { return f.s, nil }
func (f fakeOpener) OpenReadOnly(string) (dossier.Store, error) { return f.s, nil }

// TestLockedAcrossProcesses runs a real second process against an open dossier.
func TestLockedAcrossProcesses(t *testing.T) {
	if os.Getenv("DOSSIER_LOCK_CHILD") != "" {
		_, err := (Opener{}).Open(os.Getenv("DOSSIER_LOCK_CHILD"))
		if errors.Is(err, dossier.ErrLocked) {
			os.Exit(3)
		}
		os.Exit(1)
	}
	path, svc := create(t)
	defer svc.Close()
	cmd := exec.Command(os.Args[0], "-test.run=TestLockedAcrossProcesses")
	cmd.Env = append(os.Environ(), "DOSSIER_LOCK_CHILD="+path)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("child did not report ErrLocked: %v", err)
	}
}
