package dossier

import (
	"strings"
	"time"
)

// Info identifies a dossier: who applies, for which product, with which
// profiles.
type Info struct {
	Name           string    `json:"name"`
	Vendor         string    `json:"vendor"`
	Product        string    `json:"product"`
	ProductVersion string    `json:"product_version"`
	Profiles       []string  `json:"profiles"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	// FilePolicy is the dossier's own file policy; nil means the default
	// (see PolicyOf).
	FilePolicy *FilePolicy `json:"file_policy,omitempty"`
	// ID identifies the dossier in its packages' manifests (set at
	// creation, or by the schema migration for older files).
	ID string `json:"id,omitempty"`
	// Candidature, Decision and Referenced are the application's life
	// after the first export (identity.go, decision.go, referenced.go).
	Candidature *Candidature          `json:"candidature,omitempty"`
	Decision    *Decision             `json:"decision,omitempty"`
	Referenced  map[string]Referenced `json:"referenced,omitempty"`
	// Signoff is the review rules (signoff.go); nil in a dossier made
	// before review existed, which means review off.
	Signoff *SignoffSettings `json:"signoff,omitempty"`
}

// Check tells what is missing from a new dossier's identity.
func (in Info) Check() error {
	var missing []string
	if strings.TrimSpace(in.Name) == "" {
		missing = append(missing, "nom du dossier")
	}
	if strings.TrimSpace(in.Vendor) == "" {
		missing = append(missing, "éditeur")
	}
	if strings.TrimSpace(in.Product) == "" {
		missing = append(missing, "produit")
	}
	if strings.TrimSpace(in.ProductVersion) == "" {
		missing = append(missing, "version")
	}
	if len(missing) > 0 {
		return ED(FaultMissingInfo, "", strings.Join(missing, ", "), nil)
	}
	return nil
}
