package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// v3Content is one content of a schema 3 dossier and the requirements
// whose evidence holds it.
type v3Content struct {
	seed uint64
	size int64
	reqs []string
}

// writeV3 builds a dossier file as schema version 3 wrote it: each content
// under blobs/<sha256>/ with its reference count, its chunks in batches of
// 8 under chunks/<first index>/<index>, and the evidence records.
func writeV3(t testing.TB, path string, contents []v3Content) []dossier.Evidence {
	t.Helper()
	st, err := createAt(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db := openRaw(t, path)
	defer db.Close()
	var evs []dossier.Evidence
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketChunks, bucketChunkIndex, bucketContents} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if err := stripV5(tx); err != nil {
			return err
		}
		blobs, err := tx.CreateBucket(bucketBlobs)
		if err != nil {
			return err
		}
		for _, c := range contents {
			data, err := io.ReadAll(randomStream(c.seed, c.size))
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			blob, _ := blobs.CreateBucket(sum[:])
			if err := put(blob, keyInfo, contentInfo{Size: c.size, Refs: len(c.reqs)}); err != nil {
				return err
			}
			chunks, _ := blob.CreateBucket(keyChunks)
			var batch *bbolt.Bucket
			for i := 0; i*chunkSize < len(data); i++ {
				if i%8 == 0 {
					batch, _ = chunks.CreateBucket(u64(uint64(i)))
				}
				end := min((i+1)*chunkSize, len(data))
				if err := batch.Put(u64(uint64(i)), data[i*chunkSize:end]); err != nil {
					return err
				}
			}
			for _, req := range c.reqs {
				ev, err := putNewEvidence(tx, dossier.Evidence{ReqID: req, Name: "v3.bin", Size: c.size, SHA256: hex.EncodeToString(sum[:])})
				if err != nil {
					return err
				}
				evs = append(evs, ev)
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(3))
	})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// createAt makes a new, empty dossier at path.
func createAt(path string) (dossier.Store, error) {
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		return nil, err
	}
	return Opener{}.Create(path, newInfo(), cat, dossier.Event{Kind: dossier.EventCreated})
}

// checkStore checks every index entry's facts (checkFacts), every
// evidence's content against its digest and every
// reference count against the lists: chunk_refs must equal the number of
// list entries naming each chunk, each chunk must be stored, and each
// content's refs must equal the evidence holding it.
func checkStore(t testing.TB, s *Store) {
	t.Helper()
	checkFacts(t, s)
	checkSummaries(t, s)
	evs, err := s.ListEvidence("")
	if err != nil {
		t.Fatal(err)
	}
	holders := map[string]int{}
	for _, ev := range evs {
		holders[ev.SHA256]++
		rc, err := s.OpenContent(ev.SHA256)
		if err != nil {
			t.Fatalf("evidence %d: %v", ev.ID, err)
		}
		d, n := digestOf(t, rc)
		if d != ev.SHA256 || n != ev.Size {
			t.Fatalf("evidence %d: content differs (%d of %d bytes)", ev.ID, n, ev.Size)
		}
	}
	s.view(func(tx *bbolt.Tx) error {
		named := map[string]int{}
		count := func(list *bbolt.Bucket) {
			list.ForEach(func(_, d []byte) error { named[string(d)]++; return nil })
		}
		contents := tx.Bucket(bucketContents)
		contents.ForEachBucket(func(k []byte) error {
			var info contentInfo
			get(contents.Bucket(k), keyInfo, &info)
			if info.Refs != holders[hex.EncodeToString(k)] {
				t.Errorf("content %x: refs %d, held by %d evidence", k[:4], info.Refs, holders[hex.EncodeToString(k)])
			}
			count(contents.Bucket(k).Bucket(keyList))
			return nil
		})
		if n := len(holders); n != countBuckets(contents) {
			t.Errorf("%d contents stored, %d held", countBuckets(contents), n)
		}
		pending := tx.Bucket(bucketPending)
		pending.ForEachBucket(func(k []byte) error { count(pending.Bucket(k).Bucket(keyList)); return nil })
		index, chunks := tx.Bucket(bucketChunkIndex), tx.Bucket(bucketChunks)
		stored := 0
		index.ForEach(func(d, _ []byte) error {
			e, _ := lookupChunk(index, d)
			if int(e.refs) != named[string(d)] {
				t.Errorf("chunk %x: %d references counted, %d list entries", d[:4], e.refs, named[string(d)])
			}
			if v := chunkData(chunks, e); v == nil || sha256.Sum256(v) != [32]byte(d) {
				t.Errorf("chunk %x: not stored where its entry says", d[:4])
			}
			return nil
		})
		chunks.ForEachBucket(func(k []byte) error {
			chunks.Bucket(k).ForEach(func(_, _ []byte) error { stored++; return nil })
			return nil
		})
		if stored != index.Stats().KeyN {
			t.Errorf("%d chunks stored, %d indexed", stored, index.Stats().KeyN)
		}
		for d := range named {
			if index.Get([]byte(d)) == nil {
				t.Errorf("listed chunk %x not stored", []byte(d)[:4])
			}
		}
		return nil
	})
}

