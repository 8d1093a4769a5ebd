package storage

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
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
