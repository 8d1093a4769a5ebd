package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// migrateV4toV5 gives a version 4 dossier its journal and its signing
// key, in one transaction that also sets version 5: a crash leaves the
// file at version 4, and the next opening runs it again. The journal
// starts with one journal_started event recording the state found: how
// many requirement states and evidence items the dossier held, the
// SHA-256 of their records as stored, and the new key's fingerprint.
func migrateV4toV5(db *bbolt.DB) error {
	return db.Update(func(btx *bbolt.Tx) error {
		meta := btx.Bucket(bucketMeta)
		if fromU64(meta.Get(keySchemaVersion)) >= 5 {
			return nil
		}
		journal, err := btx.CreateBucketIfNotExists(bucketJournal)
		if err != nil {
			return err
		}
		fp, err := ensureSigningKey(btx)
		if err != nil {
			return err
		}
		if k, _ := journal.Cursor().First(); k == nil {
			if _, err := appendEvent(btx, stateFound(btx, fp), time.Now().UTC()); err != nil {
				return err
			}
		}
		return meta.Put(keySchemaVersion, u64(5))
	})
}

// stateFound is the first event of a migrated dossier's journal.
func stateFound(btx *bbolt.Tx, fingerprint string) dossier.Event {
	h := sha256.New()
	var states, evidence int
	for _, b := range []struct {
		name []byte
		n    *int
	}{{bucketStates, &states}, {bucketEvidence, &evidence}} {
		h.Write(b.name)
		btx.Bucket(b.name).ForEach(func(k, v []byte) error {
			*b.n++
			h.Write([]byte(strconv.Itoa(len(k)) + ":"))
			h.Write(k)
			h.Write([]byte(strconv.Itoa(len(v)) + ":"))
			h.Write(v)
			return nil
		})
	}
	var f []dossier.FieldChange
	f = append(f, dossier.FieldChange{Field: "requirements", New: strconv.Itoa(states)})
	f = append(f, dossier.FieldChange{Field: "evidence", New: strconv.Itoa(evidence)})
	f = append(f, dossier.FieldChange{Field: dossier.FieldKey, New: fingerprint})
	return dossier.Event{Kind: dossier.EventJournalStarted, SHA256: hex.EncodeToString(h.Sum(nil)), Fields: f}
}
