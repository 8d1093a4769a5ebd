package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// twoCopies makes a dossier with one proof and a working copy of it; both
// stores are open for writing.
func twoCopies(t *testing.T) (a, b *Store) {
	t.Helper()
	a, _ = storeOf(t)
	if _, err := a.AddEvidence(context.Background(), randomStream(1, 3*chunkSize+5), dossier.Evidence{ReqID: "RIS.INS.01", Name: "commun.bin"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	evs, _ := a.ListEvidence("")
	path := filepath.Join(t.TempDir(), "copie.segur")
	if err := a.WorkingCopy(context.Background(), path, evs, nil, nil); err != nil {
		t.Fatal(err)
	}
	st, err := Opener{}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b = st.(*Store)
	checkStore(t, b)
	// The same dossier: its ID and its signing key.
	ia, _ := a.Info()
	ib, _ := b.Info()
	ka, erra := a.SigningKey()
	kb, errb := b.SigningKey()
	if ia.ID == "" || ia.ID != ib.ID || erra != nil || errb != nil || !ka.Equal(kb) {
		t.Fatalf("working copy: ID %q/%q, keys equal %v (%v, %v)", ia.ID, ib.ID, ka.Equal(kb), erra, errb)
	}
	return a, b
}

// TestImportCopiesOnlyMissingChunks: a content of the other copy that
// shares chunks with one held is imported with only its new chunks
// written, across several transactions; references stay exact.
func TestImportCopiesOnlyMissingChunks(t *testing.T) {
	a, b := twoCopies(t)
	// Shares its first 3 chunks with commun.bin, then 2.5 batches more.
	shared := io.MultiReader(randomStream(1, 3*chunkSize), randomStream(9, int64(5*importBatchBytes/2)))
	ev, err := b.AddEvidence(context.Background(), shared, dossier.Evidence{ReqID: "RIS.INS.02", Name: "gros.bin"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	chunksBefore := countChunks(t, a)
	var reports int
	err = a.ImportEvidence(context.Background(), b, []dossier.Evidence{ev}, nil, func(done, total int64) { reports++ })
	if err != nil {
		t.Fatal(err)
	}
	checkStore(t, a)
	got, err := a.ListEvidence("RIS.INS.02")
	if err != nil || len(got) != 1 || got[0].SHA256 != ev.SHA256 || got[0].Name != "gros.bin" {
		t.Fatalf("imported: %+v %v", got, err)
	}
	newChunks := countChunks(t, a) - chunksBefore
	want := (5*importBatchBytes/2 + chunkSize - 1) / chunkSize
	if newChunks != want {
		t.Fatalf("%d chunks written, want %d (the shared ones are not copied)", newChunks, want)
	}
	if reports < 2 {
		t.Fatalf("%d progress reports, want one per transaction", reports)
	}
	checkStore(t, b)
}

func countChunks(t *testing.T, s *Store) int {
	t.Helper()
	return countIn(t, s, bucketChunkIndex)
}

// TestImportGrowsTheFileAhead: an import makes room for what it copies
// in one growth of the file, not one per transaction (each growth waits
// for the disk), and the dossier stays sound.
func TestImportGrowsTheFileAhead(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("the file is grown ahead on Linux and macOS only")
	}
	a, b := twoCopies(t)
	size := int64(5 * importBatchBytes / 2)
	ev, err := b.AddEvidence(context.Background(), randomStream(9, size), dossier.Evidence{ReqID: "RIS.INS.02", Name: "gros.bin"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	err = a.ImportEvidence(context.Background(), b, []dossier.Evidence{ev}, nil, func(done, total int64) {
		fi, err := os.Stat(a.path)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, fi.Size())
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sizes) < 3 {
		t.Fatalf("%d transactions, want at least 3", len(sizes))
	}
	for _, s := range sizes[1:] {
		if s != sizes[0] {
			t.Fatalf("file sizes after each transaction: %v, want one growth before the first", sizes)
		}
	}
	checkStore(t, a)
	r, err := a.OpenContent(ev.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	h := sha256.New()
	if n, err := io.Copy(h, r); err != nil || n != size || hex.EncodeToString(h.Sum(nil)) != ev.SHA256 {
		t.Fatalf("imported content: %d bytes, %v", n, err)
	}
}
