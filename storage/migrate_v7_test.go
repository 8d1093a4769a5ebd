package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// stripV7 empties what version 7 added: the facts in evidence_by_req.
func stripV7(tx *bbolt.Tx) error {
	idx := tx.Bucket(bucketEvidenceByReq)
	var keys [][]byte
	idx.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
	for _, k := range keys {
		if err := idx.Put(k, nil); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(6))
}

// writeV6 builds a version 6 dossier holding n evidence items over a few
// requirements, with proof numbers, kinds, one moved and one renumbered,
// all sharing two contents.
func writeV6(t *testing.T, path string, n int) {
	t.Helper()
	st, err := createAt(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.AddEvidence(context.Background(), strings.NewReader("journal"), dossier.Evidence{ReqID: "RIS.INS.01", Name: "a.log", Kind: dossier.KindText, ProofID: "1"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.AddEvidence(context.Background(), strings.NewReader("capture"), dossier.Evidence{ReqID: "RIS.INS.02", Name: "b.png", Kind: dossier.KindImage}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx dossier.Tx) error {
		a.ReqID, a.ProofID = "RIS.INS.03", "2"
		b.ProofID = "1"
		if err := tx.UpdateEvidence(a); err != nil {
			return err
		}
		return tx.UpdateEvidence(b)
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db := openRaw(t, path)
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		for i := 2; i < n; i++ {
			ev := a
			if i%3 == 0 {
				ev = b
			}
			ev.ReqID, ev.Name = fmt.Sprintf("RIS.INS.%02d", 1+i%7), fmt.Sprintf("f%04d%s", i, filepath.Ext(ev.Name))
			if _, err := linkEvidence(tx, ev, false); err != nil {
				return err
			}
		}
		return stripV7(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkFacts fails unless every index entry of s holds the facts of its
// record.
func checkFacts(t testing.TB, s *Store) {
	t.Helper()
	s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketEvidenceByReq).ForEach(func(k, v []byte) error {
			rec, err := getEvidence(tx, fromU64(k[len(k)-8:]))
			if err != nil {
				t.Fatalf("index entry %q: %v", k, err)
			}
			var got dossier.Evidence
			if !decodeFacts(v, &got) {
				t.Fatalf("index entry %q holds no facts", k)
			}
			got.ID, got.ReqID = rec.ID, string(k[:len(k)-9])
			if want := dossier.Facts(rec); !reflect.DeepEqual(got, want) {
				t.Fatalf("facts %+v, record %+v", got, want)
			}
			return nil
		})
	})
}

func TestMigrateFromV6WritesFacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.segur")
	writeV6(t, path, 10)
	st, err := open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkFacts(t, st)
	checkStore(t, st)
	facts, err := st.EvidenceFacts()
	if err != nil || len(facts) != 10 || facts[0].ReqID != "RIS.INS.03" || facts[0].ProofID != "2" || facts[1].ProofID != "1" {
		t.Fatalf("facts after the migration: %+v %v", facts, err)
	}
	var v uint64
	st.view(func(tx *bbolt.Tx) error { v = fromU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)); return nil })
	if v != SchemaVersion {
		t.Fatalf("version %d after the migration", v)
	}
}

// A version 6 file read by this version before its migration (an entry
// without facts) lists the facts from the records.
func TestFactsReadFromRecordsWithoutMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.segur")
	writeV6(t, path, 10)
	db := openRaw(t, path)
	s := &Store{db: db, path: path}
	defer s.Close()
	facts, err := s.EvidenceFacts()
	all, _ := s.ListEvidence("")
	if err != nil || len(facts) != len(all) || len(all) != 10 {
		t.Fatalf("%d facts, %d records: %v", len(facts), len(all), err)
	}
	for i := range all {
		if !reflect.DeepEqual(facts[i], dossier.Facts(all[i])) {
			t.Fatalf("facts %+v, record %+v", facts[i], all[i])
		}
	}
}

const factsChildEnv = "DOSSIER_FACTS_CHILD"

// TestKillDuringFactsMigration converts a version 6 dossier of 2,500
// evidence items in a child process and kills it with SIGKILL after a
// random number of batches (logged, to replay a failure). The file must
// then be at version 6 with no facts, or at version 7 with every fact
// right; the next opening must finish the conversion.
func TestKillDuringFactsMigration(t *testing.T) {
	if p := os.Getenv(factsChildEnv); p != "" {
		stepChild(p, &factsStep)
		return
	}
	template := filepath.Join(t.TempDir(), "v6.segur")
	writeV6(t, template, 2500)
	// batches of 1,000: 3 steps, then "fin"
	killRuns(t, "TestKillDuringFactsMigration", factsChildEnv, template, 4, 4, func(t *testing.T, path string) {
		afterKill(t, path, func(tx *bbolt.Tx, v uint64) {
			filled, entries := 0, 0
			tx.Bucket(bucketEvidenceByReq).ForEach(func(_, val []byte) error {
				entries++
				if len(val) > 0 {
					filled++
				}
				return nil
			})
			t.Logf("after the kill: version %d, %d of %d entries with facts", v, filled, entries)
			if entries != 2500 || !(v == 6 && filled == 0 || v >= 7 && filled == entries) {
				t.Errorf("mixed layout: version %d, %d of %d entries with facts", v, filled, entries)
			}
		})
		s := reopenAfterKill(t, path)
		defer s.Close()
		checkFacts(t, s)
	})
}
