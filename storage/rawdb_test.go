package storage

import (
	"testing"

	"go.etcd.io/bbolt"
)

// openRaw opens a dossier's bbolt file directly, without the store, for
// tests that write an older layout or damage it on purpose.
func openRaw(tb testing.TB, path string) *bbolt.DB {
	tb.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return db
}
