package dossier

import (
	"strconv"
	"sync"
)

// Summarizer writes an event's French summary from its kind, subject and
// fields (Summary, Prev and Hash are not yet set when it is called).
type Summarizer func(Event) string

var (
	summarizerMu sync.RWMutex
	summarizer   Summarizer
)

// RegisterSummarizer sets the function that writes events' summaries.
// app/fr registers its own at init (French text lives there, not in this
// package), so every binary that links app/fr — the application, the CLI
// and their tests — records French summaries; without one (this package's
// own tests) the summary is the kind and subject.
func RegisterSummarizer(fn Summarizer) {
	summarizerMu.Lock()
	defer summarizerMu.Unlock()
	summarizer = fn
}

// Summarize is ev's summary by the registered Summarizer.
func Summarize(ev Event) string {
	summarizerMu.RLock()
	fn := summarizer
	summarizerMu.RUnlock()
	if fn != nil {
		if s := fn(ev); s != "" {
			return s
		}
	}
	if ev.Subject == "" {
		return string(ev.Kind)
	}
	return string(ev.Kind) + " " + ev.Subject
}

// Reasons a journal does not verify (JournalBreak.Reason).
const (
	BreakSeq  = "seq"  // the event's number is not the one after the previous event's
	BreakPrev = "prev" // the event does not name the previous event's hash
	BreakHash = "hash" // the event's content does not match its hash: it was edited
)

// ChainChecker verifies a journal one event at a time, in order, without
// holding it: a 100,000-event journal is checked as it is read.
type ChainChecker struct {
	prev string
	seq  uint64
}

// NewChainChecker checks the journal of the dossier with this ID.
func NewChainChecker(dossierID string) *ChainChecker {
	return &ChainChecker{prev: GenesisPrev(dossierID)}
}

// Next checks the next event: a FaultJournalBroken error naming it (its
// sequence number as Subject, the Break* reason as Detail) when it does
// not follow the events before.
func (c *ChainChecker) Next(ev Event) error {
	want := c.seq + 1
	switch {
	case ev.Seq != want:
		return journalBreak(want, BreakSeq)
	case ev.Prev != c.prev:
		return journalBreak(ev.Seq, BreakPrev)
	case ev.ComputeHash() != ev.Hash:
		return journalBreak(ev.Seq, BreakHash)
	}
	c.prev, c.seq = ev.Hash, ev.Seq
	return nil
}

// Count is the number of events checked so far.
func (c *ChainChecker) Count() uint64 { return c.seq }

// Head is the hash of the last event checked (GenesisPrev before any).
func (c *ChainChecker) Head() string { return c.prev }

func journalBreak(seq uint64, reason string) error {
	return ED(FaultJournalBroken, strconv.FormatUint(seq, 10), reason, nil)
}

// BrokenAt is the sequence number of the event a FaultJournalBroken error
// names, and the reason; ok is false for any other error.
func BrokenAt(err error) (seq uint64, reason string, ok bool) {
	e := AsError(err)
	if e == nil || e.Fault != FaultJournalBroken {
		return 0, "", false
	}
	n, perr := strconv.ParseUint(e.Subject, 10, 64)
	return n, e.Detail, perr == nil
}
