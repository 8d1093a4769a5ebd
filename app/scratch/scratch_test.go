package scratch

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// boltLike writes a file that starts like a bbolt file.
func boltLike(t *testing.T, path string) {
	t.Helper()
	head := make([]byte, 4096)
	binary.LittleEndian.PutUint32(head[16:], 0xED0CDAED)
	if err := os.WriteFile(path, head, 0o600); err != nil {
		t.Fatal(err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestSweepRemovesOnlyUnheldLeftovers: files left by dead processes go;
// a temporary file a live process holds, and the user's files that merely
// look alike, stay.
func TestSweepRemovesOnlyUnheldLeftovers(t *testing.T) {
	dir := t.TempDir()
	// Left by dead processes: nothing holds them.
	os.WriteFile(filepath.Join(dir, ".paquet.zip.123456.partiel"), []byte("zip en cours"), 0o600)
	boltLike(t, filepath.Join(dir, "d.segur.compactage"))
	boltLike(t, filepath.Join(dir, "n.segur.creation-4242"))
	// The user's own files.
	keep := []string{"d.segur", "notes.partiel", ".cache.partiel", "rapport.compactage", "ma.creation-2024.pdf", "x.segur.creation-12"}
	for _, name := range keep[:len(keep)-1] {
		os.WriteFile(filepath.Join(dir, name), []byte("à moi"), 0o600)
	}
	// Same name as a creation, but not a dossier file.
	os.WriteFile(filepath.Join(dir, keep[len(keep)-1]), []byte("pas bbolt"), 0o600)
	// Held by a live writer (this process, through another descriptor).
	live, err := Create(dir, "autre.zip")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if n := Sweep(dir); n != 3 {
		t.Errorf("removed %d files, want 3", n)
	}
	got := names(t, dir)
	want := append(slices.Clone(keep), filepath.Base(live.Name()))
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("left %v, want %v", got, want)
	}
	live.Close()
	if n := Sweep(dir); n != 1 {
		t.Fatalf("the file of a finished writer: removed %d", n)
	}
}

func TestFreeSpace(t *testing.T) {
	n, err := FreeSpace(t.TempDir())
	if err != nil || n <= 0 {
		t.Fatalf("free space %d, %v", n, err)
	}
	if _, err := FreeSpace(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Fatal("no error for a missing folder")
	}
}

// The frame index the Motion-JPEG writer keeps beside a recording goes
// with it when left, and stays while held.
func TestSweepRemovesRecordingIndexes(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, ".enregistrement.avi.77.partiel"+IndexSuffix)
	os.WriteFile(left, []byte("index"), 0o600)
	keep := filepath.Join(dir, "notes.idx_")
	os.WriteFile(keep, []byte("à moi"), 0o600)
	held := filepath.Join(dir, ".enregistrement.avi.78.partiel"+IndexSuffix)
	os.WriteFile(held, []byte("index"), 0o600)
	h, err := Hold(held)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if n := Sweep(dir); n != 1 {
		t.Fatalf("removed %d files, want 1", n)
	}
	if got := names(t, dir); !slices.Equal(got, []string{filepath.Base(held), "notes.idx_"}) {
		t.Fatalf("left %v", got)
	}
}
