package dossier

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"
)

// Referenced records a requirement filed and accepted by a previous
// application of the same product ("déjà référencée"): it is excluded
// from the completeness check and from the packages.
type Referenced struct {
	Date string `json:"date"` // YYYY-MM-DD of the decision that accepted it
	// From is the ID of the referenced dossier it was carried from.
	From string `json:"from"`
}

// IsReferenced tells whether a requirement was carried as already
// referenced.
func (in Info) IsReferenced(reqID string) bool {
	_, ok := in.Referenced[reqID]
	return ok
}

// NewDossierID makes the random identifier of a new dossier, written into
// every package's manifest so that a deposit can tell its packages.
func NewDossierID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	return hex.EncodeToString(b)
}

// ExtraProfile is the application for more profiles of a referenced
// product: the new dossier's identity, and the requirements carried.
type ExtraProfile struct {
	Info Info
	// Carried is how many requirements are carried as already referenced.
	Carried int
}

// PlanExtraProfile prepares, from a referenced dossier ref, the identity
// of a new application for the profiles add (and the requirements again,
// which the ANS requires to be proven again). The requirements ref filed
// and the college accepted are carried as "déjà référencée". It refuses a
// reference without a favourable decision (sans réserve, or non-blocking
// reservations corrected with no request left open) and a profile ref
// already applied for.
func PlanExtraProfile(ref *Service, add, again []string) (ExtraProfile, error) {
	snap, err := ref.Snapshot()
	if err != nil {
		return ExtraProfile{}, err
	}
	in := snap.Info
	ds := DecisionStateOf(in, snap.Deposits, ref.Now())
	ok := in.Decision != nil && (in.Decision.Outcome == SansReserve || (in.Decision.Outcome == ReservesNonBloquantes && !ds.Pending))
	for _, r := range snap.Requests {
		ok = ok && r.Closed
	}
	if !ok {
		return ExtraProfile{}, E(FaultNotReferenced, ref.Path(), nil)
	}
	cat := snap.Catalogue
	wanted, err := cat.NormalizeProfiles(append(slices.Clone(in.Profiles), add...))
	if err != nil {
		return ExtraProfile{}, err
	}
	for _, q := range add {
		p, err := cat.NormalizeProfiles([]string{q})
		if err != nil {
			return ExtraProfile{}, err
		}
		for _, name := range p {
			if slices.Contains(in.Profiles, name) && !slices.Contains(cat.MandatoryProfiles(), name) {
				return ExtraProfile{}, E(FaultProfileTaken, name, nil)
			}
		}
	}
	var againIDs []string
	for _, id := range again {
		req, err := cat.Requirement(strings.TrimSpace(id))
		if err != nil {
			return ExtraProfile{}, E(FaultUnknownRequirement, strings.TrimSpace(id), err)
		}
		againIDs = append(againIDs, req.ID)
	}
	sums := snap.Summaries()
	out := in
	out.ID, out.Referenced, out.Decision = NewDossierID(), map[string]Referenced{}, nil
	out.Profiles = wanted
	out.Name = strings.TrimSpace(in.Name + " — profils complémentaires")
	for _, req := range cat.Applicable(in.Profiles) {
		if slices.Contains(againIDs, req.ID) {
			continue
		}
		if in.IsReferenced(req.ID) {
			out.Referenced[req.ID] = in.Referenced[req.ID]
			continue
		}
		if st := depositOf(snap.Deposits, req.ID, sums[req.ID].Set()).Status; st == NeverDeposited || st == "" {
			continue
		}
		out.Referenced[req.ID] = Referenced{Date: in.Decision.Date, From: in.ID}
	}
	return ExtraProfile{Info: out, Carried: len(out.Referenced)}, nil
}
