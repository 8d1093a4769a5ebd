package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

const truncatedChildEnv = "DOSSIER_TRUNCATED_CHILD"

// TestTruncatedDossierIsDamagedNotACrash cuts a real dossier (with a few
// MiB of evidence) at several sizes and opens each copy in a child
// process, so that a SIGSEGV from the mapping fails the test instead of
// killing it. Every cut gives dossier.FaultDamaged, and the file is left
// byte for byte as it was.
func TestTruncatedDossierIsDamagedNotACrash(t *testing.T) {
	if p := os.Getenv(truncatedChildEnv); p != "" {
		truncatedChild(p)
		return
	}
	s, path := storeOf(t)
	if _, err := s.AddEvidence(context.Background(), randomStream(3, 5*chunkSize), dossier.Evidence{ReqID: "RIS.INS.01", Name: "a.bin"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	var used int64 // the high-water mark: pages past it are unused
	s.view(func(tx *bbolt.Tx) error { used = tx.Size(); return nil })
	s.Close()
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(len(whole))
	if used > n || used < 1<<20 {
		t.Fatalf("high-water mark %d for a file of %d bytes", used, n)
	}
	sizes := []int64{1, 20, 4095, 4096, 8191, 8192, 3 * 4096, used / 2, used / 2 / 4096 * 4096, used - 4096, used - 1}
	for _, size := range sizes {
		t.Run(strconv.FormatInt(size, 10), func(t *testing.T) {
			cut := filepath.Join(t.TempDir(), "cut.segur")
			if err := os.WriteFile(cut, whole[:size], 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestTruncatedDossierIsDamagedNotACrash$")
			cmd.Env = append(os.Environ(), truncatedChildEnv+"="+cut)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "fault=damaged") {
				t.Fatalf("child: %v\n%s", err, firstLines(out, 8))
			}
			after, _ := os.ReadFile(cut)
			if !bytes.Equal(after, whole[:size]) {
				t.Fatal("the damaged file was modified")
			}
		})
	}
	// Cut past the high-water mark: only unused space goes, all is read.
	cut := filepath.Join(t.TempDir(), "tail.segur")
	os.WriteFile(cut, whole[:used], 0o600)
	svc, err := dossier.Open(Opener{}, cut)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	evs, err := svc.AllEvidence()
	if err != nil || len(evs) != 1 {
		t.Fatal(evs, err)
	}
	if err := svc.ExtractEvidence(context.Background(), evs[0].ID, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// truncatedChild opens the dossier at path and reads everything, printing
// the fault of the first error.
func truncatedChild(path string) {
	svc, err := dossier.Open(Opener{}, path)
	if err == nil {
		_, err = svc.Overview()
		var evs []dossier.Evidence
		if err == nil {
			evs, err = svc.AllEvidence()
		}
		for _, ev := range evs {
			if err == nil {
				err = svc.ExtractEvidence(context.Background(), ev.ID, io.Discard)
			}
		}
		svc.Close()
	}
	fmt.Printf("fault=%s err=%v\n", dossier.FaultOf(err), err)
	if errors.Is(err, &dossier.Error{Fault: dossier.FaultDamaged}) {
		os.Exit(0)
	}
	os.Exit(1)
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
