package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// maxManifestSize bounds manifest.json as a whole. It streams (about
// 500 bytes a proof: a million proofs fit), so only each value is held.
const maxManifestSize = 1 << 30

// maxManifestValue bounds one value of the manifest as the decoder holds
// it: one file entry, or one of the other keys (the requirements, the
// completeness report…), each a few kilobytes to a few megabytes.
const maxManifestValue = 16 << 20

// errValueTooLarge is a manifest value over maxManifestValue.
var errValueTooLarge = fmt.Errorf("a value of over %d bytes", maxManifestValue)

// valueBudget lets the decoder read at most left bytes until the next
// reset: a huge string or array fails instead of growing its buffer.
type valueBudget struct {
	r    io.Reader
	left int64
}

func (b *valueBudget) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errValueTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *valueBudget) reset() { b.left = maxManifestValue }

// scanManifest reads manifest.json from r as it streams: each entry of
// its "files" array is decoded alone and handed to each, then dropped;
// the other keys fill in the returned Manifest (whose Files stays
// empty). r is read to its end, so that a hash teed from it covers the
// whole file. An error of each stops the scan and is returned as it is;
// the others say what is wrong with the JSON. Refused: anything but one
// object, a key given twice, a value over maxManifestValue, another
// format than FormatID.
func scanManifest(r io.Reader, each func(*FileEntry) error) (Manifest, error) {
	var m Manifest
	budget := &valueBudget{r: io.LimitReader(r, maxManifestSize)}
	budget.reset()
	dec := json.NewDecoder(budget)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return Manifest{}, fmt.Errorf("invalid JSON: not an object (%v)", err)
	}
	fields := manifestFields(&m)
	seen := map[string]bool{}
	for dec.More() {
		budget.reset()
		t, err := dec.Token()
		if err != nil {
			return Manifest{}, fmt.Errorf("invalid JSON: %w", err)
		}
		key, _ := t.(string)
		if seen[key] {
			return Manifest{}, fmt.Errorf("invalid JSON: key %q twice", key)
		}
		seen[key] = true
		if key == "files" {
			if err := scanFiles(dec, budget, each); err != nil {
				return Manifest{}, err
			}
			continue
		}
		v, ok := fields[key]
		if !ok {
			v = new(json.RawMessage) // a key of a later version
		}
		if err := dec.Decode(v); err != nil {
			return Manifest{}, fmt.Errorf("invalid JSON: %q: %w", key, err)
		}
	}
	budget.reset()
	if _, err := dec.Token(); err != nil {
		return Manifest{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Manifest{}, fmt.Errorf("invalid JSON: data after the manifest (%v)", err)
	}
	if m.Format != FormatID {
		return Manifest{}, fmt.Errorf("format %q, want %q", m.Format, FormatID)
	}
	return m, nil
}

// scanFiles decodes the files array entry by entry (null is none).
func scanFiles(dec *json.Decoder, budget *valueBudget, each func(*FileEntry) error) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	if t == nil {
		return nil
	}
	if t != json.Delim('[') {
		return errors.New("invalid JSON: files is not an array")
	}
	for dec.More() {
		budget.reset()
		var f FileEntry
		if err := dec.Decode(&f); err != nil {
			return fmt.Errorf("invalid JSON: files: %w", err)
		}
		if err := each(&f); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}

// manifestFields maps each JSON key of Manifest to its field in m.
func manifestFields(m *Manifest) map[string]any {
	v := reflect.ValueOf(m).Elem()
	out := make(map[string]any, v.NumField())
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		out[name] = v.Field(i).Addr().Interface()
	}
	return out
}
