package dossier

import (
	"strings"
	"time"
)

// Status is the progress of one requirement in a dossier.
type Status string

// The statuses a requirement moves through.
const (
	AFaire        Status = "a_faire"
	EnCours       Status = "en_cours"
	Prete         Status = "prete"
	NonApplicable Status = "non_applicable"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{AFaire, EnCours, Prete, NonApplicable}

// Label is the French label shown to users.
func (s Status) Label() string {
	switch s {
	case EnCours:
		return "En cours"
	case Prete:
		return "Prête"
	case NonApplicable:
		return "Non applicable"
	default:
		return "À faire"
	}
}

// ParseStatus accepts a status key (a_faire, en_cours, prete,
// non_applicable) or its French label.
func ParseStatus(s string) (Status, error) {
	f := Fold(s)
	for _, st := range Statuses {
		if f == string(st) || f == Fold(st.Label()) || strings.ReplaceAll(f, " ", "_") == string(st) {
			return st, nil
		}
	}
	return "", E(FaultUnknownStatus, s, nil)
}

// ReqState is what the dossier records about one requirement. A missing
// state means À faire with no note.
type ReqState struct {
	ReqID         string `json:"req"`
	Status        Status `json:"status"`
	Note          string `json:"note,omitempty"`
	Justification string `json:"justification,omitempty"`
	Review        bool   `json:"review,omitempty"` // "à revoir" after a catalogue change
	// Offline records a proof filed outside the application (on the ANS
	// platform, on paper…): it stands for a file, and the note must say
	// where it is.
	Offline bool `json:"offline,omitempty"`
	// PreparedBy is who last chose the status, the justification or the
	// proof filed outside the application (the operator, "" when none was
	// known): the author a review of that text may not be (signoff.go).
	PreparedBy string `json:"prepared_by,omitempty"`
	// Signoff is the last review decision (signoff.go); it holds only
	// while the status, proofs and justification it was made on stay.
	Signoff   *Signoff  `json:"signoff,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Check enforces the state rules: N/A needs a justification; a proof
// filed outside the application needs a note saying where it is.
func (st ReqState) Check() error {
	if st.Status == NonApplicable && strings.TrimSpace(st.Justification) == "" {
		return E(FaultJustification, st.ReqID, nil)
	}
	if st.Offline && strings.TrimSpace(st.Note) == "" {
		return E(FaultOfflineNote, st.ReqID, nil)
	}
	return nil
}

// CheckReady enforces the rule of Prête: at least one proof, a file
// (files > 0) or a proof filed outside the application.
func (st ReqState) CheckReady(files int) error {
	if st.Status == Prete && files == 0 && !st.Offline {
		return E(FaultNoProof, st.ReqID, nil)
	}
	return nil
}

// StateOf returns the recorded state of a requirement or the default one.
func StateOf(states map[string]ReqState, id string) ReqState {
	if st, ok := states[id]; ok {
		if st.Status == "" {
			st.Status = AFaire
		}
		return st
	}
	return ReqState{ReqID: id, Status: AFaire}
}
