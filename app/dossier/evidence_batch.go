package dossier

import (
	"context"
	"io"
)

// Incoming is one content to add as evidence. The store calls Open when
// the content's turn comes (so that a thousand files are never open at
// once): it returns the record to save (ReqID, Name, Kind…; ID, Size and
// SHA256 are filled in) and the content, which the store closes.
type Incoming struct {
	Open func() (Evidence, io.ReadCloser, error)
	// Link, when not nil, runs in the transaction that records the
	// evidence (see EvidenceStore.AddEvidence).
	Link func(Tx, Evidence) error
}

// Added is the outcome of one Incoming: the saved evidence, or the reason
// it was not added (then nothing of it is kept).
type Added struct {
	Evidence Evidence
	Err      error
}

// BatchAdder is an EvidenceStore that adds many contents in few
// transactions. A failed item does not stop the others; a failed
// transaction or a cancellation stops the batch, and every item not yet
// added reports that error. Progress counts the bytes read so far
// (total -1).
type BatchAdder interface {
	AddEvidenceBatch(ctx context.Context, items []Incoming, progress Progress) []Added
}
