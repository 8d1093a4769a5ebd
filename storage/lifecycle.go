package storage

import (
	"strconv"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var _ dossier.LifecycleStore = (*Store)(nil)

// migrateV2toV3 creates the deposits/ and requests/ buckets and gives the
// dossier its ID.
func migrateV2toV3(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketDeposits, bucketRequests} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	b := tx.Bucket(bucketDossier)
	var in dossier.Info
	if ok, err := get(b, keyInfo, &in); err != nil || !ok {
		return err
	}
	if in.ID != "" {
		return nil
	}
	in.ID = dossier.NewDossierID()
	return put(b, keyInfo, in)
}

// Deposits lists the recorded rounds, oldest first.
func (s *Store) Deposits() ([]dossier.Deposit, error) {
	return list[dossier.Deposit](s, bucketDeposits)
}

// AddDeposit records a round in one transaction, numbering it, with ev.
func (s *Store) AddDeposit(d dossier.Deposit, ev dossier.Event) (dossier.Deposit, error) {
	err := s.update(func(tx *bbolt.Tx) error {
		return inTx(tx, func(dtx dossier.Tx) error {
			b := tx.Bucket(bucketDeposits)
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			d.Round = int(seq)
			if err := put(b, u64(seq), d); err != nil {
				return err
			}
			return recordNumbered(dtx, ev, d.Round)
		})
	})
	return d, err
}

// recordNumbered records ev, its Subject set to n when empty.
func recordNumbered(dtx dossier.Tx, ev dossier.Event, n int) error {
	if ev.Subject == "" {
		ev.Subject = strconv.Itoa(n)
	}
	_, err := dtx.Record(ev)
	return err
}

// Requests lists the ANS requests by number.
func (s *Store) Requests() ([]dossier.Request, error) {
	return list[dossier.Request](s, bucketRequests)
}

// SaveRequest records a request (numbered when r.N is 0) and the given
// requirement states in one transaction.
func (s *Store) SaveRequest(r dossier.Request, states []dossier.ReqState, ev dossier.Event) (dossier.Request, error) {
	err := s.update(func(tx *bbolt.Tx) error {
		return inTx(tx, func(dtx dossier.Tx) error {
			if err := saveRequest(tx, &r, states); err != nil {
				return err
			}
			return recordNumbered(dtx, ev, r.N)
		})
	})
	return r, err
}

// saveRequest writes r (numbering it when new) and states in tx.
func saveRequest(tx *bbolt.Tx, r *dossier.Request, states []dossier.ReqState) error {
	b := tx.Bucket(bucketRequests)
	if r.N == 0 {
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.N = int(seq)
	} else if b.Get(u64(uint64(r.N))) == nil {
		return dossier.E(dossier.FaultNoRequest, "", nil)
	}
	for _, st := range states {
		if err := put(tx.Bucket(bucketStates), []byte(st.ReqID), st); err != nil {
			return err
		}
	}
	return put(b, u64(uint64(r.N)), *r)
}

// list decodes every record of a bucket keyed by sequence, in key order.
func list[T any](s *Store, bucket []byte) ([]T, error) {
	var out []T
	err := s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(_, v []byte) error {
			var x T
			if err := decode(v, &x); err != nil {
				return err
			}
			out = append(out, x)
			return nil
		})
	})
	return out, err
}
