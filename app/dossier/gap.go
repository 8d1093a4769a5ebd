package dossier

// GapKind groups the completeness gaps for people: the dashboard counts
// each kind and filters the requirement list on it.
type GapKind string

// The kinds of gap the completeness check reports.
const (
	GapNoProof       GapKind = "no_proof"      // applicable, not Non applicable, and no proof
	GapNotReady      GapKind = "not_ready"     // proof but still À faire or En cours
	GapJustification GapKind = "justification" // Non applicable without justification
	GapReview        GapKind = "review"        // "à revoir" after a catalogue change
	GapProofSlot     GapKind = "proof_slot"    // a numbered proof without file
	GapPolicy        GapKind = "policy"        // a file the policy refuses
	GapProofType     GapKind = "proof_type"    // an expected proof type without file (warning)
	GapUnknownProof  GapKind = "unknown_proof" // a file tied to an unknown proof number (warning)
	GapNoCatalogue   GapKind = "no_catalogue"  // the dossier has no catalogue
	GapCandidature   GapKind = "candidature"   // the Fiche candidature lacks something
	GapToValidate    GapKind = "to_validate"   // ready, but not (or no longer) validated by a reviewer
	GapToCorrect     GapKind = "to_correct"    // sent back for correction by a reviewer
	// GapAny stands for every kind, in a filter.
	GapAny GapKind = "any"
)

// GapKinds lists the kinds in the order the dashboard shows them.
var GapKinds = []GapKind{GapNoProof, GapNotReady, GapJustification, GapReview, GapProofSlot, GapPolicy,
	GapToCorrect, GapToValidate, GapProofType, GapUnknownProof, GapNoCatalogue, GapCandidature}

// Label is the French name of a kind of gap, as a list filter reads.
func (k GapKind) Label() string {
	switch k {
	case GapNoProof:
		return "Sans preuve"
	case GapNotReady:
		return "Pas prêtes"
	case GapJustification:
		return "Justification manquante"
	case GapReview:
		return "À revoir"
	case GapProofSlot:
		return "Preuve attendue manquante"
	case GapPolicy:
		return "Hors politique de fichiers"
	case GapProofType:
		return "Type de preuve attendu absent"
	case GapUnknownProof:
		return "Numéro de preuve inconnu"
	case GapNoCatalogue:
		return "Catalogue absent"
	case GapCandidature:
		return "Fiche candidature"
	case GapToValidate:
		return "À valider"
	case GapToCorrect:
		return "À corriger"
	case GapAny:
		return "Tous les manques bloquants"
	}
	return string(k)
}

// GapGroup is the gaps of one kind: what the dashboard shows as one line
// and one filter.
type GapGroup struct {
	Kind  GapKind  `json:"kind"`
	Label string   `json:"label"`
	Gaps  int      `json:"gaps"`
	Reqs  []string `json:"reqs"` // the requirements concerned, once each, in report order
}

// Groups gathers gaps by kind, in GapKinds order, leaving out empty kinds.
func Groups(gaps []Gap) []GapGroup {
	idx := map[GapKind]int{}
	var out []GapGroup
	seen := map[GapKind]map[string]bool{}
	for _, k := range GapKinds {
		for _, g := range gaps {
			if g.Kind != k {
				continue
			}
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, GapGroup{Kind: k, Label: k.Label(), Reqs: []string{}})
				seen[k] = map[string]bool{}
			}
			out[i].Gaps++
			if g.Req != "" && !seen[k][g.Req] {
				seen[k][g.Req] = true
				out[i].Reqs = append(out[i].Reqs, g.Req)
			}
		}
	}
	return out
}

// BlockedBy lists the requirements with a blocking gap of kind k ("" or
// GapAny for any kind), as a set.
func (r Report) BlockedBy(k GapKind) map[string]bool {
	out := map[string]bool{}
	for _, g := range r.Blocking {
		if g.Req != "" && (k == "" || k == GapAny || g.Kind == k) {
			out[g.Req] = true
		}
	}
	return out
}
