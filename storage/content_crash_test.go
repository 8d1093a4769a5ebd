package storage

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

const crashChildEnv = "DOSSIER_CRASH_CHILD"

// crashChild runs in the child process: it attaches a generated stream of
// the given size to the dossier and prints a line after each chunk read
// (the writer commits a batch before it reads on), then "fin" once the
// evidence is committed, and waits to be killed.
func crashChild(path string, size int64) {
	s, err := open(path, false)
	if err != nil {
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	_, err = s.AddEvidence(context.Background(), randomStream(42, size), dossier.Evidence{ReqID: "RIS.INS.02", Name: "gros.bin"}, nil,
		func(done, _ int64) { fmt.Println("lot", done) })
	if err != nil {
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	fmt.Println("fin")
	io.Copy(io.Discard, os.Stdin) // until killed
	os.Exit(0)
}

// TestKillDuringAttach kills a process attaching a large stream with
// SIGKILL at several moments (after 1 batch, after 3 batches, right after
// the last batch, i.e. around the final transaction) and checks that the
// dossier opens, keeps the evidence committed before, holds no pending
// chunks, and has either the whole new evidence or none of it.
func TestKillDuringAttach(t *testing.T) {
	if v := os.Getenv(crashChildEnv); v != "" {
		path, size, _ := strings.Cut(v, "|")
		n, _ := strconv.ParseInt(size, 10, 64)
		crashChild(path, n)
		return
	}
	if testing.Short() {
		t.Skip("writes about 200 MiB")
	}
	s, path := storeOf(t)
	first, err := s.AddEvidence(context.Background(), randomStream(7, 2*chunkSize+3), dossier.Evidence{ReqID: "RIS.INS.01", Name: "avant.bin"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	const batch = batchChunks * chunkSize
	random := rand.IntN(5 * batchChunks)
	for _, c := range []struct {
		name    string
		size    int64
		killAt  int  // progress lines (chunks) to wait for
		lastBit bool // the kill follows the last batch
	}{
		// A batch commits while the next one is read: once the writer
		// has taken the first chunk of batch k+2, batch k has committed.
		{"après un lot", 1 << 40, 2*batchChunks + 1, false},
		{"après trois lots", 1 << 40, 4*batchChunks + 1, false},
		{"autour de la transaction finale", 2*batch + 5, 2*batchChunks + 1, true},
		// Logged in the subtest's name, to replay a failure.
		{fmt.Sprintf("au hasard après %d morceaux", 2*batchChunks+1+random), 1 << 40, 2*batchChunks + 1 + random, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd, lines := startChild(t, "TestKillDuringAttach", fmt.Sprintf("%s=%s|%d", crashChildEnv, path, c.size))
			seen := 0
			for seen < c.killAt && lines.Scan() {
				if strings.HasPrefix(lines.Text(), "erreur") {
					t.Fatalf("child: %s", lines.Text())
				}
				if strings.HasPrefix(lines.Text(), "lot") {
					seen++
				}
			}
			if seen < c.killAt {
				t.Fatalf("child stopped after %d batches: %v", seen, lines.Err())
			}
			cmd.Process.Kill() // SIGKILL
			cmd.Wait()

			if !c.lastBit {
				// The kill did leave an ingest midway (else this test proves nothing).
				if pendingLeft(t, path) == 0 {
					t.Fatal("no pending ingest after the kill")
				}
			}
			st := reopenAfterKill(t, path)
			defer st.Close()
			rc, err := st.OpenContent(first.SHA256)
			if err != nil {
				t.Fatalf("evidence committed before the kill is lost: %v", err)
			}
			if d, n := digestOf(t, rc); d != first.SHA256 || n != first.Size {
				t.Fatal("evidence committed before the kill is damaged")
			}
			evs, err := st.ListEvidence("")
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range evs {
				rc, err := st.OpenContent(ev.SHA256)
				if err != nil {
					t.Fatalf("evidence %d without content: %v", ev.ID, err)
				}
				if d, n := digestOf(t, rc); d != ev.SHA256 || n != ev.Size {
					t.Fatalf("evidence %d has incomplete content (%d of %d bytes)", ev.ID, n, ev.Size)
				}
			}
			if !c.lastBit && len(evs) != 1 {
				t.Fatalf("an interrupted attach left %d evidence", len(evs)-1)
			}
			if c.lastBit && len(evs) == 2 {
				want, _ := digestOf(t, randomStream(42, c.size))
				if evs[1].SHA256 != want {
					t.Fatal("the completed attach recorded a wrong digest")
				}
				deleteEvidence(st, evs[1].ID)
			}
			if counts, _ := st.EvidenceCounts(); counts["RIS.INS.01"] != 1 || counts["RIS.INS.02"] > 1 {
				t.Fatalf("index: %v", counts)
			}
		})
	}
}
