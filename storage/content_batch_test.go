package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"testing/iotest"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// streamItem is an Incoming of a generated content.
func streamItem(req string, seed uint64, size int64) dossier.Incoming {
	return dossier.Incoming{Open: func() (dossier.Evidence, io.ReadCloser, error) {
		return dossier.Evidence{ReqID: req, Name: fmt.Sprintf("f%d", seed)}, io.NopCloser(randomStream(seed, size)), nil
	}}
}

func TestBatchAddsManyFilesAndReportsEachFailure(t *testing.T) {
	s, _ := storeOf(t)
	boom := errors.New("lecture impossible")
	var items []dossier.Incoming
	for i := range 1200 {
		items = append(items, streamItem("RIS.INS.01", uint64(i), 16<<10))
	}
	items[10] = dossier.Incoming{Open: func() (dossier.Evidence, io.ReadCloser, error) { return dossier.Evidence{}, nil, boom }}
	items[11] = dossier.Incoming{Open: func() (dossier.Evidence, io.ReadCloser, error) {
		return dossier.Evidence{ReqID: "RIS.INS.01", Name: "cassé"}, io.NopCloser(io.MultiReader(randomStream(99, 2*batchChunks*chunkSize+5), iotest.ErrReader(boom))), nil
	}}
	items[12] = streamItem("", 12, 10)
	items[600] = streamItem("RIS.INS.02", 5, 16<<10)                        // same content as item 5
	items[700] = streamItem("RIS.INS.02", 700, 3*batchChunks*chunkSize+100) // a large one between small ones
	items[701] = dossier.Incoming{Open: items[701].Open, Link: func(tx dossier.Tx, _ dossier.Evidence) error {
		return tx.SaveState(dossier.ReqState{ReqID: "RIS.INS.03", Status: dossier.EnCours})
	}}
	var last int64
	out := s.AddEvidenceBatch(context.Background(), items, func(done, _ int64) { last = done })
	for i, a := range out {
		switch i {
		case 10, 11:
			if !errors.Is(a.Err, boom) {
				t.Fatalf("item %d: %v, want the read error", i, a.Err)
			}
		case 12:
			if !errors.Is(a.Err, dossier.ErrInvalid) {
				t.Fatalf("item without requirement: %v", a.Err)
			}
		default:
			if a.Err != nil || a.Evidence.ID == 0 {
				t.Fatalf("item %d not added: %v", i, a.Err)
			}
		}
	}
	if out[600].Evidence.SHA256 != out[5].Evidence.SHA256 || out[600].Evidence.ReqID != "RIS.INS.02" {
		t.Fatal("identical content in one batch not linked to its own requirement")
	}
	if n := countIn(t, s, bucketEvidence); n != 1197 {
		t.Fatalf("%d evidence, want 1197", n)
	}
	if n := countIn(t, s, bucketContents); n != 1196 {
		t.Fatalf("%d contents, want 1196 (one shared)", n)
	}
	if st, _ := s.States(); st["RIS.INS.03"].Status != dossier.EnCours {
		t.Fatal("promotion not saved")
	}
	if last < 1197*16<<10 {
		t.Fatalf("progress stopped at %d bytes", last)
	}
	checkStore(t, s)
}

