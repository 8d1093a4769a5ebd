package storage

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// pendingLeft counts the pending chunks a killed writer left in the file,
// read without opening the store (which would sweep them).
func pendingLeft(t *testing.T, path string) int {
	t.Helper()
	raw, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	n := 0
	raw.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(_, _ []byte) error { n++; return nil })
	})
	return n
}

// reopenAfterKill opens the dossier a killed writer left and checks that
// the sweep removed every pending chunk and that the store is consistent.
// The caller closes the store.
func reopenAfterKill(t *testing.T, path string) *Store {
	t.Helper()
	st, err := open(path, false)
	if err != nil {
		t.Fatalf("dossier does not open after kill -9: %v", err)
	}
	if countIn(t, st, bucketPending) != 0 {
		st.Close()
		t.Fatal("pending chunks survive the reopen")
	}
	checkStore(t, st)
	return st
}

// startChild starts this test binary running only the test named, with
// env (NAME=value) added, and returns the process and a scanner of its
// output. The child's stdin stays open until the test ends: a child that
// finished its work waits on it, so that it is still there to be killed.
func startChild(t *testing.T, test, env string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
	stdin, _ := cmd.StdinPipe()
	t.Cleanup(func() { stdin.Close() })
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// killMigrationAfter runs the migration child (test, with env) and kills
// it with SIGKILL once it has printed steps "pas" lines, or when it printed
// "fin" (the migration done); a line starting "erreur" fails the test.
func killMigrationAfter(t *testing.T, test, env string, steps int) {
	t.Helper()
	cmd, lines := startChild(t, test, env)
	for seen := 0; seen < steps && lines.Scan(); {
		switch {
		case strings.HasPrefix(lines.Text(), "erreur"):
			t.Fatalf("child: %s", lines.Text())
		case strings.HasPrefix(lines.Text(), "pas"):
			seen++
		case lines.Text() == "fin":
			seen = steps
		}
	}
	cmd.Process.Kill() // SIGKILL
	cmd.Wait()
}

// stepChild runs in the child process of a one-transaction migration's
// kill -9 test: it sets *step to print a line after each step, opens (so
// converts) the dossier at path, prints "fin" and waits to be killed.
func stepChild(path string, step *func(done int)) {
	*step = func(done int) { fmt.Println("pas", done) }
	holdUntilKilled(open(path, false))
}

// holdUntilKilled ends a migration child once its store is open: "fin",
// then it waits to be killed ("erreur" and exit when it did not open).
func holdUntilKilled[S dossier.Store](st S, err error) {
	if err != nil {
		fmt.Println("erreur", err)
		os.Exit(1)
	}
	defer st.Close()
	fmt.Println("fin")
	io.Copy(io.Discard, os.Stdin) // until killed
}

// afterKill reads the file a killed migration left, read-only: fn gets
// its schema version.
func afterKill(t *testing.T, path string, fn func(tx *bbolt.Tx, version uint64)) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("file unreadable after kill -9: %v", err)
	}
	defer db.Close()
	db.View(func(tx *bbolt.Tx) error {
		fn(tx, fromU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)))
		return nil
	})
}

// killRuns runs the migration child of test (env names the file) on a
// fresh copy of the dossier template, runs times, killing it after a
// random number of steps up to maxSteps (logged in the subtest's name,
// to replay a failure), then calls after on the file the kill left.
func killRuns(t *testing.T, test, env, template string, runs, maxSteps int, after func(t *testing.T, path string)) {
	t.Helper()
	raw, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	for run := range runs {
		killAt := rand.IntN(maxSteps + 1)
		t.Run(fmt.Sprintf("%d/kill after %d steps", run, killAt), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "d.segur")
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			killMigrationAfter(t, test, env+"="+path, killAt)
			after(t, path)
		})
	}
}
