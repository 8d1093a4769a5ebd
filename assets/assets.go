// Package assets embeds the application's data: the default REM catalogue
// and the icon.
package assets

import (
	"bytes"
	_ "embed"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

//go:embed catalogue-ris-va1.json
var catalogueRISVa1 []byte

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// DefaultCatalogue parses the embedded RIS Vague 1 catalogue. Each call
// returns a fresh copy the caller may keep.
func DefaultCatalogue() (*dossier.Catalogue, error) {
	return dossier.ParseCatalogue(bytes.NewReader(catalogueRISVa1))
}
