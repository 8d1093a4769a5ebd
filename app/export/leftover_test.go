package export_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// TestExportSweepsKilledExports: the hidden partial packages of exports
// killed midway go at the next export into that folder; one a live export
// is writing stays.
func TestExportSweepsKilledExports(t *testing.T) {
	f := newFake(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".paquet.zip.2471.partiel"), []byte("PK interrompu"), 0o600)
	live, err := scratch.Create(dir, "autre.zip")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := export.Export(context.Background(), f, filepath.Join(dir, "paquet.zip"), export.Options{Draft: true}, nil); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{filepath.Base(live.Name()), "paquet.zip"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("folder holds %v, want %v", names, want)
	}
}
