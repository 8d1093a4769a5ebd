package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestReadersShareWritersExclude: read-only opens run side by side; a
// writer is refused while a reader holds the dossier, and a reader while a
// writer does.
func TestReadersShareWritersExclude(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	r1, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatalf("second reader refused: %v", err)
	}
	if _, err := r2.Overview(); err != nil {
		t.Fatal(err)
	}
	if _, err := dossier.Open(Opener{}, path); !errors.Is(err, dossier.ErrLocked) {
		t.Fatalf("writer during readers: %v", err)
	}
	r1.Close()
	r2.Close()
	w, err := dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := dossier.OpenReadOnly(Opener{}, path); !errors.Is(err, dossier.ErrLocked) {
		t.Fatalf("reader during a writer: %v", err)
	}
}

// TestReadOnlyWritesNothing: a read-only open leaves the file byte for
// byte as it was, pending chunks of an interrupted attach included, and
// refuses every write.
func TestReadOnlyWritesNothing(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	db := openRaw(t, path)
	db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.Bucket(bucketPending).CreateBucket(u64(1))
		if err == nil {
			err = b.Put([]byte("x"), []byte("morceau"))
		}
		return err
	})
	db.Close()
	before, _ := os.ReadFile(path)
	r, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	st := dossier.Prete
	if _, err := r.UpdateState("INS.01", dossier.StateChange{Status: &st}); err == nil {
		t.Error("state saved through a read-only open")
	}
	if _, err := r.AttachReader(context.Background(), "INS.01", "a.txt", bytes.NewReader([]byte("a")), nil, dossier.AttachOptions{}, nil); err == nil {
		t.Error("evidence added through a read-only open")
	}
	if err := r.Compact(context.Background(), nil); err == nil {
		t.Error("read-only dossier compacted")
	}
	r.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a read-only open modified the file")
	}
}

// TestReadOnlyOpenOfAnOlderSchema: the file is migrated once (a write,
// as any command did before), then read.
func TestReadOnlyOpenOfAnOlderSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.segur")
	writeV1(t, path, dossier.ReqState{ReqID: "RIS.INS.01", Status: dossier.Prete, Note: "ok"})
	r, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	row, err := r.Row("RIS.INS.01")
	if err != nil || row.State.Status != dossier.Prete {
		t.Fatalf("%+v %v", row.State, err)
	}
}
