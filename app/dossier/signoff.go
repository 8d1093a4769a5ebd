package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Review and sign-off: a requirement that is Prête (or Non applicable) is
// validated or sent back for correction by a reviewer. A decision holds
// for what the reviewer saw: the status, the exact set of proof digests
// and, for Non applicable or a proof filed outside the application, the
// text that stands for the proof. When any of them changes the decision
// no longer counts and the requirement is "à valider" again; nothing has
// to be stored for that, so every way a proof changes (attach, delete,
// move, a REM import carrying states, a merge) is covered alike.

// SignoffDecision is what a reviewer decides about a requirement.
type SignoffDecision string

// The decisions of a reviewer.
const (
	Valide    SignoffDecision = "valide"
	ACorriger SignoffDecision = "a_corriger"
)

// Label is the French name of the decision.
func (d SignoffDecision) Label() string {
	if d == ACorriger {
		return "À corriger"
	}
	return "Validée"
}

// ParseSignoffDecision reads valide or a_corriger (or their French labels,
// accents and case ignored).
func ParseSignoffDecision(s string) (SignoffDecision, error) {
	f := strings.NewReplacer(" ", "_", "-", "_").Replace(Fold(s))
	switch f {
	case "valide", "validee", "valider":
		return Valide, nil
	case "a_corriger", "corriger":
		return ACorriger, nil
	}
	return "", ED(FaultBadValue, "--decision", "valide ou a_corriger", nil)
}

// Signoff is the last review decision recorded on a requirement, with what
// it was made on.
type Signoff struct {
	Decision SignoffDecision `json:"decision"`
	By       string          `json:"by"`
	At       time.Time       `json:"at"`
	Comment  string          `json:"comment,omitempty"`
	// Status is the status reviewed; Proofs the requirement's proof
	// digests then (SHA-256, sorted); Text the digest of the justification
	// (Non applicable) or of the note (proof filed outside the
	// application) reviewed, "" otherwise.
	Status Status   `json:"status"`
	Proofs []string `json:"proofs"`
	Text   string   `json:"text_sha256,omitempty"`
	// Self is set when the reviewer had added proofs of the requirement
	// (or set its status) and the dossier allowed it.
	Self bool `json:"self,omitempty"`
}

// holds tells whether the decision still applies to the requirement as it
// is: same status, same proofs, same justification or offline note.
func (so *Signoff) holds(st ReqState, proofs ProofSet) bool {
	return so != nil && so.Status == st.Status && proofSetOf(so.Proofs) == proofs && so.Text == signoffText(st)
}

