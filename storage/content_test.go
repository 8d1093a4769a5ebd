package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// randomStream is a deterministic pseudo-random content of n bytes.
func randomStream(seed uint64, n int64) io.Reader {
	var s [32]byte
	s[0] = byte(seed)
	s[1] = byte(seed >> 8)
	return io.LimitReader(rand.NewChaCha8(s), n)
}

func digestOf(t testing.TB, r io.Reader) (string, int64) {
	t.Helper()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

func storeOf(t *testing.T) (*Store, string) {
	t.Helper()
	path, svc := create(t)
	svc.Close()
	st, err := Opener{}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.(*Store), path
}

// countIn counts the keys (buckets included) of a top-level bucket.
func countIn(t *testing.T, s *Store, bucket []byte) int {
	t.Helper()
	n := 0
	s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(_, _ []byte) error { n++; return nil })
	})
	return n
}

func TestContentRoundTripAcrossChunkAndBatchEdges(t *testing.T) {
	s, _ := storeOf(t)
	sizes := []int64{1, chunkSize - 1, chunkSize, chunkSize + 1, batchChunks * chunkSize, batchChunks*chunkSize + 7, 2*batchChunks*chunkSize + chunkSize/2}
	for i, n := range sizes {
		want, _ := digestOf(t, randomStream(uint64(i), n))
		var reports []int64
		ev, err := s.AddEvidence(context.Background(), randomStream(uint64(i), n), dossier.Evidence{ReqID: "RIS.INS.01", Name: "f"}, nil,
			func(done, _ int64) { reports = append(reports, done) })
		if err != nil {
			t.Fatalf("size %d: %v", n, err)
		}
		if ev.Size != n || ev.SHA256 != want || ev.ID == 0 {
			t.Fatalf("size %d: recorded %+v", n, ev)
		}
		if len(reports) == 0 || reports[len(reports)-1] != n {
			t.Fatalf("size %d: progress %v", n, reports)
		}
		rc, err := s.OpenContent(ev.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		// Read a few bytes one at a time, then the rest, across chunk edges.
		h := sha256.New()
		k1, err1 := io.Copy(h, iotest.OneByteReader(io.LimitReader(rc, 3)))
		k2, err2 := io.Copy(h, rc)
		rc.Close()
		if err1 != nil || err2 != nil || k1+k2 != n || hex.EncodeToString(h.Sum(nil)) != want {
			t.Fatalf("size %d: read back %d bytes (%v %v), same content: %v", n, k1+k2, err1, err2, hex.EncodeToString(h.Sum(nil)) == want)
		}
		// Read again a whole chunk at a time, as the export does: each
		// chunk goes straight from the mapping into the caller's buffer.
		if rc, err = s.OpenContent(ev.SHA256); err != nil {
			t.Fatal(err)
		}
		h.Reset()
		k, err := io.CopyBuffer(h, struct{ io.Reader }{rc}, make([]byte, 1<<20))
		rc.Close()
		if err != nil || k != n || hex.EncodeToString(h.Sum(nil)) != want {
			t.Fatalf("size %d: read back by whole chunks %d bytes (%v), same content: %v", n, k, err, hex.EncodeToString(h.Sum(nil)) == want)
		}
	}
	if countIn(t, s, bucketPending) != 0 {
		t.Fatal("pending chunks left after successful ingests")
	}
	evs, err := s.ListEvidence("RIS.INS.01")
	if err != nil || len(evs) != len(sizes) {
		t.Fatalf("list: %d %v", len(evs), err)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].ID <= evs[i-1].ID {
			t.Fatal("list not in the order added")
		}
	}
}

