package storage

import (
	"errors"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// stripV5 removes from a current file what versions 5 and 6 added: the
// journal (and its tail) and the signing key.
func stripV5(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketJournal, bucketJournalTail} {
		if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bbolt.ErrBucketNotFound) {
			return err
		}
	}
	return tx.Bucket(bucketDossier).Delete(keySigning)
}

// writeV4 builds a version 4 dossier (no journal, no key) holding one
// requirement state and one evidence item.
func writeV4(t *testing.T, path string) {
	t.Helper()
	svc, err := dossier.Create(Opener{}, path, newInfo(), testCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr("vu")}); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	db := openRaw(t, path)
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		if err := stripV7(tx); err != nil {
			return err
		}
		if err := stripV5(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(4))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestMigrateFromV4StartsJournalAndMakesKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v4.segur")
	writeV4(t, path)
	svc, err := dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	var evs []dossier.Event
	svc.Journal(1, func(ev dossier.Event) error { evs = append(evs, ev); return nil })
	if len(evs) != 1 || evs[0].Kind != dossier.EventJournalStarted {
		t.Fatalf("journal after migration: %+v", evs)
	}
	if f, _ := evs[0].Field("requirements"); f.New != "1" {
		t.Errorf("state found: %+v", evs[0].Fields)
	}
	if evs[0].SHA256 == "" {
		t.Error("the state found has no digest")
	}
	key, err := svc.SigningKeyFingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := evs[0].Field(dossier.FieldKey); f.New != key {
		t.Errorf("event records key %q, dossier holds %q", f.New, key)
	}
	if n, _, err := svc.VerifyJournal(); err != nil || n != 1 {
		t.Fatalf("journal after migration: %d events, %v", n, err)
	}
	// The next change chains from the migration's event.
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr("revu")}); err != nil {
		t.Fatal(err)
	}
	if n, _, err := svc.VerifyJournal(); err != nil || n != 2 {
		t.Fatalf("journal after a change: %d events, %v", n, err)
	}
}

// TestJournalEditedInFileIsNamed edits an event's summary directly in the
// bbolt file: the verification names that event.
func TestJournalEditedInFileIsNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.segur")
	svc, err := dossier.CreateAs(Opener{}, path, newInfo(), testCatalogue(t), "Alice")
	if err != nil {
		t.Fatal(err)
	}
	for _, note := range []string{"a", "b", "c"} {
		if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr(note)}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _, err := svc.VerifyJournal(); err != nil || n != 4 {
		t.Fatalf("intact journal: %d events, %v", n, err)
	}
	svc.Close()
	db := openRaw(t, path)
	db.Update(func(tx *bbolt.Tx) error {
		editEvent(t, tx, 3, func(ev *dossier.Event) { ev.Operator = "Mallory" })
		return nil
	})
	db.Close()
	svc, err = dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	_, _, err = svc.VerifyJournal()
	if seq, reason, ok := dossier.BrokenAt(err); !ok || seq != 3 || reason != dossier.BreakHash {
		t.Fatalf("edited event 3: %v", err)
	}
}

func testCatalogue(t testing.TB) *dossier.Catalogue {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}
