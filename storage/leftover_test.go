package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

const compactChildEnv = "DOSSIER_COMPACT_CHILD"

// TestKilledCompactionLeavesNothing kills a process compacting a dossier
// (SIGKILL after its first commit): the copy it leaves beside the dossier
// is removed by the next open, even a read-only one, and the dossier is
// whole.
func TestKilledCompactionLeavesNothing(t *testing.T) {
	if path := os.Getenv(compactChildEnv); path != "" {
		s, err := open(path, false)
		if err == nil {
			err = s.Compact(context.Background(), func(done, total int64) { fmt.Println("lot", done) })
		}
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	s, path := storeOf(t)
	ev, err := s.AddEvidence(context.Background(), randomStream(5, 4*compactTxBytes), dossier.Evidence{ReqID: "RIS.INS.01", Name: "v"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledCompactionLeavesNothing$")
	cmd.Env = append(os.Environ(), compactChildEnv+"="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "lot") {
		t.Fatalf("child: %q", lines.Text())
	}
	cmd.Process.Kill()
	cmd.Wait()
	tmp := path + ".compactage"
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("the kill left no copy (the test proves nothing): %v", err)
	}
	r, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the killed compaction's copy is still there: %v", err)
	}
	if err := r.ExtractEvidence(context.Background(), ev.ID, io.Discard); err != nil {
		t.Fatalf("evidence after the killed compaction: %v", err)
	}
}

// TestLiveCompactionCopyIsKept: a copy a live process holds is not a
// leftover.
func TestLiveCompactionCopyIsKept(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	tmp := path + ".compactage"
	live, err := bbolt.Open(tmp, 0o600, nil) // holds it as a compaction does
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	r, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("a live compaction's copy was removed: %v", err)
	}
}

// TestCreationLeftoverRemoved: a dossier whose creation was interrupted
// (disk full, kill) leaves n.segur.creation-PID; creating it again removes
// that file.
func TestCreationLeftoverRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n.segur")
	dead, err := bbolt.Open(path+".creation-999999", 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	dead.Close()
	cat, _ := assets.DefaultCatalogue()
	svc, err := dossier.Create(Opener{}, path, newInfo(), cat)
	if err != nil {
		t.Fatal(err)
	}
	svc.Close()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "n.segur" {
		t.Fatalf("folder holds %v", entries)
	}
}

// TestCompactRefusesWithoutRoom: when the disk lacks room for the copy,
// the compaction says how much it needs before writing anything.
func TestCompactRefusesWithoutRoom(t *testing.T) {
	s, path := storeOf(t)
	if _, err := s.AddEvidence(context.Background(), randomStream(6, 3*chunkSize), dossier.Evidence{ReqID: "RIS.INS.01", Name: "v"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	need, free, err := s.CompactRoom()
	if err != nil || need < 3*chunkSize || free <= 0 {
		t.Fatalf("room: need %d, free %d, %v", need, free, err)
	}
	freeSpace = func(string) (int64, error) { return need - 1, nil }
	defer func() { freeSpace = realFreeSpace }()
	before, _ := os.ReadFile(path)
	err = s.Compact(context.Background(), nil)
	e := dossier.AsError(err)
	if e == nil || e.Fault != dossier.FaultNoRoom || e.Detail != fmt.Sprint(need) {
		t.Fatalf("want FaultNoRoom with the room needed, got %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("the dossier changed")
	}
	if _, err := os.Stat(path + ".compactage"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a copy was started")
	}
}

var realFreeSpace = freeSpace

// TestAttachRefusedWithoutRoom: a file larger than the room left is
// refused before anything is written, so the dossier does not grow.
func TestAttachRefusedWithoutRoom(t *testing.T) {
	path, svc := create(t)
	defer svc.Close()
	big := filepath.Join(t.TempDir(), "gros.log")
	if err := os.WriteFile(big, []byte(strings.Repeat("ligne de journal\n", 1<<16)), 0o600); err != nil {
		t.Fatal(err)
	}
	freeSpace = func(string) (int64, error) { return 4 << 20, nil }
	defer func() { freeSpace = realFreeSpace }()
	before, _ := os.ReadFile(path)
	_, err := svc.AttachFile(context.Background(), "INS.01", big, dossier.AttachOptions{}, nil)
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoRoom}) {
		t.Fatalf("want FaultNoRoom, got %v", err)
	}
	if after, _ := os.ReadFile(path); string(before) != string(after) {
		t.Fatal("the dossier changed")
	}
	freeSpace = realFreeSpace
	if _, err := svc.AttachFile(context.Background(), "INS.01", big, dossier.AttachOptions{}, nil); err != nil {
		t.Fatalf("with room: %v", err)
	}
}
