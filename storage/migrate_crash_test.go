package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

const migrateChildEnv = "DOSSIER_MIGRATE_CHILD"

// migrateChild runs in the child process: it opens (so converts) the
// dossier, printing a line after each committed step, then "fin", and
// waits to be killed.
func migrateChild(path string) {
	holdUntilKilled(Opener{Progress: func(done, total int64) { fmt.Println("pas", done, total) }}.Open(path))
}

// TestKillDuringMigration converts a schema 3 dossier in a child process
// and kills it with SIGKILL after a random number of committed steps
// (logged, to replay a failure), several times. The file must then hold
// the old layout untouched, or the new one marked as converting, or the
// new one whole; the next opening must finish the conversion with every
// evidence whole and every count exact.
func TestKillDuringMigration(t *testing.T) {
	if v := os.Getenv(migrateChildEnv); v != "" {
		migrateChild(v)
		return
	}
	if testing.Short() {
		t.Skip("writes about 100 MiB")
	}
	template := filepath.Join(t.TempDir(), "v3.segur")
	evs := writeV3(t, template, []v3Content{
		{seed: 31, size: 5*batchChunks*chunkSize + 77, reqs: []string{"RIS.INS.01", "RIS.INS.02"}},
		{seed: 32, size: 3000, reqs: []string{"RIS.INS.02"}},
		{seed: 33, size: batchChunks*chunkSize + 1, reqs: []string{"RIS.INS.03"}},
	})
	raw, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	steps := 5 + 1 + 2 + 3 + 1 // moves of at most 8 MiB, a step per content end, then version 5
	for run := range 5 {
		killAt := rand.IntN(steps + 1)
		t.Run(fmt.Sprintf("%d/kill after %d steps", run, killAt), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "d.segur")
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			killMigrationAfter(t, "TestKillDuringMigration", migrateChildEnv+"="+path, killAt)

			db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("file unreadable after kill -9: %v", err)
			}
			db.View(func(tx *bbolt.Tx) error {
				meta := tx.Bucket(bucketMeta)
				v, marked, blobs := fromU64(meta.Get(keySchemaVersion)), meta.Get(keyMigrating) != nil, tx.Bucket(bucketBlobs) != nil
				t.Logf("after the kill: version %d, converting %v, old contents left %v", v, marked, blobs)
				old := v == 3 && !marked && blobs && countBuckets(tx.Bucket(bucketBlobs)) == 3
				if !old && !(v == 4 && marked) && !(v >= 4 && !marked && !blobs) {
					t.Errorf("mixed layout: version %d, marker %v, blobs %v", v, marked, blobs)
				}
				// Version 5 comes with its journal and key, in one step
				// (its first event in journal/ or in the tail).
				events, key := 0, tx.Bucket(bucketDossier).Get(keySigning) != nil
				for _, name := range [][]byte{bucketJournal, bucketJournalTail} {
					if j := tx.Bucket(name); j != nil {
						events += j.Stats().KeyN
					}
				}
				if (v >= 5) != (events == 1 && key) {
					t.Errorf("version %d with %d journal events, signing key %v", v, events, key)
				}
				return nil
			})
			db.Close()
			s, err := open(path, false)
			if err != nil {
				t.Fatalf("dossier does not open after kill -9: %v", err)
			}
			defer s.Close()
			checkStore(t, s)
			if n := countIn(t, s, bucketEvidence); n != len(evs) {
				t.Fatalf("%d evidence after the conversion, want %d", n, len(evs))
			}
		})
	}
}
