package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// The value of an evidence_by_req entry holds the facts of its evidence
// (dossier.Facts): `status`, `check` and the dashboard read them with one
// scan of the small index instead of decoding every record. Layout:
// factsVersion, the 32 bytes of the SHA-256, the size (uvarint), then the
// kind, the proof number and the name, each as a uvarint length and its
// bytes. The requirement and the evidence ID are the key.
const factsVersion = 1

// encodeFacts is the index value of ev; nil when ev's digest is not a
// SHA-256 (never written by this code: the reader then reads the record).
func encodeFacts(ev dossier.Evidence) []byte {
	sum, err := hex.DecodeString(ev.SHA256)
	if err != nil || len(sum) != 32 || ev.Size < 0 {
		return nil
	}
	out := make([]byte, 0, 1+32+binary.MaxVarintLen64+3+len(ev.Kind)+len(ev.ProofID)+len(ev.Name))
	out = append(out, factsVersion)
	out = append(out, sum...)
	out = binary.AppendUvarint(out, uint64(ev.Size))
	for _, s := range []string{string(ev.Kind), ev.ProofID, ev.Name} {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return out
}

// decodeFacts reads an index value written by encodeFacts; false when v
// is empty or not understood.
func decodeFacts(v []byte, ev *dossier.Evidence) bool {
	if len(v) < 1+32 || v[0] != factsVersion {
		return false
	}
	ev.SHA256 = hex.EncodeToString(v[1:33])
	v = v[33:]
	size, n := binary.Uvarint(v)
	if n <= 0 || size > 1<<62 {
		return false
	}
	ev.Size, v = int64(size), v[n:]
	var fields [3]string
	for i := range fields {
		l, n := binary.Uvarint(v)
		if n <= 0 || l > uint64(len(v)-n) {
			return false
		}
		fields[i], v = string(v[n:n+int(l)]), v[n+int(l):]
	}
	ev.Kind, ev.ProofID, ev.Name = dossier.Kind(fields[0]), fields[1], fields[2]
	return len(v) == 0
}

// releaseEntriesEvery is how many index entries listFacts reads between
// two releases of the file mapping: about 25 pages of entries, each
// faulting in up to 64 KiB around it.
const releaseEntriesEvery = 1024

// putIndex writes ev's evidence_by_req entry with its facts: every write
// of an evidence record goes with one, in the same transaction. A change
// of the entry marks its requirement's summary (touchSummary).
func putIndex(tx *bbolt.Tx, ev dossier.Evidence) error {
	b, k, v := tx.Bucket(bucketEvidenceByReq), byReqKey(ev.ReqID, ev.ID), encodeFacts(ev)
	if old := b.Get(k); len(old) > 0 && bytes.Equal(old, v) {
		return nil // a caption changed: not a fact
	}
	if err := b.Put(k, v); err != nil {
		return err
	}
	return touchSummary(tx, ev.ReqID)
}

// deleteIndex deletes the evidence_by_req entry of evidence id under
// reqID and marks the requirement's summary.
func deleteIndex(tx *bbolt.Tx, reqID string, id []byte) error {
	if err := tx.Bucket(bucketEvidenceByReq).Delete(append(append([]byte(reqID), 0), id...)); err != nil {
		return err
	}
	return touchSummary(tx, reqID)
}

// EvidenceFacts implements dossier.EvidenceStore with one scan of the
// index: a record is read only for an entry without facts.
func (s *Store) EvidenceFacts() ([]dossier.Evidence, error) {
	var out []dossier.Evidence
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		out, err = listFacts(tx)
		return err
	})
	return out, err
}

// listFacts lists the facts of every evidence item, ordered by ID.
func listFacts(tx *bbolt.Tx) ([]dossier.Evidence, error) {
	idx := tx.Bucket(bucketEvidenceByReq)
	out := make([]dossier.Evidence, 0, idx.Stats().KeyN)
	var req []byte
	var reqID string
	read := 0
	err := idx.ForEach(func(k, v []byte) error {
		if len(k) < 9 || k[len(k)-9] != 0 {
			return fmt.Errorf("%w: evidence index key %q", errCorrupt, k)
		}
		// Keys come grouped by requirement: one string per requirement.
		if !bytes.Equal(req, k[:len(k)-9]) {
			req, reqID = k[:len(k)-9], string(k[:len(k)-9])
		}
		ev, ok, fromRecord, err := entryFacts(tx, reqID, k, v)
		if err != nil || !ok {
			return err // an entry without record is listed by no one
		}
		if fromRecord {
			if read++; read%releaseRecordsEvery == 0 {
				releaseMapping(tx)
			}
		}
		out = append(out, ev)
		// The index's pages lie spread over the file too (each commit
		// rewrites some): released now and then, like records.
		if len(out)%releaseEntriesEvery == 0 {
			releaseMapping(tx)
		}
		return nil
	})
	return byID(out), err
}

// entryFacts is the facts of the evidence_by_req entry k, v of
// requirement reqID: decoded from v, or from the record when v holds
// none (fromRecord); ok is false for an entry without record.
func entryFacts(tx *bbolt.Tx, reqID string, k, v []byte) (ev dossier.Evidence, ok, fromRecord bool, err error) {
	ev = dossier.Evidence{ID: fromU64(k[len(k)-8:]), ReqID: reqID}
	if decodeFacts(v, &ev) {
		return ev, true, false, nil
	}
	var rec dossier.Evidence
	ok, err = get(tx.Bucket(bucketEvidence), k[len(k)-8:], &rec)
	return dossier.Facts(rec), ok, true, err
}

// byID orders evs by ID, sorting small keys rather than moving the
// items about: the index lists them by requirement.
func byID(evs []dossier.Evidence) []dossier.Evidence {
	type key struct {
		id uint64
		i  int
	}
	keys := make([]key, len(evs))
	for i, ev := range evs {
		keys[i] = key{ev.ID, i}
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Compare(a.id, b.id) })
	out := make([]dossier.Evidence, len(evs))
	for i, k := range keys {
		out[i] = evs[k.i]
	}
	return out
}
