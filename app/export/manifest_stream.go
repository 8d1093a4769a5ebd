package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// filesKey is where the files array opens in manifest.json as the
// encoder indents it: one level in, the only key of that name at that
// level (user text cannot hold a raw newline: JSON escapes it).
const filesKey = "\n  \"files\": ["

// writeManifest writes manifest.json: m indented, without HTML
// escaping, its files taken one by one from p's entries, so that no
// structure grows with the number of proofs beyond the plan itself. The
// bytes are those json.Encoder with SetIndent("", "  ") gives for m with
// Files filled in.
func writeManifest(w io.Writer, m *Manifest, p *plan) error {
	head := *m
	head.Files = []FileEntry{}
	var buf bytes.Buffer
	if err := newIndenter(&buf, "").Encode(&head); err != nil {
		return err
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte(filesKey+"]"))
	if i < 0 {
		return fmt.Errorf("manifest: no files array")
	}
	i += len(filesKey)
	if _, err := w.Write(b[:i]); err != nil {
		return err
	}
	var line bytes.Buffer
	enc := newIndenter(&line, "    ")
	for k := range p.entries {
		line.Reset()
		if k > 0 {
			line.WriteByte(',')
		}
		line.WriteString("\n    ")
		if err := enc.Encode(fileEntryOf(&p.entries[k])); err != nil {
			return err
		}
		// Encode ends the value with a newline; the array's layout puts it
		// before the next one.
		if _, err := w.Write(line.Bytes()[:line.Len()-1]); err != nil {
			return err
		}
	}
	if len(p.entries) > 0 {
		if _, err := io.WriteString(w, "\n  "); err != nil {
			return err
		}
	}
	_, err := w.Write(b[i:])
	return err
}

// newIndenter is the manifest's encoder: two-space indent under prefix,
// no HTML escaping (names keep their & < >).
func newIndenter(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}
