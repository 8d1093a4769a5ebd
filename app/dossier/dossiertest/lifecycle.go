package dossiertest

import (
	"slices"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var _ dossier.LifecycleStore = (*MemStore)(nil)

// Deposits implements dossier.LifecycleStore.
func (s *MemStore) Deposits() (out []dossier.Deposit, err error) {
	s.read(func(d *data) { out = slices.Clone(d.deposits) })
	return out, nil
}

// AddDeposit implements dossier.LifecycleStore.
func (s *MemStore) AddDeposit(dep dossier.Deposit, ev dossier.Event) (dossier.Deposit, error) {
	if s.readOnly {
		return dossier.Deposit{}, ErrReadOnly
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	err := s.commit(func(tx *memTx) error {
		dep.Round = len(tx.d.deposits) + 1
		tx.d.deposits = append(tx.d.deposits, dep)
		return recordNumbered(tx, ev, dep.Round)
	})
	return dep, err
}

// Requests implements dossier.LifecycleStore.
func (s *MemStore) Requests() (out []dossier.Request, err error) {
	s.read(func(d *data) { out = slices.Clone(d.requests) })
	return out, nil
}

// SaveRequest implements dossier.LifecycleStore.
func (s *MemStore) SaveRequest(r dossier.Request, states []dossier.ReqState, ev dossier.Event) (dossier.Request, error) {
	if s.readOnly {
		return dossier.Request{}, ErrReadOnly
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	err := s.commit(func(tx *memTx) error {
		for _, st := range states {
			tx.d.states[st.ReqID] = st
		}
		switch {
		case r.N == 0:
			r.N = len(tx.d.requests) + 1
			tx.d.requests = append(tx.d.requests, r)
		case r.N > len(tx.d.requests):
			return dossier.E(dossier.FaultNoRequest, "", nil)
		default:
			tx.d.requests[r.N-1] = r
		}
		return recordNumbered(tx, ev, r.N)
	})
	return r, err
}

// SetInfo replaces the stored identity outside any transaction (Writes
// does not count it), as an older file or another program would have it.
func (s *MemStore) SetInfo(in dossier.Info) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.d.info = in
}
