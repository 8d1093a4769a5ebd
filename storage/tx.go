package storage

import (
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// tx is one write transaction as app/dossier sees it (dossier.Tx).
type tx struct {
	btx *bbolt.Tx
	now time.Time
	// keepOrphans: an ingest is running (see chunkTable).
	keepOrphans bool
	// cats is the store's decoded catalogue; nil decodes it.
	cats *catalogueCache
}

var _ dossier.Tx = (*tx)(nil)

// Update implements dossier.Store: fn's changes and the dossier's
// updated_at are committed in one bbolt transaction.
func (s *Store) Update(fn func(dossier.Tx) error) error {
	var fnErr error
	err := s.update(func(btx *bbolt.Tx) error {
		fnErr = inTxWith(btx, s.ingests.Load() > 0, &s.cats, fn)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	return err
}

// inTx runs fn on btx, then stamps the dossier's updated_at.
func inTx(btx *bbolt.Tx, fn func(dossier.Tx) error) error { return inTxWith(btx, false, nil, fn) }

// inTxWith is inTx keeping zero-reference chunks when keepOrphans, with
// the store's decoded catalogue cats (nil: decoded when asked).
func inTxWith(btx *bbolt.Tx, keepOrphans bool, cats *catalogueCache, fn func(dossier.Tx) error) error {
	t := &tx{btx: btx, now: time.Now().UTC().Truncate(time.Second), keepOrphans: keepOrphans, cats: cats}
	if err := fn(t); err != nil {
		return err
	}
	in, err := t.Info()
	if err != nil {
		return err
	}
	in.UpdatedAt = t.now
	return t.SaveInfo(in)
}

// readTx is btx as a dossier.Tx, for reading what is committed (through
// the store's decoded catalogue) before a write: it stamps nothing.
func (s *Store) readTx(btx *bbolt.Tx) *tx {
	return &tx{btx: btx, now: time.Now().UTC().Truncate(time.Second), cats: &s.cats}
}

func (t *tx) Now() time.Time { return t.now }

// Catalogue implements dossier.Tx: the catalogue in use as the
// transaction sees it, a switch committed before it included.
func (t *tx) Catalogue() (*dossier.Catalogue, error) { return t.cats.current(t.btx) }

func (t *tx) Info() (dossier.Info, error) {
	var in dossier.Info
	ok, err := get(t.btx.Bucket(bucketDossier), keyInfo, &in)
	if err == nil && !ok {
		err = fmt.Errorf("%w: no dossier identity", errCorrupt)
	}
	return in, err
}

func (t *tx) SaveInfo(in dossier.Info) error {
	return put(t.btx.Bucket(bucketDossier), keyInfo, in)
}

func (t *tx) State(reqID string) (dossier.ReqState, error) {
	states := map[string]dossier.ReqState{}
	if raw := t.btx.Bucket(bucketStates).Get([]byte(reqID)); raw != nil {
		var st dossier.ReqState
		if err := decode(raw, &st); err != nil {
			return dossier.ReqState{}, err
		}
		states[reqID] = st
	}
	return dossier.StateOf(states, reqID), nil
}

func (t *tx) SaveState(st dossier.ReqState) error {
	return put(t.btx.Bucket(bucketStates), []byte(st.ReqID), st)
}

func (t *tx) GetEvidence(id uint64) (dossier.Evidence, error) {
	return getEvidence(t.btx, id)
}

// UpdateEvidence implements dossier.Tx. Only the caption, the proof
// number and the requirement can change.
func (t *tx) UpdateEvidence(ev dossier.Evidence) error {
	if ev.ReqID == "" {
		return dossier.E(dossier.FaultInternal, "", errors.New("evidence without requirement"))
	}
	old, err := getEvidence(t.btx, ev.ID)
	if err != nil {
		return err
	}
	next := old
	next.ReqID, next.ProofID, next.Caption = ev.ReqID, ev.ProofID, ev.Caption
	if next.ReqID != old.ReqID {
		if err := deleteIndex(t.btx, old.ReqID, u64(old.ID)); err != nil {
			return err
		}
	}
	// The index entry holds the proof number among its facts.
	if err := putIndex(t.btx, next); err != nil {
		return err
	}
	return put(t.btx.Bucket(bucketEvidence), u64(next.ID), next)
}

// DeleteEvidence implements dossier.Tx: the record and its index entry
// go; the content goes with its last reference.
func (t *tx) DeleteEvidence(id uint64) error {
	ev, err := getEvidence(t.btx, id)
	if err != nil {
		return err
	}
	if err := t.btx.Bucket(bucketEvidence).Delete(u64(id)); err != nil {
		return err
	}
	if err := deleteIndex(t.btx, ev.ReqID, u64(id)); err != nil {
		return err
	}
	return unrefContent(t.btx, ev.SHA256, t.keepOrphans)
}
