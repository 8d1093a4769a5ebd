package storage

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestCompactGivesSpaceBackAndKeepsEverything(t *testing.T) {
	s, path := storeOf(t)
	add := func(seed uint64, n int64) dossier.Evidence {
		ev, err := s.AddEvidence(context.Background(), randomStream(seed, n), dossier.Evidence{ReqID: "RIS.INS.01", Name: "f"}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	keep := add(1, 5*chunkSize+11)
	gone := add(2, 40*chunkSize)
	if err := deleteEvidence(s, gone.ID); err != nil {
		t.Fatal(err)
	}
	before := fileSize(t, path)
	var last, total int64
	if err := s.Compact(context.Background(), func(d, tot int64) { last, total = d, tot }); err != nil {
		t.Fatal(err)
	}
	after := fileSize(t, path)
	if after >= before-30*chunkSize {
		t.Fatalf("compaction gave back too little: %d → %d bytes", before, after)
	}
	if last != total || total <= 0 {
		t.Fatalf("final progress %d/%d", last, total)
	}
	if _, err := os.Stat(path + ".compactage"); !os.IsNotExist(err) {
		t.Fatalf("temporary file left: %v", err)
	}
	// The store keeps working on the new file, and the content survived.
	rc, err := s.OpenContent(keep.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if d, n := digestOf(t, rc); d != keep.SHA256 || n != keep.Size {
		t.Fatal("content damaged by compaction")
	}
	// The copy was written without a sync per commit: the store on it
	// commits durably again.
	if s.db.NoSync {
		t.Fatal("the compacted dossier's commits skip fsync")
	}
	again := add(3, 2*chunkSize)
	// The new file is the one locked: another opener must be refused.
	if _, err := open(path, false); !errors.Is(err, dossier.ErrLocked) {
		t.Fatalf("compacted dossier not locked: %v", err)
	}
	s.Close()
	st, err := open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evs, err := st.ListEvidence("RIS.INS.01")
	if err != nil || len(evs) != 2 || evs[0].ID != keep.ID || evs[1].ID != again.ID {
		t.Fatalf("after reopen: %+v %v", evs, err)
	}
	// Sequences survived: the next ID does not reuse a deleted one.
	next, err := st.AddEvidence(context.Background(), randomStream(4, 10), dossier.Evidence{ReqID: "RIS.INS.01", Name: "g"}, nil, nil)
	if err != nil || next.ID <= again.ID {
		t.Fatalf("ID after compaction: %d (last %d) %v", next.ID, again.ID, err)
	}
}

func TestCompactCancelledBeforeStart(t *testing.T) {
	s, path := storeOf(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := fileSize(t, path)
	if err := s.Compact(ctx, nil); !errors.Is(err, dossier.ErrCancelled) {
		t.Fatalf("cancelled compaction: %v", err)
	}
	if fileSize(t, path) != before {
		t.Fatal("cancelled compaction changed the file")
	}
	if _, err := s.Info(); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func TestCompactCancelledMidCopy(t *testing.T) {
	s, path := storeOf(t)
	// Enough content for several bounded copy transactions.
	ev, err := s.AddEvidence(context.Background(), randomStream(7, 3*compactTxBytes), dossier.Evidence{ReqID: "RIS.INS.01", Name: "v"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	before := fileSize(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	reports := 0
	err = s.Compact(ctx, func(done, total int64) {
		reports++
		if done > 0 && done < total {
			cancel() // the user presses "Annuler" after the first commit
		}
	})
	if !errors.Is(err, dossier.ErrCancelled) || reports == 0 {
		t.Fatalf("cancelled mid-copy: %v after %d reports", err, reports)
	}
	if fileSize(t, path) != before {
		t.Fatal("cancelled compaction changed the dossier")
	}
	if _, err := os.Stat(path + ".compactage"); !os.IsNotExist(err) {
		t.Fatalf("temporary file left: %v", err)
	}
	rc, err := s.OpenContent(ev.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if d, n := digestOf(t, rc); d != ev.SHA256 || n != ev.Size {
		t.Fatal("content damaged by a cancelled compaction")
	}
}
