package dossier

import (
	"sort"
	"strconv"
)

// Side is one of the two copies a merge brings together.
type Side string

// The two sides of a merge: the dossier merged into, and the other copy.
const (
	Mine   Side = "mine"
	Theirs Side = "theirs"
	// Revalidate is how a merge settles different review decisions made
	// on both sides: neither is kept, a reviewer decides again.
	Revalidate Side = "a_valider"
)

// ParseSide accepts mine|theirs (and the French mien|sien, moi|eux).
func ParseSide(s string) (Side, error) {
	switch Fold(s) {
	case "mine", "mien", "moi":
		return Mine, nil
	case "theirs", "sien", "eux", "autre":
		return Theirs, nil
	}
	return "", ED(FaultBadOptionValue, "--prefer", s, nil)
}

// MergeDossier is the Req of a conflict on a dossier-level field (see
// dossierFields): not a requirement, the dossier itself.
const MergeDossier = "dossier"

// Conflict is one field of a requirement changed on both sides since the
// copies' common point, to different values: a person decides.
type Conflict struct {
	Req    string `json:"req"`
	Field  string `json:"field"`
	Mine   string `json:"mine"`
	Theirs string `json:"theirs"`
	// SHA256 and Name identify the proof of a caption (FieldCaption):
	// its content and, in this dossier, its file name.
	SHA256 string `json:"sha256,omitempty"`
	Name   string `json:"name,omitempty"`
	// Resolved is the side kept, once decided.
	Resolved Side `json:"resolved,omitempty"`
}

// MergeReport is what a merge brings in (a dry run) or brought in.
type MergeReport struct {
	// EvidenceAdded counts the other copy's proofs new to the dossier;
	// BytesAdded is the size of the contents the dossier does not hold
	// yet (content held already costs nothing).
	EvidenceAdded int   `json:"evidence_added"`
	BytesAdded    int64 `json:"bytes_added"`
	// RequirementsChanged lists the requirements that gain a proof or a
	// field from the other copy, in order.
	RequirementsChanged []string `json:"requirements_changed"`
	// DossierChanged lists the dossier-level fields (identity, profiles,
	// file policy, application form, review rules) taken from the other
	// copy, in order; their conflicts are listed under MergeDossier.
	DossierChanged []string `json:"dossier_changed"`
	// ApplicableAdded and ApplicableRemoved are the requirements the
	// profiles taken bring into scope or take out of it.
	ApplicableAdded   []string   `json:"applicable_added,omitempty"`
	ApplicableRemoved []string   `json:"applicable_removed,omitempty"`
	Conflicts         []Conflict `json:"conflicts"`
	// EventsAdded counts the other copy's journal events joined.
	EventsAdded int  `json:"events_added"`
	Applied     bool `json:"applied"`
}

// NoOp tells whether the merge changes nothing.
func (r MergeReport) NoOp() bool {
	return r.EvidenceAdded == 0 && len(r.RequirementsChanged) == 0 && len(r.DossierChanged) == 0 && len(r.Conflicts) == 0 && r.EventsAdded == 0
}

// stateField is one field of a requirement's state that a merge compares.
type stateField struct {
	name string
	get  func(ReqState) string
	set  func(dst *ReqState, src ReqState)
}

func yesNo(b bool) string { return strconv.FormatBool(b) }

// FieldRecheck is the "à revoir" flag a catalogue change sets, compared by
// a merge beside the state fields of the journal (FieldStatus…) and the
// review decision (FieldReview).
const FieldRecheck = "a_revoir"

var stateFields = []stateField{
	{FieldStatus, func(s ReqState) string { return string(s.Status) }, func(d *ReqState, s ReqState) { d.Status = s.Status }},
	{FieldNote, func(s ReqState) string { return s.Note }, func(d *ReqState, s ReqState) { d.Note = s.Note }},
	{FieldJustification, func(s ReqState) string { return s.Justification }, func(d *ReqState, s ReqState) { d.Justification = s.Justification }},
	{FieldOffline, func(s ReqState) string { return yesNo(s.Offline) }, func(d *ReqState, s ReqState) { d.Offline = s.Offline }},
	{FieldRecheck, func(s ReqState) string { return yesNo(s.Review) }, func(d *ReqState, s ReqState) { d.Review = s.Review }},
	{FieldReview, decisionOf, func(d *ReqState, s ReqState) { d.Signoff = s.Signoff }},
}

// Divergence is what each copy did since their common point, as their
// journals tell. Without a common point (Known false) nothing is known:
// every field that differs is a conflict, and evidence is a plain union.
type Divergence struct {
	Known bool
	// Import are the other copy's events this dossier lacks, in order;
	// MineHead and TheirsHead the two journals' last events.
	Import               []Event
	MineHead, TheirsHead string
	// Mine and Theirs: requirement ID → fields changed on that side.
	Mine, Theirs map[string]map[string]bool
	// MineRemoved: proofs (requirement, SHA-256) that this side removed
	// (deleted or moved away), which the other copy's still holding them
	// must not bring back.
	MineRemoved map[ProofKey]bool
	// MineCaptions and TheirsCaptions: proofs whose caption that side
	// changed.
	MineCaptions, TheirsCaptions map[ProofKey]bool
}

// changed tells whether side's changes name field of req.
func changed(m map[string]map[string]bool, req, field string) bool {
	return m[req][field] || m[anyReq][field]
}

