package dossier

import (
	"errors"
	"slices"
)

// LifecycleStore keeps what happens to a dossier after its first export:
// the deposit rounds and the ANS requests. A Store that implements it
// records them; with one that does not (a test fake), the dossier simply
// has no rounds and no requests, and recording one is refused.
type LifecycleStore interface {
	// Deposits lists the recorded rounds, oldest first.
	Deposits() ([]Deposit, error)
	// AddDeposit records a round in one transaction, numbering it, with
	// the event ev (its Subject, when empty, set to the round's number).
	AddDeposit(d Deposit, ev Event) (Deposit, error)
	// Requests lists the ANS requests, by number.
	Requests() ([]Request, error)
	// SaveRequest records a request (numbered by the store when its N is
	// 0, replaced otherwise) and the given states, with the event ev (its
	// Subject, when empty, set to the request's number), in one
	// transaction.
	SaveRequest(r Request, states []ReqState, ev Event) (Request, error)
}

var errNoLifecycle = errors.New("this store keeps no deposit rounds nor requests")

// lifecycle is the store's LifecycleStore, or an error for one without.
func (s *Service) lifecycle() (LifecycleStore, error) {
	if ls, ok := s.store.(LifecycleStore); ok {
		return ls, nil
	}
	return nil, E(FaultInternal, "lifecycle", errNoLifecycle)
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
