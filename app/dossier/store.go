package dossier

import "time"

// Store persists one open dossier. Every change is one transaction
// (Update, or the final transaction of AddEvidence), committed before it
// returns with the dossier's updated_at: there is no "save" step, and an
// action is either wholly saved or not at all.
type Store interface {
	// Path is the dossier file.
	Path() string
	Info() (Info, error)
	// Catalogue is the catalogue the dossier currently uses.
	Catalogue() (*Catalogue, error)
	// States holds the recorded state of requirements, by requirement ID.
	States() (map[string]ReqState, error)
	// EvidenceCounts is the number of evidence items per requirement ID.
	EvidenceCounts() (map[string]int, error)
	// Update runs fn in one write transaction and commits what it did
	// together with the dossier's updated_at, set to tx.Now(). Nothing is
	// written when fn or the commit fails; fn's own error is returned as
	// it is. fn must not call the Store.
	Update(fn func(tx Tx) error) error
	// Journal calls fn with each event of the journal, in order, from
	// sequence number from (1: all); fn's error stops it and is returned.
	// Events are decoded one at a time: the journal is never held whole.
	Journal(from uint64, fn func(Event) error) error
	EvidenceStore
	Close() error
}

// Tx is one write transaction of a Store. Reads see the transaction's own
// writes and what was committed before it began.
type Tx interface {
	// Now is the time the transaction stamps as the dossier's updated_at.
	Now() time.Time
	// Catalogue is the catalogue the dossier uses as the transaction sees
	// it. An action checks what it writes against this one, never against
	// a copy read before the transaction: a catalogue switch may have
	// committed in between.
	Catalogue() (*Catalogue, error)
	Info() (Info, error)
	SaveInfo(Info) error
	// State is a requirement's recorded state, or "À faire" (see StateOf).
	State(reqID string) (ReqState, error)
	SaveState(ReqState) error
	// GetEvidence returns one item, or ErrNotFound.
	GetEvidence(id uint64) (Evidence, error)
	// ListEvidence lists one requirement's evidence in the order added,
	// as the transaction sees it.
	ListEvidence(reqID string) ([]Evidence, error)
	// UpdateEvidence saves changed metadata (caption, proof number, or
	// requirement when moving it). Content fields (Size, SHA256) and
	// AddedAt cannot change; ErrNotFound when ev.ID is unknown.
	UpdateEvidence(ev Evidence) error
	// DeleteEvidence unlinks an item; the last reference frees its
	// content. ErrNotFound when id is unknown.
	DeleteEvidence(id uint64) error
	// Record appends ev to the journal in this transaction: the store
	// fills Seq (last + 1), Time (Now, unless ev has one), Prev (the last
	// event's Hash, or GenesisPrev of the dossier's ID), Summary when
	// empty (Summarize) and Hash (see Event.Chained), and returns the
	// event as recorded. Every action that changes the dossier records
	// exactly one event, with the fields it changed; the Service fills
	// Operator (see Service.SetOperator) before the store sees it. A failed
	// transaction records nothing.
	Record(ev Event) (Event, error)
}

// Opener creates and opens dossier files.
type Opener interface {
	// Create makes a new dossier file; it refuses an existing path.
	// first is the creation event, recorded (as by Tx.Record) in the
	// transaction that creates the file, after a signing key is made.
	Create(path string, info Info, cat *Catalogue, first Event) (Store, error)
	// Open opens an existing dossier; ErrLocked when another instance
	// holds it, ErrNotDossier or ErrNewerVersion when it cannot be read.
	Open(path string) (Store, error)
	// OpenReadOnly opens an existing dossier for reading only: readers
	// share the file with each other, not with a writer (ErrLocked), and
	// nothing is written, not even a migration or a sweep; every write
	// through the store fails.
	OpenReadOnly(path string) (Store, error)
}

// ProgressOpener is an Opener that tells, while it opens a dossier written
// by an older version, how the conversion to the current layout advances
// (bytes converted, total); progress is called from the opening goroutine,
// never when there is nothing to convert.
type ProgressOpener interface {
	Opener
	OpenProgress(path string, progress Progress) (Store, error)
}
