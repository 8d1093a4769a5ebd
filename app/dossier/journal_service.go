package dossier

import (
	"strconv"
	"strings"
)

// Operator is who works on this workstation: a name and an optional
// e-mail, set once per workstation (GUI settings, or the CLI's saved
// operator) and recorded in every event and as who added each evidence.
type Operator struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// String is how an event records the operator: "Name <email>", or the
// name alone.
func (o Operator) String() string {
	name, mail := strings.TrimSpace(o.Name), strings.TrimSpace(o.Email)
	if mail == "" {
		return name
	}
	return name + " <" + mail + ">"
}

// SetOperator sets who the service's actions are recorded as (Event.
// Operator, Evidence.AddedBy when AttachOptions.Operator is empty). The CLI
// sets it from --operator (or the saved operator, else the OS user), the
// GUI from its settings; until then it is empty, and events record no
// operator.
func (s *Service) SetOperator(op string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.operator = strings.TrimSpace(op)
}

// Operator is who the service's actions are recorded as.
func (s *Service) Operator() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.operator
}

// journalTx is the Tx the service's actions see: Record fills in the
// operator before the store chains the event.
type journalTx struct {
	Tx
	operator string
}

// Record implements Tx: an event without an operator is the service's.
func (t journalTx) Record(ev Event) (Event, error) {
	if ev.Operator == "" {
		ev.Operator = t.operator
	}
	return t.Tx.Record(ev)
}

// recording wraps a store transaction for the service's actions.
func (s *Service) recording(tx Tx) Tx {
	if _, ok := tx.(journalTx); ok {
		return tx
	}
	return journalTx{Tx: tx, operator: s.Operator()}
}

// Journal calls fn with each event of the dossier's journal from
// sequence number from (1: all), in order.
func (s *Service) Journal(from uint64, fn func(Event) error) error {
	return s.store.Journal(from, fn)
}

// JournalHeader is a Store that reads the journal's last event directly.
type JournalHeader interface {
	JournalHead() (Event, error)
}

// JournalHead is the last event of the journal (zero Event when empty).
func (s *Service) JournalHead() (Event, error) {
	if h, ok := s.store.(JournalHeader); ok {
		return h.JournalHead()
	}
	var last Event
	err := s.store.Journal(1, func(ev Event) error {
		last = ev
		return nil
	})
	return last, err
}

// VerifyJournal recomputes the journal's chain from the dossier's ID and
// returns the number of events and the head hash; a FaultJournalBroken
// error names the first event that does not follow (BrokenAt), a
// FaultNoJournal one a dossier whose journal is empty.
func (s *Service) VerifyJournal() (count uint64, head string, err error) {
	c := NewChainChecker(s.Info().ID)
	err = s.store.Journal(1, c.Next)
	if err == nil && c.Count() == 0 {
		err = E(FaultNoJournal, s.Path(), nil)
	}
	return c.Count(), c.Head(), err
}

// RecordExport records that a package was written: its file name, the
// SHA-256 of its manifest.json, and whether it is a draft. The export
// itself only reads the dossier (it runs beside other readers); this is
// its one write, once the package is complete.
func (s *Service) RecordExport(name, manifestSHA256 string, draft bool) error {
	return s.update(func(tx Tx) error {
		return record(tx, Event{Kind: EventExport, Subject: name, SHA256: manifestSHA256,
			Fields: []FieldChange{{Field: "draft", New: strconv.FormatBool(draft)}}})
	})
}
