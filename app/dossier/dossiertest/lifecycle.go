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

// Requests implements dossier.LifecycleStore.
func (s *MemStore) Requests() (out []dossier.Request, err error) {
	s.read(func(d *data) { out = slices.Clone(d.requests) })
	return out, nil
}

var _ dossier.LifecycleTx = (*memTx)(nil)

// Deposits implements dossier.LifecycleTx.
func (t *memTx) Deposits() ([]dossier.Deposit, error) { return slices.Clone(t.d.deposits), nil }

// AddDeposit implements dossier.LifecycleTx.
func (t *memTx) AddDeposit(dep dossier.Deposit) (dossier.Deposit, error) {
	dep.Round = len(t.d.deposits) + 1
	t.d.deposits = append(t.d.deposits, dep)
	return dep, nil
}

// Requests implements dossier.LifecycleTx.
func (t *memTx) Requests() ([]dossier.Request, error) { return slices.Clone(t.d.requests), nil }

// SaveRequest implements dossier.LifecycleTx.
func (t *memTx) SaveRequest(r dossier.Request) (dossier.Request, error) {
	switch {
	case r.N == 0:
		r.N = len(t.d.requests) + 1
		t.d.requests = append(t.d.requests, r)
	case r.N < 0 || r.N > len(t.d.requests):
		return dossier.Request{}, dossier.E(dossier.FaultNoRequest, "", nil)
	default:
		t.d.requests[r.N-1] = r
	}
	return r, nil
}

// SetInfo replaces the stored identity outside any transaction (Writes
// does not count it), as an older file or another program would have it.
func (s *MemStore) SetInfo(in dossier.Info) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.d.info = in
}
