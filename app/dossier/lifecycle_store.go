package dossier

import (
	"errors"
	"slices"
)

// LifecycleStore keeps what happens to a dossier after its first export:
// the deposit rounds and the ANS requests. A Store that implements it
// records them, and its Tx implements LifecycleTx; with one that does not
// (a test fake), the dossier simply has no rounds and no requests, and
// recording one is refused.
type LifecycleStore interface {
	// Deposits lists the recorded rounds, oldest first.
	Deposits() ([]Deposit, error)
	// Requests lists the ANS requests, by number.
	Requests() ([]Request, error)
}

// LifecycleTx is the part of a LifecycleStore's Tx that reads and writes
// the rounds and requests, so that an action records one on what the
// transaction sees.
type LifecycleTx interface {
	// Deposits lists the rounds, oldest first, as the transaction sees them.
	Deposits() ([]Deposit, error)
	// AddDeposit records a round, numbering it (Round).
	AddDeposit(d Deposit) (Deposit, error)
	// Requests lists the requests, by number, as the transaction sees them.
	Requests() ([]Request, error)
	// SaveRequest records a request: numbered when its N is 0, replacing
	// request N otherwise (FaultNoRequest when there is none).
	SaveRequest(r Request) (Request, error)
}

var errNoLifecycle = errors.New("this store keeps no deposit rounds nor requests")

// lifecycleTx is the LifecycleTx of tx, or an error for a store without.
func lifecycleTx(tx Tx) (LifecycleTx, error) {
	if j, ok := tx.(journalTx); ok {
		tx = j.Tx
	}
	if lt, ok := tx.(LifecycleTx); ok {
		return lt, nil
	}
	return nil, E(FaultInternal, "lifecycle", errNoLifecycle)
}

// openRequests lists the open requests tx sees on reqID (none with a
// store that keeps none).
func openRequests(tx Tx, reqID string) ([]Request, error) {
	lt, err := lifecycleTx(tx)
	if err != nil {
		return nil, nil // a store that keeps no requests has none open
	}
	all, err := lt.Requests()
	var open []Request
	for _, r := range all {
		if !r.Closed && slices.Contains(r.Reqs, reqID) {
			open = append(open, r)
		}
	}
	return open, err
}

// readLifecycle reads the rounds and requests (none with a store that
// keeps none).
func (s *Service) readLifecycle() ([]Deposit, []Request, error) {
	ls, ok := s.store.(LifecycleStore)
	if !ok {
		return nil, nil, nil
	}
	deps, err := ls.Deposits()
	if err != nil {
		return nil, nil, err
	}
	reqs, err := ls.Requests()
	return deps, reqs, err
}

// withLifecycle adds the rounds and requests to a snapshot.
func (s *Service) withLifecycle(snap Snapshot) (Snapshot, error) {
	deps, reqs, err := s.readLifecycle()
	snap.Deposits, snap.Requests = deps, reqs
	return snap, err
}

// proofSets is each requirement's proof digests, sorted: what a deposit
// files and what a request is answered by changing.
func proofSets(evs []Evidence) map[string][]string {
	out := map[string][]string{}
	for _, ev := range evs {
		out[ev.ReqID] = append(out[ev.ReqID], ev.SHA256)
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}