// signoffText is the digest of the text that stands for the proof: the
// justification of Non applicable, the note of a proof filed outside the
// application; "" when the proofs are files only.
func signoffText(st ReqState) string {
	var s string
	switch {
	case st.Status == NonApplicable:
		s = "justification\x00" + strings.TrimSpace(st.Justification)
	case st.Offline:
		s = "hors-application\x00" + strings.TrimSpace(st.Note)
	default:
		return ""
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// SignoffSettings are the dossier's review rules.
type SignoffSettings struct {
	// Required: the final export needs every applicable exigence
	// validated. Off, nobody reviews (a one-person team).
	Required bool `json:"required"`
	// AllowSelf lets a reviewer validate a requirement whose proofs they
	// added themselves; each such validation is marked (Signoff.Self).
	AllowSelf bool `json:"allow_self"`
}

// DefaultSignoff is what a dossier created by the application (`new`, the
// GUI's "Nouveau dossier") starts with: review required, no
// self-validation. A dossier made before review existed has no settings
// and keeps working as it did: review off until someone turns it on.
var DefaultSignoff = SignoffSettings{Required: true}

// SignoffRules are the dossier's review settings (all off when none were
// ever recorded: a dossier from before review existed).
func (in Info) SignoffRules() SignoffSettings {
	if in.Signoff == nil {
		return SignoffSettings{}
	}
	return *in.Signoff
}

// SignoffState is where a requirement stands in review.
type SignoffState string

// The review states. SignoffNone: nothing to review (review off, or the
// requirement not ready: not Prête with a proof nor Non applicable with a
// justification).
const (
	SignoffNone      SignoffState = ""
	SignoffPending   SignoffState = "a_valider"
	SignoffValidated SignoffState = "validee"
	SignoffToCorrect SignoffState = "a_corriger"
)

// SignoffStates lists the review states a filter offers.
var SignoffStates = []SignoffState{SignoffPending, SignoffToCorrect, SignoffValidated}

// Label is the French name of the state.
func (s SignoffState) Label() string {
	switch s {
	case SignoffPending:
		return "À valider"
	case SignoffValidated:
		return "Validée"
	case SignoffToCorrect:
		return "À corriger"
	}
	return "Sans relecture"
}

// SignoffStatus is a requirement's review as people see it.
type SignoffStatus struct {
	State SignoffState `json:"state"`
	// Last is the last decision recorded, even one that no longer holds.
	Last *Signoff `json:"last,omitempty"`
	// Outdated: Last was made on other proofs (or another justification)
	// and no longer counts.
	Outdated bool `json:"outdated,omitempty"`
}

// reviewable tells whether a requirement is ready for review: Prête with a
// proof (a file or one filed outside the application), or Non applicable
// with a justification.
func reviewable(st ReqState, files int) bool {
	switch st.Status {
	case Prete:
		return files > 0 || st.Offline
	case NonApplicable:
		return strings.TrimSpace(st.Justification) != ""
	}
	return false
}

// SignoffOf computes the review of requirement req from its state and its
// proof digests (sorted), under the dossier's rules. Only exigences are
// reviewed: a préconisation, not checked for the referencing, never is.
func SignoffOf(rules SignoffSettings, req *Requirement, st ReqState, proofs []string) SignoffStatus {
	return signoffOf(rules, req, st, proofSetOf(proofs))
}

// signoffOf is SignoffOf given the requirement's ProofSet.
func signoffOf(rules SignoffSettings, req *Requirement, st ReqState, proofs ProofSet) SignoffStatus {
	out := SignoffStatus{Last: st.Signoff}
	if st.Signoff != nil && !st.Signoff.holds(st, proofs) {
		out.Outdated = true
	}
	if !rules.Required || req.Nature == Preconisation || !reviewable(st, proofs.Count) {
		return out
	}
	switch {
	case st.Signoff == nil || out.Outdated:
		out.State = SignoffPending
	case st.Signoff.Decision == Valide:
		out.State = SignoffValidated
	default:
		out.State = SignoffToCorrect
	}
	return out
}

// Line is the review in one French line: "Validée par Anne le 30/11/2026 à
// 14:05", "À corriger (Anne, le …) : commentaire", "À valider : les
// preuves ont changé depuis la validation par Anne le …"; "" when there is
// nothing to say.
func (s SignoffStatus) Line() string {
	last := s.Last
	switch s.State {
	case SignoffValidated:
		line := "Validée par " + last.By + " le " + stamp(last.At)
		if last.Self {
			line += " (validation par l'auteur des preuves, autorisée par le dossier)"
		}
		return line
	case SignoffToCorrect:
		line := fmt.Sprintf("À corriger (%s, le %s)", last.By, stamp(last.At))
		if last.Comment != "" {
			line += " : " + last.Comment
		}
		return line
	case SignoffPending:
		if s.Outdated && last.Decision == Valide {
			return "À valider : les preuves ont changé depuis la validation par " + last.By + " le " + stamp(last.At)
		}
		if s.Outdated {
			return "À valider : modifiée depuis la demande de correction de " + last.By + " le " + stamp(last.At)
		}
		return "À valider : un relecteur doit la valider"
	}
	return ""
}

// stamp is a time as French people read it, in UTC: a team works on
// several workstations, and the package must not depend on the zone of
// the one that exports it.
func stamp(t time.Time) string { return t.UTC().Format("02/01/2006 à 15:04") + " UTC" }

// Validated tells who validated the requirement and when, while that
// validation holds; ok is false otherwise.
func (s SignoffStatus) Validated() (by string, at time.Time, ok bool) {
	if s.State != SignoffValidated {
		return "", time.Time{}, false
	}
	return s.Last.By, s.Last.At, true
}

// SignoffOf is one requirement's review in the snapshot.
func (s Snapshot) SignoffOf(req *Requirement) SignoffStatus {
	return signoffOf(s.Info.SignoffRules(), req, StateOf(s.States, req.ID), s.summaryOf(req.ID).Set())
}

// sameOperator tells whether two operators designate the same person:
// same name, case, accents, surrounding spaces and e-mail ignored.
func sameOperator(a, b string) bool {
	a, b = Fold(personOf(a)), Fold(personOf(b))
	return a != "" && a == b
}

// personOf is an operator's name without the e-mail an operator may
// carry ("Anne Martin <anne@editeur.fr>" is Anne Martin).
func personOf(op string) string {
	name, _, _ := strings.Cut(op, " <")
	return name
}

// KnownAuthor tells whether an evidence's author is recorded: evidence
// attached before operators were recorded carries "", "inconnu" or
// "unknown", and such an author never blocks a validation.
func KnownAuthor(name string) bool {
	switch Fold(name) {
	case "", "inconnu", "unknown":
		return false
	}
	return true
}

// proofDigests is the sorted SHA-256 of evidence items.
func proofDigests(evs []Evidence) []string {
	out := make([]string, 0, len(evs))
	for _, ev := range evs {
		out = append(out, ev.SHA256)
	}
	slices.Sort(out)
	return out
}

// SignoffCounts sums the review of the applicable exigences up, for the
// dashboard and `status`.
type SignoffCounts struct {
	Required  bool `json:"required"`
	Validated int  `json:"validated"`
	Pending   int  `json:"to_validate"`
	ToCorrect int  `json:"to_correct"`
}

// count adds one row's review.
func (c *SignoffCounts) count(r Row) {
	if !r.Applicable || r.Track.Referenced {
		return
	}
	switch r.Signoff.State {
	case SignoffValidated:
		c.Validated++
	case SignoffPending:
		c.Pending++
	case SignoffToCorrect:
		c.ToCorrect++
	}
}

// applySignoff sets each row's review from the evidence summaries sums
// (of every requirement); without review, rows keep none.
func applySignoff(rows []Row, rules SignoffSettings, sums map[string]ProofSummary) {
	if !rules.Required {
		return
	}
	for i := range rows {
		rows[i].Signoff = signoffOf(rules, rows[i].Req, rows[i].State, sums[rows[i].Req.ID].Set())
	}
}

// RevokedNotice is the notice for a change (a proof added, removed,
// replaced or moved) that took a requirement's validation away; "" when
// the change did not.
func RevokedNotice(reqID string, before, after SignoffStatus) string {
	// Outdated: the decision is still recorded but was made on other
	// proofs; review turned off, or a status chosen, is no such change.
	if before.State != SignoffValidated || after.State == SignoffValidated || !after.Outdated {
		return ""
	}
	last := before.Last
	s := fmt.Sprintf("la validation de %s par %s le %s ne vaut plus : ses preuves ont changé", reqID, last.By, stamp(last.At))
	if after.State == SignoffPending {
		s += " ; elle repasse «\u00a0à valider\u00a0»"
	}
	return s
}
