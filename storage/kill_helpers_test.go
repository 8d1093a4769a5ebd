package storage

import (
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
