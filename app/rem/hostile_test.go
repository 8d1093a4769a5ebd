package rem

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

// hostileXLSX writes a workbook with remfixture.WriteRawXLSX: the hostile
// files of issue 13 are reproduced here, never committed.
func hostileXLSX(t testing.TB, rows, merges func(w io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := remfixture.WriteRawXLSX(&buf, rows, merges); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func inlineRow(w io.Writer, r int, cells ...string) error {
	return remfixture.InlineRow(w, r, cells...)
}

// withTempDir points the temporary folder at an empty one and returns it,
// to count what an import leaves behind.
func withTempDir(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	t.Setenv("TMP", dir)
	t.Setenv("TEMP", dir)
	return dir
}

func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind in the temporary folder: %s", e.Name())
	}
}

// A workbook of a million rows stops at the row budget with one clear
// sentence, and leaves no temporary file (issue 13: 7.7 GB of RAM and a
// 262 MB /tmp/excelize-* file).
func TestHostileMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1,000,000-row workbook")
	}
	tmp := withTempDir(t)
	data := hostileXLSX(t, remfixture.MillionRows, nil)
	_, err := readBytes(data, "lignes.xlsx")
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) {
		t.Fatalf("err = %v, want too large", err)
	}
	if msg := fr.Error(err); !strings.Contains(msg, "lignes.xlsx") || !strings.Contains(msg, "décompressé") {
		t.Errorf("message %q", msg)
	}
	assertEmptyDir(t, tmp)
}

// Rows compact enough to pass the size limits stop at the row budget,
// streamed through the library's temporary file, which is removed.
func TestHostileRowBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 150,000-row workbook")
	}
	tmp := withTempDir(t)
	data := hostileXLSX(t, remfixture.Rows(150_000), nil)
	_, err := readBytes(data, "x.xlsx")
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) || !strings.Contains(fr.Error(err), "100 000 lignes") {
		t.Fatalf("err = %v (%s), want the row budget", err, fr.Error(err))
	}
	assertEmptyDir(t, tmp)
}

// Thousands of merged ranges over the whole sheet are read from the XML
// with a budget (issue 13: a 27 KB file took 2.3 GB in the library's
// merge handling).
func TestHostileMergedRanges(t *testing.T) {
	rows := remfixture.SmallTable
	t.Run("too many ranges", func(t *testing.T) {
		data := hostileXLSX(t, rows, remfixture.Merges(50_000, 1))
		if len(data) > 200<<10 {
			t.Fatalf("generated %d bytes, want a small file", len(data))
		}
		_, err := readBytes(data, "fusions.xlsx")
		if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) || !strings.Contains(fr.Error(err), "fusionnées") {
			t.Fatalf("err = %v (%s), want too many merged ranges", err, fr.Error(err))
		}
	})
	t.Run("huge overlapping ranges", func(t *testing.T) {
		data := hostileXLSX(t, rows, remfixture.Merges(5000, 2))
		_, err := readBytes(data, "fusions.xlsx")
		if !errors.Is(err, &dossier.Error{Fault: dossier.FaultTooLarge}) {
			t.Fatalf("err = %v, want the cell budget", err)
		}
	})
}

// A temporary folder left by a killed import is swept by the next one,
// once older than any import lasts; a recent one (a live import) is kept.
func TestSweepTemp(t *testing.T) {
	base := t.TempDir()
	old := filepath.Join(base, tempPrefix+"old")
	live := filepath.Join(base, tempPrefix+"live")
	other := filepath.Join(base, "excelize-other")
	for _, d := range []string{old, live, other} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(other, past, past); err != nil {
		t.Fatal(err)
	}
	sweepTemp(base, time.Now())
	for d, want := range map[string]bool{old: false, live: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(d), err == nil, want)
		}
	}
}
