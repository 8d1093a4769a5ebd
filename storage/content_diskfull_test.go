//go:build linux

package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// smallDisk mounts a tmpfs of the given size for the test, or skips it
// when this process may not mount (not root).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v): run as root to test a full disk", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// TestDiskFullDuringAttach fills a 24 MiB disk with a large content, then
// with a batch of small files: each attach fails cleanly (disk full), what
// was linked before stays whole, nothing is left pending, and the dossier
// opens again and takes a small file.
func TestDiskFullDuringAttach(t *testing.T) {
	dir := smallDisk(t, "24m")
	path := filepath.Join(dir, "d.segur")
	st, err := createAt(path)
	if err != nil {
		t.Fatal(err)
	}
	s := st.(*Store)
	first, err := s.AddEvidence(context.Background(), randomStream(1, 3*chunkSize), dossier.Evidence{ReqID: "RIS.INS.01", Name: "avant"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AddEvidence(context.Background(), randomStream(2, 64<<20), dossier.Evidence{ReqID: "RIS.INS.01", Name: "trop gros"}, nil, nil)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("large attach on a full disk: %v", err)
	}
	var items []dossier.Incoming
	for i := range 4000 {
		items = append(items, streamItem("RIS.INS.02", uint64(100+i), 16<<10))
	}
	out := s.AddEvidenceBatch(context.Background(), items, nil)
	added := 0
	for _, a := range out {
		if a.Err == nil {
			added++
		} else if !errors.Is(a.Err, syscall.ENOSPC) {
			t.Fatalf("small file on a full disk: %v", a.Err)
		}
	}
	if added == len(items) {
		t.Fatal("4000 files of 16 KiB fit on the small disk: the test proves nothing")
	}
	if countIn(t, s, bucketEvidence) != added+1 {
		t.Fatalf("%d evidence stored, %d reported added", countIn(t, s, bucketEvidence), added+1)
	}
	s.Close()
	st2, err := open(path, false)
	if err != nil {
		t.Fatalf("dossier does not open after a full disk: %v", err)
	}
	defer st2.Close()
	checkStore(t, st2)
	if countIn(t, st2, bucketPending) != 0 {
		t.Fatal("pending chunks left after a full disk")
	}
	rc, err := st2.OpenContent(first.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := digestOf(t, rc); d != first.SHA256 {
		t.Fatal("evidence linked before the disk filled up is damaged")
	}
	if _, err := st2.AddEvidence(context.Background(), randomStream(3, 100), dossier.Evidence{ReqID: "RIS.INS.03", Name: "petit"}, nil, nil); err != nil {
		t.Fatalf("a small file after the full disk: %v", err)
	}
	if fi, err := os.Stat(path); err == nil {
		t.Logf("dossier size on the full disk: %d bytes, %d small files added", fi.Size(), added)
	}
}
