package storage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

var _ dossier.WorkingCopier = (*Store)(nil)

// contentBuckets are the top buckets a working copy does not copy whole:
// it fills them with the evidence it keeps (see importEvidence).
var contentBuckets = [][]byte{bucketEvidence, bucketEvidenceByReq, bucketChunks, bucketChunkIndex, bucketContents, bucketPending,
	bucketSummaries, bucketSummaryDirty}

func isContentBucket(name []byte) bool {
	for _, b := range contentBuckets {
		if bytes.Equal(b, name) {
			return true
		}
	}
	return false
}

// WorkingCopy implements dossier.WorkingCopier. The copy is built under a
// temporary name (swept if the process dies) and linked into place at the
// end, so path holds either nothing or the whole copy: every bucket but
// the content ones is copied as it is (identity and ID, catalogues,
// states, deposits, requests, and whatever later versions keep there),
// then evs are imported under their own IDs and fn runs in the final
// transaction.
func (s *Store) WorkingCopy(ctx context.Context, path string, evs []dossier.Evidence, fn func(dossier.Tx) error, progress dossier.Progress) error {
	if _, err := os.Stat(path); err == nil {
		return dossier.E(dossier.FaultExists, path, nil)
	}
	scratch.Sweep(filepath.Dir(path))
	tmp := scratch.CreatingName(path)
	db, err := bbolt.Open(tmp, 0o600, boltOptions())
	if err != nil {
		return fsError(path, err, true)
	}
	dst := &Store{db: db, path: tmp}
	err = s.copyRecords(ctx, db)
	if err == nil {
		err = dst.importEvidence(ctx, s, evs, true, func(t dossier.Tx, _ []dossier.Evidence) error {
			if fn == nil {
				return nil
			}
			return fn(t)
		}, progress)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp, path)
		syncDir(filepath.Dir(path))
	}
	os.Remove(tmp)
	if err != nil {
		if dossier.AsError(err) != nil {
			return err
		}
		return fsError(path, err, true)
	}
	return nil
}

// copyRecords copies every bucket of s but the content ones into the
// empty dst, and makes those empty (the evidence bucket keeps its
// sequence, so that the copy's new evidence IDs follow the source's).
func (s *Store) copyRecords(ctx context.Context, dst *bbolt.DB) error {
	return s.view(func(stx *bbolt.Tx) error {
		c := &copier{ctx: ctx, dst: dst, src: stx, max: compactTxBytes}
		if err := c.begin(); err != nil {
			return err
		}
		defer func() { c.tx.Rollback() }()
		err := stx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			if !isContentBucket(name) {
				return c.bucket(nil, name, b)
			}
			nb, err := c.tx.CreateBucket(name)
			if err == nil && bytes.Equal(name, bucketEvidence) {
				err = nb.SetSequence(b.Sequence())
			}
			return err
		})
		if err != nil {
			return err
		}
		return c.tx.Commit()
	})
}