// winner is the side whose value a field that differs takes, by whether
// this side (mc) and the other (tc) changed it since the common point:
// the one that alone changed it; "" when both did, or when there is no
// common point (a conflict, for a person to decide).
func (d Divergence) winner(mc, tc bool) Side {
	switch {
	case d.Known && tc && !mc:
		return Theirs
	case d.Known && mc && !tc:
		return Mine
	}
	return ""
}

// fieldWinner is winner for field of req (see changed).
func (d Divergence) fieldWinner(req, field string) Side {
	return d.winner(changed(d.Mine, req, field), changed(d.Theirs, req, field))
}

// ProofKey identifies a proof across copies: its requirement and its
// content.
type ProofKey struct{ Req, SHA256 string }

// mergePlan compares two copies' states and evidence.
type mergePlan struct {
	report MergeReport
	// states are the requirements whose state changes: the planned new
	// state, from mine's state as read (base).
	states map[string]ReqState
	base   map[string]ReqState
	// theirs are the other copy's states, for conflicts resolved theirs.
	theirs map[string]ReqState
	add    []Evidence
	// captions are the captions taken from the other side without
	// conflict (this dossier's evidence number → caption); captionIDs
	// the proofs of caption conflicts (see merge_caption.go).
	captions   map[uint64]string
	captionIDs map[ProofKey]uint64
	// mineInfo and theirsInfo are the two identities as read; dossierTaken
	// the dossier-level fields taken without conflict (merge_dossier.go).
	mineInfo, theirsInfo Info
	dossierTaken         []string
	// profiles are the profiles the merge leaves, as the catalogue orders
	// them (checkMergedInfo).
	profiles []string
}

// planMerge decides, field by field, what the merge takes: a field that
// differs and was changed on the other side only takes the other side's
// value; changed on this side only, it stays; otherwise it is a conflict.
// Evidence is a union by (requirement, SHA-256), except what this side
// removed since the common point.
func planMerge(mine, theirs Snapshot, div Divergence) mergePlan {
	p := mergePlan{states: map[string]ReqState{}, base: map[string]ReqState{}, theirs: theirs.States}
	changedReqs := map[string]bool{}
	ids := map[string]bool{}
	for id := range mine.States {
		ids[id] = true
	}
	for id := range theirs.States {
		ids[id] = true
	}
	for _, id := range sortedKeys(ids) {
		m, t := StateOf(mine.States, id), StateOf(theirs.States, id)
		next := m
		for _, f := range stateFields {
			mv, tv := f.get(m), f.get(t)
			if mv == tv {
				continue
			}
			switch win := div.fieldWinner(id, f.name); {
			case win == Theirs:
				f.set(&next, t)
				changedReqs[id] = true
			case win == Mine:
			case f.name == FieldReview:
				// Never decided for people: the requirement is to review again.
				p.report.Conflicts = append(p.report.Conflicts, Conflict{Req: id, Field: f.name, Mine: mv, Theirs: tv, Resolved: Revalidate})
				next.Signoff = nil
				changedReqs[id] = true
			default:
				p.report.Conflicts = append(p.report.Conflicts, Conflict{Req: id, Field: f.name, Mine: mv, Theirs: tv})
			}
		}
		if changedReqs[id] {
			next.ReqID = id
			p.states[id], p.base[id] = next, m
		}
	}
	p.planCaptions(mine, theirs, div, changedReqs)
	p.planDossier(mine.Info, theirs.Info, div)
	held := map[ProofKey]bool{}
	contents := map[string]bool{}
	for _, ev := range mine.Evidence {
		held[ProofKey{ev.ReqID, ev.SHA256}] = true
		contents[ev.SHA256] = true
	}
	for _, ev := range theirs.Evidence {
		k := ProofKey{ev.ReqID, ev.SHA256}
		if held[k] || div.MineRemoved[k] {
			continue
		}
		held[k] = true
		p.add = append(p.add, ev)
		changedReqs[ev.ReqID] = true
		if !contents[ev.SHA256] {
			contents[ev.SHA256] = true
			p.report.BytesAdded += ev.Size
		}
	}
	p.report.EvidenceAdded = len(p.add)
	p.report.RequirementsChanged = sortedKeys(changedReqs)
	// Fields first, then captions, within each requirement.
	sort.SliceStable(p.report.Conflicts, func(i, j int) bool { return p.report.Conflicts[i].Req < p.report.Conflicts[j].Req })
	if p.report.Conflicts == nil {
		p.report.Conflicts = []Conflict{}
	}
	return p
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// FieldLabel is the French name of a merged field.
func FieldLabel(field string) string {
	switch field {
	case FieldStatus:
		return "statut"
	case FieldNote:
		return "note"
	case FieldJustification:
		return "justification"
	case FieldOffline:
		return "preuve hors application"
	case FieldRecheck:
		return "à revoir"
	case FieldReview:
		return "décision de relecture"
	case FieldCaption:
		return "légende"
	}
	if l := dossierFieldLabel(field); l != "" {
		return l
	}
	return field
}

// FieldValueLabel is a merged field's value as people read it: a status's
// French label, oui/non for a flag, the text otherwise.
func FieldValueLabel(field, v string) string {
	switch field {
	case FieldStatus:
		if st, err := ParseStatus(v); err == nil {
			return st.Label()
		}
	case FieldCaption:
		if v == "" {
			return "aucune"
		}
	case FieldReview:
		if v == "" {
			return "aucune"
		}
		return SignoffDecision(v).Label()
	case FieldOffline, FieldRecheck:
		switch v {
		case "true":
			return "oui"
		case "false":
			return "non"
		}
	}
	if l, ok := dossierValueLabel(field, v); ok {
		return l
	}
	return v
}
