package dossier

import (
	"path"
	"slices"
	"strings"
)

// ProofSummary is what the completeness check, the overview, the review
// and the tracking read about one requirement's evidence. A store that
// keeps one per requirement, updated in the transaction of every change
// (SummaryStore), lets them read one summary per requirement instead of
// one fact per proof. It depends on nothing but the evidence: a change of
// file policy or of catalogue changes no summary.
type ProofSummary struct {
	Count   int   `json:"count"`
	Bytes   int64 `json:"bytes"`
	MaxSize int64 `json:"max_size"`
	// Kinds, Exts (lower case, with the dot; "" for none) and ProofIDs
	// ("" for an item tied to no proof number) count the items by each.
	Kinds    map[Kind]int   `json:"kinds,omitempty"`
	Exts     map[string]int `json:"exts,omitempty"`
	ProofIDs map[string]int `json:"proof_ids,omitempty"`
	// Digest is ProofSetDigest of the items' SHA-256, sorted: what a
	// review, a deposit and a request compare proofs by.
	Digest string `json:"digest"`
}

// SummaryStore is a store that keeps each requirement's ProofSummary.
type SummaryStore interface {
	// ProofSummaries is the summary of every requirement with evidence
	// and, read in the same transaction, the facts (see Facts) of the
	// evidence of the requirements detail names given those summaries,
	// ordered by ID (none when detail is nil).
	ProofSummaries(detail func(map[string]ProofSummary) []string) (map[string]ProofSummary, []Evidence, error)
}

// SummaryOf summarises evs, one requirement's evidence items.
func SummaryOf(evs []Evidence) ProofSummary {
	s := ProofSummary{Kinds: map[Kind]int{}, Exts: map[string]int{}, ProofIDs: map[string]int{}}
	for _, ev := range evs {
		s.Count++
		s.Bytes += ev.Size
		s.MaxSize = max(s.MaxSize, ev.Size)
		s.Kinds[ev.Kind]++
		s.Exts[extOf(ev.Name)]++
		s.ProofIDs[ev.ProofID]++
	}
	s.Digest = ProofSetDigest(proofDigests(evs))
	return s
}

// SummarizeProofs summarises evs by requirement.
func SummarizeProofs(evs []Evidence) map[string]ProofSummary {
	by := map[string][]Evidence{}
	for _, ev := range evs {
		by[ev.ReqID] = append(by[ev.ReqID], ev)
	}
	out := make(map[string]ProofSummary, len(by))
	for id, list := range by {
		out[id] = SummaryOf(list)
	}
	return out
}

// summaryOf is one requirement's evidence summary in the snapshot.
func (s Snapshot) summaryOf(reqID string) ProofSummary {
	if s.Proofs != nil {
		return s.Proofs[reqID]
	}
	return SummaryOf(s.EvidenceOf(reqID))
}

// countsOf is the number of evidence items per requirement.
func countsOf(sums map[string]ProofSummary) map[string]int {
	out := make(map[string]int, len(sums))
	for id, s := range sums {
		out[id] = s.Count
	}
	return out
}

// extOf is the extension a file policy reads in a file name.
func extOf(name string) string { return strings.ToLower(path.Ext(name)) }

// ProofSet is a requirement's proofs as a review, a deposit and a request
// compare them: how many, and ProofSetDigest of their digests. Two lists
// of SHA-256 (hex) are equal exactly when their ProofSets are.
type ProofSet struct {
	Count  int
	Digest string
}

// proofSetOf is the ProofSet of a list of digests, in its order.
func proofSetOf(digests []string) ProofSet {
	return ProofSet{Count: len(digests), Digest: ProofSetDigest(digests)}
}

// Set is the summary's ProofSet; that of no proof for the zero summary.
func (s ProofSummary) Set() ProofSet {
	if s.Count == 0 {
		return proofSetOf(nil)
	}
	return ProofSet{Count: s.Count, Digest: s.Digest}
}

// Breaks tells whether at least one of the summarised items breaks the
// policy (the same rules as FilePolicy.Check, item by item).
func (p FilePolicy) Breaks(s ProofSummary) bool {
	if len(p.AllowedKinds) > 0 {
		for k, n := range s.Kinds {
			if n > 0 && !slices.Contains(p.AllowedKinds, kindOrUnknown(k)) {
				return true
			}
		}
	}
	if len(p.AllowedExtensions) > 0 {
		for e, n := range s.Exts {
			if n > 0 && !slices.Contains(p.AllowedExtensions, e) {
				return true
			}
		}
	}
	return p.MaxFileSize > 0 && s.MaxSize > p.MaxFileSize
}

// unknownProofs tells whether an item is tied to a proof number req does
// not define (checked only when req defines some).
func unknownProofs(req *Requirement, s ProofSummary) bool {
	slots := req.ProofSlots()
	if len(slots) == 0 {
		return false
	}
	for id, n := range s.ProofIDs {
		if n > 0 && id != "" && !slices.ContainsFunc(slots, func(sl ProofSlot) bool { return sl.ID == id }) {
			return true
		}
	}
	return false
}
