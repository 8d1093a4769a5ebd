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

var _ dossier.LifecycleTx = (*tx)(nil)

// Deposits implements dossier.LifecycleTx.
func (t *tx) Deposits() ([]dossier.Deposit, error) {
	return listIn[dossier.Deposit](t.btx, bucketDeposits)
}

// AddDeposit implements dossier.LifecycleTx: the round is numbered.
func (t *tx) AddDeposit(d dossier.Deposit) (dossier.Deposit, error) {
	b := t.btx.Bucket(bucketDeposits)
	seq, err := b.NextSequence()
	if err != nil {
		return dossier.Deposit{}, err
	}
	d.Round = int(seq)
	return d, put(b, u64(seq), d)
}

// Requests implements dossier.LifecycleTx.
func (t *tx) Requests() ([]dossier.Request, error) {
	return listIn[dossier.Request](t.btx, bucketRequests)
}

// SaveRequest implements dossier.LifecycleTx: a new request (N 0) is
// numbered; an unknown N is refused.
func (t *tx) SaveRequest(r dossier.Request) (dossier.Request, error) {
	b := t.btx.Bucket(bucketRequests)
	if r.N == 0 {
		seq, err := b.NextSequence()
		if err != nil {
			return dossier.Request{}, err
		}
		r.N = int(seq)
	} else if r.N < 0 || b.Get(u64(uint64(r.N))) == nil {
		return dossier.Request{}, dossier.E(dossier.FaultNoRequest, strconv.Itoa(r.N), nil)
	}
	return r, put(b, u64(uint64(r.N)), r)
}

// Requests lists the ANS requests by number.
func (s *Store) Requests() ([]dossier.Request, error) {
	return list[dossier.Request](s, bucketRequests)
}

// list decodes every record of a bucket keyed by sequence, in key order.
func list[T any](s *Store, bucket []byte) (out []T, err error) {
	err = s.view(func(tx *bbolt.Tx) error {
		out, err = listIn[T](tx, bucket)
		return err
	})
	return out, err
}

// listIn is list in the transaction tx.
func listIn[T any](tx *bbolt.Tx, bucket []byte) ([]T, error) {
	var out []T
	err := tx.Bucket(bucket).ForEach(func(_, v []byte) error {
		var x T
		if err := decode(v, &x); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}
