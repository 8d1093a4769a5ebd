package export

import (
	"slices"
	"strconv"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Package kinds written in manifest.json (PackageInfo.Kind).
const (
	KindFull  = "complet"
	KindDelta = "complement_depuis_depot"
)

// PackageInfo says what the package carries: the whole dossier, or only
// the requirements changed since the last deposit round.
type PackageInfo struct {
	Kind string `json:"kind"`
	// SinceRound, SinceDate and SinceManifest name the round a delta
	// package follows.
	SinceRound    int    `json:"since_round,omitempty"`
	SinceDate     string `json:"since_date,omitempty"`
	SinceManifest string `json:"since_manifest_sha256,omitempty"`
	// Statement is the same in French, for people reading the manifest.
	Statement string `json:"statement"`
}

// RequirementEntry is one applicable requirement of the dossier, carried
// in the package or not, and why.
type RequirementEntry struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	InPackage bool   `json:"in_package"`
	// Deposit is the requirement's deposit status when the package was
	// written ("jamais déposée", "déposée le …", "modifiée depuis le dépôt
	// du …"); "déjà référencée" for one a previous application carried.
	Deposit string `json:"deposit"`
	Files   int    `json:"files"`
	// OpenRequests are the numbers of the open ANS requests on it.
	OpenRequests []int `json:"open_requests,omitempty"`
	// Review is its review state (dossier.SignoffState: a_valider,
	// validee, a_corriger; absent when the dossier has no review);
	// ValidatedBy and ValidatedAt say who validated it and when.
	Review      dossier.SignoffState `json:"review,omitempty"`
	ValidatedBy string               `json:"validated_by,omitempty"`
	ValidatedAt *time.Time           `json:"validated_at,omitempty"`
}

// scope is which applicable requirements a package carries.
type scope struct {
	info PackageInfo
	// only, when not nil, is the set a delta package carries.
	only map[string]bool
}

// scopeOf is the scope of a package of snap: every applicable
// requirement not already referenced, or with delta only those changed
// since the last round. A delta needs a recorded round and something
// changed since.
func scopeOf(snap dossier.Snapshot, delta bool) (scope, error) {
	if !delta {
		return scope{info: PackageInfo{Kind: KindFull, Statement: "Paquet complet : toutes les exigences applicables du dossier."}}, nil
	}
	last, ok := snap.LastDeposit()
	if !ok {
		return scope{}, dossier.E(dossier.FaultNoDeposit, "", nil)
	}
	only := snap.DeltaRequirements()
	if len(only) == 0 {
		return scope{}, dossier.ED(dossier.FaultNothingChanged, "", "dépôt n° "+strconv.Itoa(last.Round)+" du "+dossier.FrenchDayOf(last.Date), nil)
	}
	day, _ := time.Parse(dossier.DayLayout, last.Date)
	return scope{only: only, info: PackageInfo{Kind: KindDelta, SinceRound: last.Round, SinceDate: last.Date, SinceManifest: last.ManifestSHA256,
		Statement: "Paquet complémentaire : seules les exigences dont les preuves ont changé depuis le dépôt n° " +
			strconv.Itoa(last.Round) + " du " + dossier.FrenchDay(day) + " sont jointes ; les manifestes listent toutes les exigences du dossier."}}, nil
}

// carries tells whether the package holds the requirement.
func (s scope) carries(info dossier.Info, id string) bool {
	if info.IsReferenced(id) {
		return false
	}
	return s.only == nil || s.only[id]
}

// filter keeps the requirements the package carries, in order.
func (s scope) filter(info dossier.Info, reqs []*dossier.Requirement) []*dossier.Requirement {
	return slices.DeleteFunc(slices.Clone(reqs), func(r *dossier.Requirement) bool { return !s.carries(info, r.ID) })
}

// scopedReport keeps the gaps of the requirements carried (and the
// dossier-wide ones): a delta package is checked on what it holds.
func (s scope) scopedReport(info dossier.Info, rep dossier.Report) dossier.Report {
	keep := func(g dossier.Gap) bool {
		return g.Req != "" && g.Req != dossier.CandidatureGap && !s.carries(info, g.Req)
	}
	rep.Blocking = slices.DeleteFunc(slices.Clone(rep.Blocking), keep)
	rep.Warnings = slices.DeleteFunc(slices.Clone(rep.Warnings), keep)
	rep.Complete = len(rep.Blocking) == 0
	return rep
}

// requirementEntries lists every applicable requirement for the manifest.
func requirementEntries(p *plan) []RequirementEntry {
	snap := p.snap
	tracking := dossier.TrackingOf(snap, p.stamp)
	var out []RequirementEntry
	for _, req := range snap.Catalogue.Applicable(snap.Info.Profiles) {
		t := tracking[req.ID]
		e := RequirementEntry{ID: req.ID, Status: dossier.StateOf(snap.States, req.ID).Status.Label(),
			InPackage: p.scope.carries(snap.Info, req.ID), Deposit: t.Deposit.Label(), Files: len(p.byReq[req.ID])}
		if t.Referenced {
			e.Deposit = "déjà référencée"
		}
		for _, o := range t.Open {
			e.OpenRequests = append(e.OpenRequests, o.N)
		}
		so := snap.SignoffOf(req)
		e.Review = so.State
		if by, at, ok := so.Validated(); ok {
			at = at.UTC()
			e.ValidatedBy, e.ValidatedAt = by, &at
		}
		out = append(out, e)
	}
	return out
}
