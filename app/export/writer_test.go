package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

func exportTo(t *testing.T, src export.Source, opts export.Options) (string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "paquet.zip")
	return out, export.Export(context.Background(), src, out, opts, nil)
}

// openPackage opens the package at path, closed when the test ends, and
// reads its manifest.
func openPackage(t *testing.T, path string) (*zip.ReadCloser, export.Manifest) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { zr.Close() })
	return zr, readManifest(t, zr)
}

func readManifest(t *testing.T, zr *zip.ReadCloser) export.Manifest {
	t.Helper()
	for _, f := range zr.File {
		if f.Name != export.ManifestName {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var m export.Manifest
		if err := json.NewDecoder(rc).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	t.Fatal("no manifest")
	return export.Manifest{}
}

// onlyFile asserts dir holds exactly the named files (no temporary left).
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Fatalf("folder holds %v, want %v", got, names)
	}
}

func TestExportCompleteDossier(t *testing.T) {
	f := completeFake(t)
	out, err := exportTo(t, f, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onlyFiles(t, filepath.Dir(out), "paquet.zip")
	zr, m := openPackage(t, out)
	if m.Draft || m.Mention != "DÉFINITIF" || m.Dossier.Vendor != "Éditeur Été" || len(m.Files) != len(f.snap.Evidence) {
		t.Fatalf("manifest: draft=%v mention=%q vendor=%q files=%d/%d", m.Draft, m.Mention, m.Dossier.Vendor, len(m.Files), len(f.snap.Evidence))
	}
	if !m.ExportedAt.Equal(f.snap.Evidence[len(f.snap.Evidence)-1].AddedAt) {
		t.Errorf("export time %v is not the dossier's last change", m.ExportedAt)
	}
	secOrder := map[string]int{}
	for i, s := range f.snap.Catalogue.Sections {
		secOrder[s.Code] = i + 1
	}
	layout := regexp.MustCompile(`^(\d\d)-([A-Z]+)/(RIS\.[A-Z]+\.\d+)/(\d\d)_[A-Za-z0-9._-]+$`)
	entries := map[string]*zip.File{}
	for _, zf := range zr.File {
		entries[zf.Name] = zf
	}
	bySHA := map[string]dossier.Evidence{}
	for _, ev := range f.snap.Evidence {
		bySHA[ev.SHA256+ev.ReqID+ev.Name] = ev
	}
	for _, fe := range m.Files {
		g := layout.FindStringSubmatch(fe.Path)
		if g == nil || len(fe.Path) > 240 {
			t.Fatalf("path %q does not follow NN-SECTION/REQ/NN_name", fe.Path)
		}
		if g[1] != fmt.Sprintf("%02d", secOrder[fe.Section]) || g[2] != fe.Section || g[3] != fe.Requirement {
			t.Errorf("path %q vs section %s, requirement %s", fe.Path, fe.Section, fe.Requirement)
		}
		zf := entries[fe.Path]
		if zf == nil || int64(zf.UncompressedSize64) != fe.Size {
			t.Fatalf("%s missing or wrong size in the ZIP", fe.Path)
		}
		if ev, ok := bySHA[fe.SHA256+fe.Requirement+fe.OriginalName]; !ok || ev.Caption != fe.Caption || fe.Status != "Prête" {
			t.Errorf("entry %+v does not match the dossier", fe)
		}
		wantStore := strings.HasSuffix(fe.Path, ".png") || strings.HasSuffix(fe.Path, ".mp4") || strings.HasSuffix(fe.Path, ".pdf")
		if (zf.Method == zip.Store) != wantStore {
			t.Errorf("%s: method %d", fe.Path, zf.Method)
		}
		if !zf.Modified.Equal(m.ExportedAt) {
			t.Errorf("%s: modified %v", fe.Path, zf.Modified)
		}
	}
	for _, name := range []string{export.ManifestCSVName, export.WorkbookName, export.ReportName, export.JournalName, export.SignatureName} {
		if entries[name] == nil {
			t.Errorf("%s missing", name)
		}
	}
	if len(zr.File) != len(m.Files)+6 {
		t.Errorf("%d entries for %d files", len(zr.File), len(m.Files))
	}
	res, err := export.Verify(context.Background(), out)
	if err != nil || !res.OK || res.Matched != len(m.Files)+4 || !res.SignatureOK || res.JournalEvents != 2 {
		t.Fatalf("verify of a fresh package: %+v %v", res, err)
	}
}

func TestExportIsDeterministic(t *testing.T) {
	f := completeFake(t)
	a, err := exportTo(t, f, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := exportTo(t, f, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ba, bb) {
		t.Fatal("two exports of the same dossier differ")
	}
	f.snap.States["RIS.INS.01"] = dossier.ReqState{ReqID: "RIS.INS.01", Status: dossier.Prete, Note: "changée", UpdatedAt: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
	c, err := exportTo(t, f, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bc, _ := os.ReadFile(c); bytes.Equal(ba, bc) {
		t.Fatal("a changed dossier gave the same package")
	}
}

func TestExportRefusesIncomplete(t *testing.T) {
	for name, f := range map[string]*fakeSource{"no evidence": newFake(t), "one gap": completeFake(t)} {
		if name == "one gap" {
			f.snap.Evidence = f.snap.Evidence[5:] // the first requirement loses its files
		}
		out, err := exportTo(t, f, export.Options{})
		if !errors.Is(err, export.ErrIncomplete) {
			t.Fatalf("%s: %v", name, err)
		}
		onlyFiles(t, filepath.Dir(out))
		out, err = exportTo(t, f, export.Options{Draft: true})
		if err != nil {
			t.Fatalf("%s draft: %v", name, err)
		}
		zr, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		m := readManifest(t, zr)
		zr.Close()
		if !m.Draft || m.Mention != "BROUILLON" || m.Check.Complete || len(m.Check.Blocking) == 0 {
			t.Errorf("%s draft manifest: draft=%v mention=%q blocking=%d", name, m.Draft, m.Mention, len(m.Check.Blocking))
		}
	}
}

func TestExportCancelLeavesNothing(t *testing.T) {
	f := completeFake(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "paquet.zip")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := export.Export(ctx, f, out, export.Options{}, func(done, total int64) {
		calls++
		if done > total/2 {
			cancel()
		}
	})
	if !errors.Is(err, dossier.ErrCancelled) || calls == 0 {
		t.Fatalf("cancel: %v after %d progress calls", err, calls)
	}
	onlyFiles(t, dir)
}

func TestExportOverwritesOnlyWhenDone(t *testing.T) {
	f := completeFake(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "paquet.zip")
	if err := os.WriteFile(out, []byte("ancien"), 0o644); err != nil {
		t.Fatal(err)
	}
	delete(f.content, f.snap.Evidence[len(f.snap.Evidence)-1].SHA256)
	if err := export.Export(context.Background(), f, out, export.Options{}, nil); !errors.Is(err, dossier.ErrNotFound) {
		t.Fatalf("missing content: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "ancien" {
		t.Fatal("a failed export touched the existing package")
	}
	onlyFiles(t, dir, "paquet.zip")
}

func TestExportDetectsCorruptContent(t *testing.T) {
	f := completeFake(t)
	ev := f.snap.Evidence[1]
	data := append([]byte(nil), f.content[ev.SHA256]...)
	data[0] ^= 0xff
	f.content[ev.SHA256] = data
	out, err := exportTo(t, f, export.Options{})
	if !errors.Is(err, export.ErrCorruptContent) {
		t.Fatalf("altered content exported: %v", err)
	}
	onlyFiles(t, filepath.Dir(out))
}

func TestExportBadTarget(t *testing.T) {
	f := completeFake(t)
	missing := filepath.Join(t.TempDir(), "absent", "paquet.zip")
	if err := export.Export(context.Background(), f, missing, export.Options{}, nil); dossier.FaultOf(err) != dossier.FaultFolderNotFound {
		t.Fatalf("missing folder: %v", err)
	}
	dir := t.TempDir()
	if err := export.Export(context.Background(), f, dir, export.Options{}, nil); dossier.FaultOf(err) != dossier.FaultTargetIsFolder {
		t.Fatalf("folder as target: %v", err)
	}
	ro := t.TempDir()
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)
	unwritable := ro
	if probe, err := os.CreateTemp(ro, "probe"); err == nil {
		// Root ignores permissions: use a folder no one can create files in.
		probe.Close()
		os.Remove(probe.Name())
		if runtime.GOOS != "linux" {
			t.Skip("running as root: no read-only folder to test with")
		}
		unwritable = "/proc/self"
	}
	err := export.Export(context.Background(), f, filepath.Join(unwritable, "paquet.zip"), export.Options{}, nil)
	if f := dossier.FaultOf(err); f != dossier.FaultPermission && f != dossier.FaultUnwritable {
		t.Fatalf("read-only folder: %v", err)
	}
}