func TestReattachWritesNothingAndSharedChunksAreStoredOnce(t *testing.T) {
	s, path := storeOf(t)
	size := int64(4*batchChunks*chunkSize + 11)
	a, err := s.AddEvidence(context.Background(), randomStream(3, size), dossier.Evidence{ReqID: "RIS.INS.01", Name: "a"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	chunks := countIn(t, s, bucketChunkIndex)
	b, err := s.AddEvidence(context.Background(), randomStream(3, size), dossier.Evidence{ReqID: "RIS.INS.02", Name: "b"}, nil, nil)
	if err != nil || b.SHA256 != a.SHA256 {
		t.Fatalf("re-attach: %v", err)
	}
	if after, _ := os.Stat(path); after.Size() > fi.Size()+1<<20 || countIn(t, s, bucketChunkIndex) != chunks {
		t.Fatalf("re-attach grew the file from %d to %d bytes, %d chunks to %d", fi.Size(), after.Size(), chunks, countIn(t, s, bucketChunkIndex))
	}
	// A recording sharing all but its last bytes with a: one new chunk.
	var data bytes.Buffer
	io.Copy(&data, randomStream(3, size))
	data.Bytes()[size-1] ^= 0xff
	c, err := s.AddEvidence(context.Background(), &data, dossier.Evidence{ReqID: "RIS.INS.03", Name: "c"}, nil, nil)
	if err != nil || c.SHA256 == a.SHA256 {
		t.Fatalf("attach variant: %v", err)
	}
	if n := countIn(t, s, bucketChunkIndex); n != chunks+1 {
		t.Fatalf("%d chunks after a one-byte variant, want %d", n, chunks+1)
	}
	checkStore(t, s)
	for _, ev := range []dossier.Evidence{a, b} {
		if err := deleteEvidence(s, ev.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n := countIn(t, s, bucketChunkIndex); n != chunks {
		t.Fatalf("%d chunks once only the variant is left, want %d", n, chunks)
	}
	checkStore(t, s)
}

func TestCancelledBatchKeepsWhatWasLinked(t *testing.T) {
	s, _ := storeOf(t)
	ctx, cancel := context.WithCancel(context.Background())
	var items []dossier.Incoming
	for i := range 3 * batchItems {
		items = append(items, streamItem("RIS.INS.01", uint64(i), 1000))
	}
	items[2*batchItems] = dossier.Incoming{Open: func() (dossier.Evidence, io.ReadCloser, error) {
		cancel()
		return dossier.Evidence{ReqID: "RIS.INS.01", Name: "x"}, io.NopCloser(randomStream(1, 10)), nil
	}}
	out := s.AddEvidenceBatch(ctx, items, nil)
	added := 0
	for i, a := range out {
		if a.Err == nil {
			added++
			continue
		}
		if !errors.Is(a.Err, dossier.ErrCancelled) || !errors.Is(a.Err, &dossier.Error{Fault: dossier.FaultCancelled}) {
			t.Fatalf("item %d: %v", i, a.Err)
		}
	}
	if added < batchItems || added >= 2*batchItems+1 || countIn(t, s, bucketEvidence) != added {
		t.Fatalf("%d added, %d stored; want the committed batches only", added, countIn(t, s, bucketEvidence))
	}
	checkStore(t, s)
}

// TestChunkRepeatedWhileItsBatchCommits attaches a content in which one
// chunk comes back between new ones over several batches, then a second
// item with the same content: each batch is gathered while the one before
// commits, so the chunk is seen again before its first copy is stored. It
// is stored once, every list entry counts one reference, and deleting
// both evidence frees every chunk.
func TestChunkRepeatedWhileItsBatchCommits(t *testing.T) {
	s, _ := storeOf(t)
	block := make([]byte, chunkSize)
	io.ReadFull(randomStream(41, chunkSize), block)
	n := 3 * batchChunks
	content := func() io.Reader {
		var rs []io.Reader
		for i := range n {
			rs = append(rs, bytes.NewReader(block), randomStream(uint64(100+i), chunkSize))
		}
		return io.MultiReader(append(rs, bytes.NewReader([]byte("fin")))...)
	}
	item := func(req string) dossier.Incoming {
		return dossier.Incoming{Open: func() (dossier.Evidence, io.ReadCloser, error) {
			return dossier.Evidence{ReqID: req, Name: "r"}, io.NopCloser(content()), nil
		}}
	}
	out := s.AddEvidenceBatch(context.Background(), []dossier.Incoming{item("RIS.INS.01"), item("RIS.INS.02")}, nil)
	for _, a := range out {
		if a.Err != nil {
			t.Fatal(a.Err)
		}
	}
	want, size := digestOf(t, content())
	if out[0].Evidence.SHA256 != want || out[1].Evidence.SHA256 != want {
		t.Fatal("content recorded with another digest")
	}
	if got := countIn(t, s, bucketChunkIndex); got != n+2 {
		t.Fatalf("%d chunks stored, want %d (the repeated one once)", got, n+2)
	}
	checkStore(t, s)
	rc, err := s.OpenContent(want)
	if err != nil {
		t.Fatal(err)
	}
	if d, m := digestOf(t, rc); d != want || m != size {
		t.Fatal("content reads back wrong")
	}
	for _, a := range out {
		if err := deleteEvidence(s, a.Evidence.ID); err != nil {
			t.Fatal(err)
		}
	}
	if countIn(t, s, bucketChunkIndex) != 0 || countIn(t, s, bucketChunks) != 0 {
		t.Fatal("chunks kept after the last reference was deleted")
	}
}
