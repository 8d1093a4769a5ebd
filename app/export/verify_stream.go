package export

import (
	"encoding/json"
	"fmt"
	"io"
)

// maxManifestValue bounds one value of the manifest.
const maxManifestValue = 16 << 20

// scanManifest reads manifest.json and hands each file entry to each.
func scanManifest(r io.Reader, each func(*FileEntry) error) (Manifest, error) {
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(r, maxManifestSize)).Decode(&m); err != nil {
		return Manifest{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if m.Format != FormatID {
		return Manifest{}, fmt.Errorf("format %q, want %q", m.Format, FormatID)
	}
	for i := range m.Files {
		if err := each(&m.Files[i]); err != nil {
			return Manifest{}, err
		}
	}
	m.Files = nil
	return m, nil
}