func TestIdenticalContentStoredOnceAndFreedWithLastReference(t *testing.T) {
	s, _ := storeOf(t)
	n := int64(3*chunkSize + 5)
	add := func(req string) dossier.Evidence {
		ev, err := s.AddEvidence(context.Background(), randomStream(9, n), dossier.Evidence{ReqID: req, Name: "x"}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	a, b := add("RIS.INS.01"), add("RIS.INS.02")
	if a.SHA256 != b.SHA256 || a.ID == b.ID {
		t.Fatalf("two records expected on one content: %+v %+v", a, b)
	}
	if got := countIn(t, s, bucketContents); got != 1 {
		t.Fatalf("%d contents for identical content", got)
	}
	if got := countIn(t, s, bucketChunkIndex); got != 4 {
		t.Fatalf("%d chunks stored for a content of 4 chunks", got)
	}
	if err := deleteEvidence(s, a.ID); err != nil {
		t.Fatal(err)
	}
	rc, err := s.OpenContent(b.SHA256)
	if err != nil {
		t.Fatalf("content freed while still referenced: %v", err)
	}
	if d, m := digestOf(t, rc); d != b.SHA256 || m != n {
		t.Fatal("remaining reference reads wrong content")
	}
	if err := deleteEvidence(s, b.ID); err != nil {
		t.Fatal(err)
	}
	if countIn(t, s, bucketContents) != 0 || countIn(t, s, bucketChunkIndex) != 0 || countIn(t, s, bucketChunks) != 0 {
		t.Fatal("content kept after its last reference was deleted")
	}
	if _, err := s.OpenContent(b.SHA256); !errors.Is(err, dossier.ErrNotFound) {
		t.Fatalf("open freed content: %v", err)
	}
	if err := deleteEvidence(s, b.ID); !errors.Is(err, dossier.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
	if counts, _ := s.EvidenceCounts(); len(counts) != 0 {
		t.Fatalf("index left behind: %v", counts)
	}
}

// cancelAfter cancels its context after n bytes.
type cancelAfter struct {
	r      io.Reader
	n      int64
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n -= int64(k)
	if c.n <= 0 {
		c.cancel()
	}
	return k, err
}

func TestCancelAndReadErrorDropPendingChunks(t *testing.T) {
	s, _ := storeOf(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfter{r: randomStream(1, 100*chunkSize), n: 2 * batchChunks * chunkSize, cancel: cancel}
	_, err := s.AddEvidence(ctx, r, dossier.Evidence{ReqID: "RIS.INS.01", Name: "x"}, nil, nil)
	if !errors.Is(err, dossier.ErrCancelled) {
		t.Fatalf("cancel: %v", err)
	}
	boom := errors.New("disque arraché")
	_, err = s.AddEvidence(context.Background(), io.MultiReader(randomStream(2, 20*chunkSize), iotest.ErrReader(boom)),
		dossier.Evidence{ReqID: "RIS.INS.01", Name: "y"}, nil, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("read error: %v", err)
	}
	if countIn(t, s, bucketPending) != 0 || countIn(t, s, bucketContents) != 0 || countIn(t, s, bucketChunkIndex) != 0 ||
		countIn(t, s, bucketChunks) != 0 || countIn(t, s, bucketEvidence) != 0 {
		t.Fatal("a failed ingest left data behind")
	}
}

// deleteEvidence deletes one evidence item in its own transaction.
func deleteEvidence(s *Store, id uint64) error {
	return s.Update(func(tx dossier.Tx) error { return tx.DeleteEvidence(id) })
}

func TestPendingSweptAtOpen(t *testing.T) {
	s, path := storeOf(t)
	kept, err := s.AddEvidence(context.Background(), randomStream(4, 2*chunkSize), dossier.Evidence{ReqID: "RIS.INS.01", Name: "k"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// What a killed ingest leaves: a pending list naming a chunk of its
	// own and a chunk it shares with a linked content.
	first, _ := digestOf(t, randomStream(4, chunkSize))
	shared, _ := digestKey(first)
	own := sha256.Sum256([]byte("own"))
	err = s.update(func(tx *bbolt.Tx) error {
		table := newChunkTable(tx, false)
		if err := table.store(own[:], []byte("own")); err != nil {
			return err
		}
		list, _, err := pendingList(tx.Bucket(bucketPending), nil)
		if err != nil {
			return err
		}
		for i, d := range [][]byte{shared, own[:]} {
			if err := table.ref(d); err != nil {
				return err
			}
			if err := list.Put(u64(uint64(i)), d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	st, err := open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if countIn(t, st, bucketPending) != 0 || countIn(t, st, bucketChunkIndex) != 2 {
		t.Fatalf("after the sweep: %d pending, %d chunks (want 0, 2)", countIn(t, st, bucketPending), countIn(t, st, bucketChunkIndex))
	}
	st.view(func(tx *bbolt.Tx) error {
		if e, _ := lookupChunk(tx.Bucket(bucketChunkIndex), shared); e.refs != 1 {
			t.Errorf("shared chunk has %d references after the sweep, want 1", e.refs)
		}
		return nil
	})
	rc, err := st.OpenContent(kept.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := digestOf(t, rc); d != kept.SHA256 {
		t.Fatal("linked content damaged by the sweep")
	}
}
