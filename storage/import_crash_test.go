package storage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

const mergeChildEnv = "DOSSIER_MERGE_CHILD"

// mergeChild runs in the child process: it merges the copy into the
// dossier, printing a line at each commit of copied chunks, then "fin"
// once the merge is committed, and waits to be killed.
func mergeChild(path, copyPath string) {
	svc, err := dossier.Open(Opener{}, path)
	if err != nil {
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	other, err := dossier.OpenCopy(Opener{}, copyPath)
	if err != nil {
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	_, err = svc.Merge(context.Background(), other, dossier.MergeOptions{Apply: true, Prefer: dossier.Theirs},
		func(done, total int64) { fmt.Println("lot", done, total) })
	if err != nil {
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	fmt.Println("fin")
	io.Copy(io.Discard, os.Stdin) // until killed
	os.Exit(0)
}

// mergeProofSize is the size of each of the copy's three new proofs: 2.5
// import transactions.
func mergeProofSize() int { return 5 * importBatchBytes / 2 }

// mergeFixture makes a dossier with one proof and a working copy of it
// that gained three large proofs (7.5 transactions of new chunks) and
// a state change.
func mergeFixture(t *testing.T) (path, copyPath string) {
	t.Helper()
	a, path := storeOf(t)
	if _, err := a.AddEvidence(context.Background(), randomStream(7, 2*chunkSize+3), dossier.Evidence{ReqID: "RIS.INS.01", Name: "avant.bin"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	evs, _ := a.ListEvidence("")
	copyPath = filepath.Join(t.TempDir(), "copie.segur")
	if err := a.WorkingCopy(context.Background(), copyPath, evs, nil, nil); err != nil {
		t.Fatal(err)
	}
	a.Close()
	bs, err := open(copyPath, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := bs.AddEvidence(context.Background(), randomStream(uint64(100+i), int64(mergeProofSize())), dossier.Evidence{ReqID: "RIS.INS.02", Name: fmt.Sprintf("gros%d.bin", i)}, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	bs.Close()
	b, err := dossier.Open(Opener{}, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	note := "vu sur le poste B"
	if _, err := b.UpdateState("RIS.INS.03", dossier.StateChange{Note: &note}); err != nil {
		t.Fatal(err)
	}
	return path, copyPath
}

// TestKillDuringMerge kills a process merging a copy with SIGKILL at
// several moments and checks that the dossier opens, holds no pending
// chunks, exact references, and is either as before or fully merged; the
// copy never changes.
func TestKillDuringMerge(t *testing.T) {
	if v := os.Getenv(mergeChildEnv); v != "" {
		path, copyPath, _ := strings.Cut(v, "|")
		mergeChild(path, copyPath)
		return
	}
	if testing.Short() {
		t.Skip("writes about 100 MiB")
	}
	// The copy's new chunks, then the final transaction (its line, then
	// "fin").
	perCommit := (importBatchBytes + chunkSize - 1) / chunkSize
	commits := 3 * ((mergeProofSize() + chunkSize - 1) / chunkSize) / perCommit
	random := 1 + rand.IntN(commits-1)
	for _, c := range []struct {
		name    string
		killAt  int  // commit lines to wait for
		midway  bool // the kill surely leaves copied chunks pending
		oneSide bool // fully merged for sure
	}{
		{"après un lot", 1, true, false},
		{"après deux lots", 2, true, false},
		{"autour de la transaction finale", commits, false, false},
		{"après la fin", commits + 2, false, true},
		{fmt.Sprintf("au hasard après %d lots", random), random, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			path, copyPath := mergeFixture(t)
			copyWas, _ := os.ReadFile(copyPath)
			cmd, lines := startChild(t, "TestKillDuringMerge", fmt.Sprintf("%s=%s|%s", mergeChildEnv, path, copyPath))
			seen, finished := 0, false
			for seen < c.killAt && !finished && lines.Scan() {
				switch l := lines.Text(); {
				case strings.HasPrefix(l, "erreur"):
					t.Fatalf("child: %s", l)
				case strings.HasPrefix(l, "lot"):
					seen++
				case l == "fin":
					seen, finished = seen+1, true
				}
			}
			cmd.Process.Kill() // SIGKILL
			cmd.Wait()
			if seen < c.killAt && !c.oneSide {
				t.Fatalf("child stopped after %d commits: %v", seen, lines.Err())
			}
			if now, _ := os.ReadFile(copyPath); !bytes.Equal(copyWas, now) {
				t.Fatal("the merge changed the copy")
			}
			if c.midway {
				// The kill did leave a merge midway (else this proves nothing).
				if pendingLeft(t, path) == 0 {
					t.Fatal("no pending content after the kill")
				}
			}
			st := reopenAfterKill(t, path)
			defer st.Close()
			evs, _ := st.ListEvidence("")
			states, _ := st.States()
			switch merged := states["RIS.INS.03"].Note == "vu sur le poste B"; {
			case len(evs) == 1 && !merged && !c.oneSide:
				t.Log("as before")
			case len(evs) == 4 && merged:
				t.Log("fully merged")
			default:
				t.Fatalf("half merged: %d proofs, note merged %v", len(evs), merged)
			}
		})
	}
}
