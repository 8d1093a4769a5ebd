package system

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestFileList(t *testing.T) {
	got, ok := fileList("# copied\r\nfile:///tmp/a%20b.png\r\nfile://localhost/home/x/journal.log\n\n")
	want := []string{filepath.FromSlash("/tmp/a b.png"), filepath.FromSlash("/home/x/journal.log")}
	if !ok || !slices.Equal(got, want) {
		t.Fatalf("%v %v", got, ok)
	}
	for _, s := range []string{"", "# only a comment", "https://example.org/a.png", "file:///tmp/a\nnot a uri", "file://server/share/a", "/tmp/a.png"} {
		if _, ok := fileList(s); ok {
			t.Errorf("%q read as files", s)
		}
	}
}
