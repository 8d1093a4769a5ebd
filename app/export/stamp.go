package export

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// stampOf is what the spreadsheet's and the report's metadata say of the
// package, in ASCII: the dossier's ID, the draft flag and a SHA-256 of
// the identity (name, vendor, product, version). verify recomputes it from
// manifest.json: a package whose files disagree on whether it is a draft,
// or for whom it is, is refused.
func stampOf(m *Manifest) string {
	id := m.Dossier
	sum := sha256.Sum256([]byte(strings.Join([]string{id.Name, id.Vendor, id.Product, id.Version}, "\n")))
	return "dossier-segur;id=" + id.ID + ";draft=" + strconv.FormatBool(m.Draft) + ";identity=" + hex.EncodeToString(sum[:16])
}
