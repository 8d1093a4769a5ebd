package dossiertest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// memTx is a MemStore transaction on a copy of the data.
type memTx struct {
	d   *data
	now time.Time
}

func (t *memTx) Now() time.Time { return t.now }

func (t *memTx) Catalogue() (*dossier.Catalogue, error) { return t.d.cat, nil }

func (t *memTx) Info() (dossier.Info, error) { return t.d.info, nil }

func (t *memTx) SaveInfo(in dossier.Info) error {
	t.d.info = in
	return nil
}

func (t *memTx) State(reqID string) (dossier.ReqState, error) {
	return dossier.StateOf(t.d.states, reqID), nil
}

func (t *memTx) SaveState(st dossier.ReqState) error {
	t.d.states[st.ReqID] = st
	return nil
}

func (t *memTx) GetEvidence(id uint64) (dossier.Evidence, error) {
	ev, ok := t.d.evidence[id]
	if !ok {
		return dossier.Evidence{}, fmt.Errorf("evidence %d: %w", id, dossier.ErrNotFound)
	}
	return ev, nil
}

// ListEvidence lists one requirement's evidence (every item when reqID
// is ""), ordered by ID.
func (t *memTx) ListEvidence(reqID string) ([]dossier.Evidence, error) {
	out := []dossier.Evidence{}
	for _, ev := range t.d.evidence {
		if reqID == "" || ev.ReqID == reqID {
			out = append(out, ev)
		}
	}
	slices.SortFunc(out, func(a, b dossier.Evidence) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func (t *memTx) UpdateEvidence(ev dossier.Evidence) error {
	if ev.ReqID == "" {
		return dossier.E(dossier.FaultInternal, "", errors.New("evidence without requirement"))
	}
	old, err := t.GetEvidence(ev.ID)
	if err != nil {
		return err
	}
	old.ReqID, old.ProofID, old.Caption = ev.ReqID, ev.ProofID, ev.Caption
	t.d.evidence[ev.ID] = old
	return nil
}

func (t *memTx) DeleteEvidence(id uint64) error {
	ev, err := t.GetEvidence(id)
	if err != nil {
		return err
	}
	delete(t.d.evidence, id)
	for _, other := range t.d.evidence {
		if other.SHA256 == ev.SHA256 {
			return nil
		}
	}
	delete(t.d.content, ev.SHA256)
	return nil
}
