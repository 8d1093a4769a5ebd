package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// manifestText is a manifest of n file entries, as the export writes it.
func manifestText(t *testing.T, n int) []byte {
	t.Helper()
	m := Manifest{Format: FormatID, Mention: "BROUILLON", ExportedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		Generated: []GeneratedEntry{{Path: "manifest.csv", Size: 1, SHA256: "ef"}}}
	for i := range n {
		m.Files = append(m.Files, FileEntry{Path: fmt.Sprintf("01-INS/INS.1/%05d.log", i), Requirement: "INS.1", Size: int64(i), SHA256: "ab"})
	}
	var b bytes.Buffer
	if err := newIndenter(&b, "").Encode(&m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cutReader gives the first n bytes of b, then fails.
type cutReader struct {
	b []byte
	n int
}

var errCut = errors.New("cut")

func (c *cutReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, errCut
	}
	k := copy(p, c.b[:min(len(c.b), c.n)])
	c.b, c.n = c.b[k:], c.n-k
	return k, nil
}

// TestScanManifestChecksEntriesAsTheyStream: the files of a manifest are
// handed over one by one while it is read, not once it has been read
// whole (which held every entry in memory: ~14 MB of JSON at 20,000
// proofs, several times that decoded).
func TestScanManifestChecksEntriesAsTheyStream(t *testing.T) {
	text := manifestText(t, 2000)
	seen := 0
	_, err := scanManifest(&cutReader{b: text, n: len(text) / 2}, func(f *FileEntry) error {
		if f.Path != fmt.Sprintf("01-INS/INS.1/%05d.log", seen) || f.Size != int64(seen) {
			t.Fatalf("entry %d: %+v", seen, f)
		}
		seen++
		return nil
	})
	if err == nil {
		t.Fatalf("a manifest cut in the middle: %v", err)
	}
	if seen < 900 {
		t.Fatalf("%d entries handed over before the manifest's half was read; want them as they stream", seen)
	}
	seen = 0
	m, err := scanManifest(bytes.NewReader(text), func(*FileEntry) error { seen++; return nil })
	if err != nil || m.Format != FormatID || len(m.Files) != 0 || len(m.Generated) != 1 || seen != 2000 {
		t.Fatalf("whole manifest: %+v, %v, %d entries", m, err, seen)
	}
}

// TestScanManifestHostile: hostile manifests are refused with an error,
// never a panic, and none makes the scanner hold more than a bounded
// value.
func TestScanManifestHostile(t *testing.T) {
	text := string(manifestText(t, 3))
	// The decoder reads ahead of the value it decodes: the bound is on a
	// value and what the decoder holds beyond it, up to its buffer.
	huge := strings.Repeat("a", 2*maxManifestValue)
	for name, in := range map[string]string{
		"empty":            "",
		"not an object":    `[1,2]`,
		"truncated":        text[:len(text)-10],
		"files not array":  `{"format":"` + FormatID + `","files":{"a":1}}`,
		"entry not object": `{"format":"` + FormatID + `","files":[1]}`,
		"deep nesting":     `{"format":"` + FormatID + `","check":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`,
		"deep entry":       `{"format":"` + FormatID + `","files":[{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}]}`,
		"huge string":      `{"format":"` + FormatID + `","files":[{"path":"` + huge + `"}]}`,
		"huge head value":  `{"format":"` + FormatID + `","mention":"` + huge + `","files":[]}`,
		"duplicate files":  `{"format":"` + FormatID + `","files":[],"files":[]}`,
		"duplicate key":    `{"format":"` + FormatID + `","draft":true,"draft":false,"files":[]}`,
		"other format":     `{"format":"autre","files":[]}`,
		"no format":        `{"files":[]}`,
		"trailing data":    text + `{}`,
	} {
		_, err := scanManifest(strings.NewReader(in), func(*FileEntry) error { return nil })
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// The callback's error stops the scan and comes back as it is.
	stop := errors.New("stop")
	if _, err := scanManifest(strings.NewReader(text), func(*FileEntry) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("callback's error: %v", err)
	}
	if _, err := scanManifest(io.MultiReader(strings.NewReader(text), strings.NewReader("\n\n")), func(*FileEntry) error { return nil }); err != nil {
		t.Errorf("trailing blank lines: %v", err)
	}
}