func countBuckets(b *bbolt.Bucket) int {
	n := 0
	b.ForEachBucket(func([]byte) error { n++; return nil })
	return n
}

func TestMigrateFromV3SharesChunksAndKeepsEvidence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.segur")
	big := v3Content{seed: 11, size: 20*chunkSize + 123, reqs: []string{"RIS.INS.01", "RIS.INS.02"}}
	before := writeV3(t, path, []v3Content{big, {seed: 12, size: 5000, reqs: []string{"RIS.INS.01"}}, {seed: 13, size: 2*chunkSize + 1, reqs: []string{"RIS.INS.03"}}})
	var reports [][2]int64
	st, err := Opener{}.OpenProgress(path, func(done, total int64) { reports = append(reports, [2]int64{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	s := st.(*Store)
	defer s.Close()
	wantTotal := big.size + 5000 + 2*chunkSize + 1
	// The conversion's reports (bytes), then the summaries' (entries).
	conv := reports
	for i, r := range reports {
		if r == [2]int64{wantTotal, wantTotal} {
			conv = reports[:i+1]
			break
		}
	}
	if len(conv) < 3 || conv[0] != [2]int64{0, wantTotal} || conv[len(conv)-1] != [2]int64{wantTotal, wantTotal} {
		t.Fatalf("progress %v, want several reports from 0 to %d", reports, wantTotal)
	}
	if rest := reports[len(conv):]; len(rest) < 2 || rest[0] != [2]int64{0, 4} || rest[len(rest)-1] != [2]int64{4, 4} {
		t.Fatalf("progress of the summaries %v, want reports from 0 to 4 entries", rest)
	}
	s.view(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if v := fromU64(meta.Get(keySchemaVersion)); v != SchemaVersion || meta.Get(keyMigrating) != nil || tx.Bucket(bucketBlobs) != nil {
			t.Errorf("after migration: version %d, marker %v, blobs %v", v, meta.Get(keyMigrating) != nil, tx.Bucket(bucketBlobs) != nil)
		}
		return nil
	})
	evs, err := s.ListEvidence("")
	if err != nil || len(evs) != len(before) {
		t.Fatalf("%d evidence after migration, want %d (%v)", len(evs), len(before), err)
	}
	checkStore(t, s)
	if n := countIn(t, s, bucketChunkIndex); n != 21+1+3 {
		t.Fatalf("%d chunks after migration, want 25", n)
	}
	// The same content attached again shares every migrated chunk.
	again, err := s.AddEvidence(context.Background(), randomStream(big.seed, big.size), dossier.Evidence{ReqID: "RIS.INS.04", Name: "encore"}, nil, nil)
	if err != nil || again.SHA256 != before[0].SHA256 {
		t.Fatalf("attach again: %v", err)
	}
	if n := countIn(t, s, bucketChunkIndex); n != 25 {
		t.Fatalf("%d chunks after attaching a migrated content again, want 25", n)
	}
	for _, ev := range []dossier.Evidence{before[0], again} {
		if err := deleteEvidence(s, ev.ID); err != nil {
			t.Fatal(err)
		}
	}
	checkStore(t, s)
	if n := countIn(t, s, bucketChunkIndex); n != 25 {
		t.Fatalf("content freed while evidence %d still holds it (%d chunks)", before[1].ID, n)
	}
	if err := deleteEvidence(s, before[1].ID); err != nil {
		t.Fatal(err)
	}
	checkStore(t, s)
	if n := countIn(t, s, bucketChunkIndex); n != 4 {
		t.Fatalf("%d chunks after deleting the shared content, want 4", n)
	}
}

func TestMigrateResumesAfterAnyStep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.segur")
	writeV3(t, path, []v3Content{{seed: 21, size: 3*batchChunks*chunkSize + 9, reqs: []string{"RIS.INS.01", "RIS.INS.02"}}, {seed: 22, size: 10, reqs: []string{"RIS.INS.02"}}})
	db := openRaw(t, path)
	// Run the first transactions by hand, as a killed conversion leaves
	// them: the marker, then two bounded steps.
	db.Update(func(tx *bbolt.Tx) error {
		for _, name := range topBuckets {
			tx.CreateBucketIfNotExists(name)
		}
		tx.Bucket(bucketMeta).Put(keyMigrating, []byte{1})
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(4))
	})
	for range 2 {
		if err := db.Update(func(tx *bbolt.Tx) error { _, _, err := migrateStep(tx, migrateTxBytes); return err }); err != nil {
			t.Fatal(err)
		}
	}
	var left int
	db.View(func(tx *bbolt.Tx) error {
		left = countBuckets(tx.Bucket(bucketBlobs))
		return nil
	})
	db.Close()
	if left == 0 {
		t.Fatal("two steps converted everything: the test proves nothing")
	}
	s, err := open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkStore(t, s)
	if n := countIn(t, s, bucketEvidence); n != 3 {
		t.Fatalf("%d evidence after resuming, want 3", n)
	}
}
