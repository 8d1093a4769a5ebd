package dossier

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RequestKind is what the ANS asks: more material, or the correction of a
// reservation.
type RequestKind string

// The kinds of ANS requests.
const (
	Complement          RequestKind = "complement"
	ReserveNonBloquante RequestKind = "reserve_non_bloquante"
	ReserveBloquante    RequestKind = "reserve_bloquante"
)

// Label is the French name of the kind.
func (k RequestKind) Label() string {
	switch k {
	case ReserveNonBloquante:
		return "Réserve non bloquante"
	case ReserveBloquante:
		return "Réserve bloquante"
	}
	return "Demande de compléments"
}

// ParseRequestKind reads a kind key; empty means Complement.
func ParseRequestKind(s string) (RequestKind, error) {
	switch k := RequestKind(strings.ReplaceAll(Fold(s), "-", "_")); k {
	case "":
		return Complement, nil
	case Complement, ReserveNonBloquante, ReserveBloquante:
		return k, nil
	}
	return "", ED(FaultBadValue, "--kind", "complement, reserve_non_bloquante ou reserve_bloquante", nil)
}

// Request is a request of the ANS about some requirements: a "demande de
// compléments" or a reservation to lift, with a due day.
type Request struct {
	N         int         `json:"n"`
	Kind      RequestKind `json:"kind"`
	Reqs      []string    `json:"reqs"`
	Text      string      `json:"text"`
	Due       string      `json:"due"` // YYYY-MM-DD
	CreatedAt time.Time   `json:"created_at"`
	// Baseline is each requirement's proof digests (sorted) when the
	// request was recorded: the request is answered for a requirement once
	// they differ.
	Baseline  map[string][]string `json:"baseline"`
	Closed    bool                `json:"closed"`
	ClosedAt  time.Time           `json:"closed_at,omitzero"`
	CloseNote string              `json:"close_note,omitempty"`
}

// DaysLeft counts the days from now to the due day (negative: overdue).
func (r Request) DaysLeft(now time.Time) int {
	due, _ := time.Parse(DayLayout, r.Due)
	return DaysBetween(now, due)
}

// answered tells whether the requirement's proofs changed since the
// request was recorded.
func (r Request) answered(reqID string, proofs ProofSet) bool {
	return proofSetOf(r.Baseline[reqID]) != proofs
}

// AddRequest records an ANS request on the requirements ids, due on day
// due (YYYY-MM-DD, not in the past). In the same transaction, on the
// proofs and states it reads then, it takes each requirement's proofs as
// the request's baseline and puts back to En cours a requirement that was
// Prête: it cannot be Prête again until one of its proofs changes.
// Nothing is written when an ID is unknown, the text is empty or the day
// is past.
func (s *Service) AddRequest(ids []string, text, due string, kind RequestKind) (Request, error) {
	if len(ids) == 0 {
		return Request{}, ED(FaultBadValue, "--req", "au moins une exigence", nil)
	}
	if strings.TrimSpace(text) == "" {
		return Request{}, ED(FaultBadValue, "--text", "le texte de la demande", nil)
	}
	day, err := s.futureDay("due", due)
	if err != nil {
		return Request{}, err
	}
	seen := s.Catalogue()
	r := Request{Kind: kind, Text: strings.TrimSpace(text), Due: day.Format(DayLayout), CreatedAt: s.Now()}
	err = s.update(func(tx Tx) error {
		lt, err := lifecycleTx(tx)
		if err != nil {
			return err
		}
		// The requirements are those of the catalogue in use now.
		var reqs []string
		for _, id := range ids {
			req, _, err := s.requirementIn(tx, seen, strings.TrimSpace(id))
			if err != nil {
				return err
			}
			if !slices.Contains(reqs, req.ID) {
				reqs = append(reqs, req.ID)
			}
		}
		r.Reqs, r.Baseline = reqs, map[string][]string{}
		f := []FieldChange{{Field: "requirements", New: strings.Join(reqs, ",")}, {Field: "kind", New: string(kind)}, {Field: "due", New: r.Due}}
		for _, id := range reqs {
			evs, err := tx.ListEvidence(id)
			if err != nil {
				return err
			}
			r.Baseline[id] = append([]string{}, proofSets(evs)[id]...)
			st, err := tx.State(id)
			if err != nil {
				return err
			}
			if st.Status != Prete {
				continue
			}
			st.ReqID, st.Status, st.UpdatedAt = id, EnCours, tx.Now()
			if err := tx.SaveState(st); err != nil {
				return err
			}
			f = append(f, FieldChange{Field: FieldStatus + ":" + id, Old: string(Prete), New: string(st.Status)})
		}
		if r, err = lt.SaveRequest(r); err != nil {
			return err
		}
		return record(tx, Event{Kind: EventRequest, Subject: strconv.Itoa(r.N), Fields: f})
	})
	if err != nil {
		return Request{}, err
	}
	return r, nil
}

// CloseRequest closes request n with an optional note.
func (s *Service) CloseRequest(n int, note string) (Request, error) {
	var r Request
	err := s.update(func(tx Tx) error {
		lt, err := lifecycleTx(tx)
		if err != nil {
			return err
		}
		all, err := lt.Requests()
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(r Request) bool { return r.N == n })
		if i < 0 {
			return E(FaultNoRequest, strconv.Itoa(n), nil)
		}
		r = all[i]
		r.Closed, r.ClosedAt, r.CloseNote = true, s.Now(), strings.TrimSpace(note)
		if r, err = lt.SaveRequest(r); err != nil {
			return err
		}
		return record(tx, Event{Kind: EventRequestClosed, Subject: strconv.Itoa(r.N), Fields: Changed(nil, "note", "", r.CloseNote)})
	})
	if err != nil {
		return Request{}, err
	}
	return r, nil
}

// Requests lists the ANS requests, by number.
func (s *Service) Requests() ([]Request, error) {
	_, reqs, err := s.readLifecycle()
	return reqs, err
}

// OpenRequest is an open request as one of its requirements sees it.
type OpenRequest struct {
	N        int         `json:"n"`
	Kind     RequestKind `json:"kind"`
	Due      string      `json:"due"`
	DaysLeft int         `json:"days_left"`
	// Answered is true once a proof of the requirement changed after the
	// request was recorded.
	Answered bool `json:"answered"`
}

// Overdue tells whether the due day has passed.
func (o OpenRequest) Overdue() bool { return o.DaysLeft < 0 }

// Countdown is the French "J-5", "aujourd'hui" or "en retard de 3 jours".
func Countdown(days int) string {
	switch {
	case days == 0:
		return "échéance aujourd'hui"
	case days < 0:
		if days == -1 {
			return "en retard de 1 jour"
		}
		return fmt.Sprintf("en retard de %d jours", -days)
	}
	return fmt.Sprintf("J-%d", days)
}

// checkPrete refuses Prête for a requirement an open request concerns
// until one of its proofs changed after the request: in tx, given the
// requirement's proofs as tx sees them.
func checkPrete(tx Tx, reqID string, evs []Evidence) error {
	open, err := openRequests(tx, reqID)
	if err != nil {
		return err
	}
	proofs := proofSetOf(proofSets(evs)[reqID])
	for _, r := range open {
		if !r.answered(reqID, proofs) {
			return ED(FaultOpenRequest, reqID, strconv.Itoa(r.N), nil)
		}
	}
	return nil
}
