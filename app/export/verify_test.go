package export_test

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

// smallPackage exports a small draft dossier and returns its path.
func smallPackage(t *testing.T) string {
	t.Helper()
	f := newFake(t)
	reqs := f.snap.Catalogue.Applicable(f.snap.Info.Profiles)
	f.add(reqs[0].ID, "a.png", "", "image", testPNG(t, 40, 30, 1))
	f.add(reqs[1].ID, "b.log", "", "text", []byte(strings.Repeat("ligne\n", 100)))
	out, err := exportTo(t, f, export.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rewrite copies a package, letting edit change, drop (return false) or
// replace each entry's content, then appends extra entries.
func rewrite(t *testing.T, in string, edit func(name string, data []byte) ([]byte, bool), extra map[string]string) string {
	t.Helper()
	zr, err := zip.OpenReader(in)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "altere.zip")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		data, keep := edit(e.Name, data)
		if !keep {
			continue
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for name, data := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

func keepAll(_ string, d []byte) ([]byte, bool) { return d, true }

func TestVerifyTampering(t *testing.T) {
	pkg := smallPackage(t)
	if res, err := export.Verify(context.Background(), rewrite(t, pkg, keepAll, nil)); err != nil || !res.OK || !res.Draft {
		t.Fatalf("repacked intact package: %+v %v", res, err)
	}
	oneByte := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if strings.HasSuffix(name, ".log") {
			d[3] ^= 1
		}
		return d, true
	}, nil)
	res, err := export.Verify(context.Background(), oneByte)
	if err != nil || res.OK || len(res.Altered) != 1 || !strings.HasSuffix(res.Altered[0], ".log") || len(res.Missing)+len(res.Extra) != 0 {
		t.Fatalf("one byte changed: %+v %v", res, err)
	}
	missing := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) { return d, !strings.HasSuffix(name, ".png") }, nil)
	res, err = export.Verify(context.Background(), missing)
	if err != nil || res.OK || len(res.Missing) != 1 || len(res.Altered)+len(res.Extra) != 0 {
		t.Fatalf("missing file: %+v %v", res, err)
	}
	extra := rewrite(t, pkg, keepAll, map[string]string{"01-INS/ajout.txt": "x"})
	res, err = export.Verify(context.Background(), extra)
	if err != nil || res.OK || len(res.Extra) != 1 || res.Extra[0] != "01-INS/ajout.txt" {
		t.Fatalf("extra file: %+v %v", res, err)
	}
	report := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.ReportName {
			d = append(d, ' ')
		}
		return d, true
	}, nil)
	if res, _ := export.Verify(context.Background(), report); res.OK || len(res.Altered) != 1 || res.Altered[0] != export.ReportName {
		t.Fatalf("altered report: %+v", res)
	}
}

func TestVerifyBadInput(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "texte.zip")
	os.WriteFile(notZip, []byte("ceci n'est pas une archive"), 0o644)
	if _, err := export.Verify(context.Background(), notZip); !errors.Is(err, export.ErrNotPackage) {
		t.Errorf("not a zip: %v", err)
	}
	if _, err := export.Verify(context.Background(), filepath.Join(dir, "absent.zip")); dossier.FaultOf(err) != dossier.FaultFileNotFound {
		t.Errorf("absent file: %v", err)
	}
	pkg := smallPackage(t)
	noManifest := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) { return d, name != export.ManifestName }, nil)
	if _, err := export.Verify(context.Background(), noManifest); !errors.Is(err, export.ErrNoManifest) {
		t.Errorf("no manifest: %v", err)
	}
	badJSON := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			return d[:len(d)/2], true
		}
		return d, true
	}, nil)
	if _, err := export.Verify(context.Background(), badJSON); !errors.Is(err, export.ErrBadManifest) {
		t.Errorf("truncated manifest: %v", err)
	}
	otherFormat := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			return []byte(`{"format":"autre","files":[]}`), true
		}
		return d, true
	}, nil)
	if _, err := export.Verify(context.Background(), otherFormat); !errors.Is(err, export.ErrBadManifest) {
		t.Errorf("foreign manifest: %v", err)
	}
	for _, evil := range []string{"../evil.txt", "/etc/cron.d/x", `01-INS\..\..\x`, "a/../../x"} {
		inZip := rewrite(t, pkg, keepAll, map[string]string{evil: "x"})
		if _, err := export.Verify(context.Background(), inZip); !errors.Is(err, export.ErrUnsafePath) {
			t.Errorf("traversal %q in the zip: %v", evil, err)
		}
	}
	inManifest := rewrite(t, pkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			return []byte(`{"format":"` + export.FormatID + `","files":[{"path":"../../etc/passwd","sha256":"00","size":1}]}`), true
		}
		return d, true
	}, nil)
	if _, err := export.Verify(context.Background(), inManifest); !errors.Is(err, export.ErrUnsafePath) {
		t.Errorf("traversal in the manifest: %v", err)
	}
}

// TestVerifyReadsTheWholeArchive: bytes the ZIP reader skips (before the
// first entry, in a comment, after the archive) make a package fail.
func TestVerifyReadsTheWholeArchive(t *testing.T) {
	pkg := smallPackage(t)
	data, err := os.ReadFile(pkg)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := export.Verify(context.Background(), pkg); err != nil || !res.OK || len(res.Strays) != 0 {
		t.Fatalf("package as written: %+v %v", res, err)
	}
	withComment := append([]byte(nil), data...)
	// The end record's last two bytes are the comment length.
	withComment[len(withComment)-2] = 5
	withComment = append(withComment, "salut"...)
	cases := map[string]struct {
		data  []byte
		where string
		size  int64
	}{
		"prefixed": {append([]byte{'X'}, data...), "start", 1},
		"comment":  {withComment, "comment", 5},
		"appended": {append(append([]byte(nil), data...), make([]byte, 100)...), "end", 100},
	}
	for name, c := range cases {
		p := filepath.Join(t.TempDir(), name+".zip")
		os.WriteFile(p, c.data, 0o600)
		res, err := export.Verify(context.Background(), p)
		if err != nil || res.OK || len(res.Strays) != 1 || res.Strays[0].Where != c.where || res.Strays[0].Size != c.size {
			t.Errorf("%s: %+v %v", name, res, err)
		}
		if res.Matched != res.Checked {
			t.Errorf("%s: the entries themselves are intact, %d/%d matched", name, res.Matched, res.Checked)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := export.Verify(ctx, pkg); !errors.Is(err, dossier.ErrCancelled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestVerifyNamesABoundedNumberOfFiles: a manifest listing a great many
// files absent from the archive gets them counted, the first ones named,
// so that its result does not grow with it.
func TestVerifyNamesABoundedNumberOfFiles(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format":"` + export.FormatID + `","files":[`)
	const n = 10005
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"path":"01-INS/x%d.txt","sha256":"00","size":1}`, i)
	}
	b.WriteString(`]}`)
	pkg := rewrite(t, smallPackage(t), func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			return []byte(b.String()), true
		}
		return d, true
	}, nil)
	res, err := export.Verify(context.Background(), pkg)
	if err != nil || res.OK || res.Checked != n || len(res.Missing) != 10000 || res.Unnamed != 5 {
		t.Fatalf("checked %d, %d named missing, %d unnamed, %v", res.Checked, len(res.Missing), res.Unnamed, err)
	}
}
