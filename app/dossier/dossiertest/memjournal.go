package dossiertest

import (
	"crypto/ed25519"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Record implements dossier.Tx as the real store does (dossier.Event.Chained).
func (t *memTx) Record(ev dossier.Event) (dossier.Event, error) {
	prev := dossier.GenesisPrev(t.d.info.ID)
	var seq uint64
	now := t.now
	if n := len(t.d.journal); n > 0 {
		last := t.d.journal[n-1]
		seq, prev = last.Seq, last.Hash
	}
	ev = ev.Chained(seq+1, now, prev)
	t.d.journal = append(t.d.journal, ev)
	return ev, nil
}

// Journal implements dossier.Store.
func (s *MemStore) Journal(from uint64, fn func(dossier.Event) error) error {
	var evs []dossier.Event
	s.read(func(d *data) { evs = d.journal })
	for _, ev := range evs {
		if ev.Seq < from {
			continue
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
	return nil
}

// TamperEvent replaces the event with this sequence number by what edit
// makes of it, without rehashing, as a direct edit of the file would.
func (s *MemStore) TamperEvent(seq uint64, edit func(*dossier.Event)) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	j := s.f.d.journal
	for i := range j {
		if j[i].Seq == seq {
			edit(&j[i])
		}
	}
}

// SigningKey implements dossier.KeyStore: each in-memory dossier has its
// own key, made with it.
func (s *MemStore) SigningKey() (key ed25519.PrivateKey, err error) {
	s.read(func(d *data) { key = d.key })
	return key, nil
}
