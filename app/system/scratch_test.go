package system

import (
	"os"
	"testing"
)

// scratchDir is t.TempDir without its cleanup check: under Wine (see
// .ci/windows) Go's RemoveAll fails on folders ("Invalid function"), which
// t.TempDir turns into a test failure that says nothing about our code.
func scratchDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "system-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}
