package export_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/export"
)

// TestManifestDigest: the digest an export records is manifest.json's
// SHA-256 and its draft flag, read as the manifest streams by; a manifest
// of another format is refused.
func TestManifestDigest(t *testing.T) {
	draftPkg := smallPackage(t)
	finalPkg, err := exportTo(t, completeFake(t), export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pkg   string
		draft bool
	}{{draftPkg, true}, {finalPkg, false}} {
		sum, draft, err := export.ManifestDigest(context.Background(), c.pkg)
		want := sha256.Sum256(entryOf(t, c.pkg, export.ManifestName))
		if err != nil || draft != c.draft || sum != hex.EncodeToString(want[:]) {
			t.Fatalf("ManifestDigest = %s, %v, %v; want %x, %v", sum, draft, err, want, c.draft)
		}
	}
	other := rewrite(t, draftPkg, func(name string, d []byte) ([]byte, bool) {
		if name == export.ManifestName {
			d = bytes.Replace(d, []byte(export.FormatID), []byte("autre/format"), 1)
		}
		return d, true
	}, nil)
	if _, _, err := export.ManifestDigest(context.Background(), other); err == nil {
		t.Fatal("a manifest of another format is read")
	}
}
