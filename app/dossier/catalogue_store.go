package dossier

// CatalogueVersion describes one catalogue a dossier has used.
type CatalogueVersion struct {
	Seq          uint64 `json:"seq"`
	Title        string `json:"title"`
	Version      string `json:"version,omitempty"`
	Source       string `json:"source,omitempty"`
	Current      bool   `json:"current"`
	Requirements int    `json:"requirements"`
}

// CatalogueSwitch is everything a catalogue change writes, applied by the
// store in one transaction so that a crash leaves either the old catalogue
// with its states or the new one with the carried-forward states.
type CatalogueSwitch struct {
	Catalogue *Catalogue
	// Renames maps an old requirement ID to its ID in the new catalogue
	// when the same requirement changed identifier scheme; its state and
	// evidence, if any, move with it.
	Renames map[string]string
	// Check, when not nil, runs first in the same transaction, on the
	// dossier as it was (the old catalogue still current); its error
	// cancels the switch.
	Check func(tx Tx) error
	// Apply runs in the same transaction, after the renames: the service
	// flags requirements for review, re-resolves the profiles and records
	// the event there, on the dossier as the transaction sees it.
	Apply func(tx Tx) error
}

// CatalogueStore keeps the versions of the catalogue a dossier used.
type CatalogueStore interface {
	// SwitchCatalogue stores a new catalogue version and makes it current.
	SwitchCatalogue(sw CatalogueSwitch) error
	// CatalogueVersions lists every catalogue the dossier used, oldest first.
	CatalogueVersions() ([]CatalogueVersion, error)
}
