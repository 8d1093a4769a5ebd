package storage

import (
	"bytes"
	"context"
	"os"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestFileOffsetOfMappedAndHeapValues: a chunk read in a transaction is
// found at its offset in the file (the bytes a stream then preads), and a
// value bbolt copied to the heap (a small inline bucket's) has none: it
// is copied as it is, and no advice may touch the heap around it (advice
// on such pages once zeroed unrelated strings).
func TestFileOffsetOfMappedAndHeapValues(t *testing.T) {
	s, path := storeOf(t)
	if _, err := s.AddEvidence(context.Background(), randomStream(7, 2*chunkSize), dossier.Evidence{ReqID: "RIS.INS.01", Name: "f"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heap := bytes.Repeat([]byte{0xAA}, 1<<16)
	checked := 0
	err = s.view(func(tx *bbolt.Tx) error {
		if _, ok := fileOffset(tx, heap[5000:5100]); ok {
			t.Error("a heap slice was placed in the file")
		}
		return tx.Bucket(bucketChunks).ForEachBucket(func(k []byte) error {
			return tx.Bucket(bucketChunks).Bucket(k).ForEach(func(_, v []byte) error {
				off, ok := fileOffset(tx, v)
				if !ok {
					t.Fatalf("a %d-byte chunk is not in the mapping", len(v))
				}
				got := make([]byte, len(v))
				if _, err := f.ReadAt(got, off); err != nil || !bytes.Equal(got, v) {
					t.Fatalf("the file at offset %d is not the chunk (%v)", off, err)
				}
				checked++
				return nil
			})
		})
	})
	if err != nil || checked != 2 {
		t.Fatalf("%d chunks checked, %v", checked, err)
	}
	if bytes.IndexByte(heap, 0) >= 0 {
		t.Fatal("heap bytes zeroed")
	}
}

// TestReadAheadFollowsAStream: reads that follow each other in the file
// (with small gaps, as an export's contents do) are asked for ahead of
// time, each byte once, in requests that grow to maxAhead and are not
// made for every read; a read elsewhere starts again with only what is
// left of its content.
func TestReadAheadFollowsAStream(t *testing.T) {
	var ra readAhead
	const chunk = 1 << 20
	start := int64(100 << 20)
	// A first read alone asks for nothing: its pread reads it.
	if _, size := ra.advance(start, 10<<10, 0); size != 0 {
		t.Fatalf("a lone small read asked for %d bytes", size)
	}
	asked := start + 10<<10 // the requests so far cover up to asked
	requests := 0
	off := asked + 4096
	for i := range 400 {
		n := int64(chunk)
		if i%3 == 2 {
			n = 10 << 10 // a small content
		}
		from, size := ra.advance(off, n, 0)
		if size > 0 {
			requests++
			if from != max(asked, off) {
				t.Fatalf("read %d: asked from %d, the last request ended at %d", i, from, asked)
			}
			asked = from + size
		}
		if asked < off+n || i >= 10 && asked-off-n < maxAhead-aheadStep-chunk {
			t.Fatalf("read %d at %d+%d: only asked up to %d", i, off, n, asked)
		}
		if asked > off+n+maxAhead {
			t.Fatalf("read %d: asked %d bytes ahead, more than %d", i, asked-off-n, maxAhead)
		}
		off += n + 4096*int64(i%5) // gaps: other records between contents
	}
	if asked-off < maxAhead-aheadStep-16<<10 {
		t.Fatalf("the window did not grow: %d bytes ahead at the end", asked-off)
	}
	if requests > 400/4 {
		t.Fatalf("%d requests for 400 reads", requests)
	}
	// A read far away: its own chunk and the rest of its content (at most
	// prefetchAhead), nothing from the old window.
	far := int64(5 << 30)
	from, size := ra.advance(far, chunk, 100<<20)
	if from != far || size != chunk+prefetchAhead {
		t.Fatalf("far read: asked [%d, +%d), want [%d, +%d)", from, size, far, chunk+prefetchAhead)
	}
	if _, size := ra.advance(1<<30, 10<<10, 0); size != 0 {
		t.Fatalf("an isolated small read asked for %d bytes", size)
	}
}
