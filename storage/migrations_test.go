package storage

import (
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// writeV1 builds a dossier file as schema version 1 wrote it: one catalogue
// under catalogue/current, no evidence buckets.
func writeV1(t *testing.T, path string, st dossier.ReqState) {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	db := openRaw(t, path)
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		meta.Put(keySchemaVersion, u64(1))
		d, _ := tx.CreateBucket(bucketDossier)
		if err := put(d, keyInfo, newInfo()); err != nil {
			return err
		}
		c, _ := tx.CreateBucket([]byte("catalogue"))
		if err := put(c, keyCurrent, cat); err != nil {
			return err
		}
		s, _ := tx.CreateBucket(bucketStates)
		return put(s, []byte(st.ReqID), st)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrateFromV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.segur")
	writeV1(t, path, dossier.ReqState{ReqID: "RIS.INS.01", Status: dossier.Prete, Note: "ok"})
	svc, err := dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	row, err := svc.Row("RIS.INS.01")
	if err != nil {
		t.Fatal(err)
	}
	if row.State.Status != dossier.Prete || row.State.Note != "ok" {
		t.Fatalf("state lost in migration: %+v", row.State)
	}
	if n := len(svc.Catalogue().Requirements); n != 117 {
		t.Fatalf("catalogue lost in migration: %d requirements", n)
	}
	svc.Close()

	db := openRaw(t, path)
	defer db.Close()
	db.View(func(tx *bbolt.Tx) error {
		if v := fromU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)); v != SchemaVersion {
			t.Errorf("schema version %d after migration", v)
		}
		if tx.Bucket([]byte("catalogue")) != nil {
			t.Error("old catalogue bucket left behind")
		}
		for _, b := range topBuckets {
			if tx.Bucket(b) == nil {
				t.Errorf("bucket %s missing after migration", b)
			}
		}
		return nil
	})
}
