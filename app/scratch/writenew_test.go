package scratch

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteNewLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.bin")
	boom := errors.New("lecture impossible")
	err := WriteNew(out, func(w io.Writer) error { w.Write([]byte("début")); return boom })
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	if err := WriteNew(out, func(w io.Writer) error { _, err := w.Write([]byte("ok")); return err }); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(out, func(w io.Writer) error { _, err := w.Write([]byte("autre")); return err }); !errors.Is(err, os.ErrExist) {
		t.Fatal("overwrote an existing file")
	}
	if b, _ := os.ReadFile(out); string(b) != "ok" {
		t.Fatalf("content %q", b)
	}
}
