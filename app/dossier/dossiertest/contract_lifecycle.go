package dossiertest

import (
	"errors"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// contractLifecycle: a LifecycleStore's transaction numbers new rounds
// and requests, replaces a known request, refuses an unknown one, and its
// writes are seen by the transaction itself and gone with a failed one.
func contractLifecycle(t *testing.T, s dossier.Store) {
	ls, ok := s.(dossier.LifecycleStore)
	if !ok {
		t.Skip("store keeps no deposit rounds nor requests")
	}
	err := s.Update(func(tx dossier.Tx) error {
		lt := tx.(dossier.LifecycleTx)
		r, err := lt.SaveRequest(dossier.Request{Reqs: []string{"R1"}, Due: "2999-01-01"})
		if err != nil || r.N != 1 {
			t.Fatalf("new request: %+v %v", r, err)
		}
		r.Closed = true
		if _, err := lt.SaveRequest(r); err != nil {
			t.Fatal(err)
		}
		if all, _ := lt.Requests(); len(all) != 1 || !all[0].Closed {
			t.Fatalf("requests seen in the transaction: %+v", all)
		}
		if _, err := lt.SaveRequest(dossier.Request{N: 9}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoRequest}) {
			t.Fatalf("replacing an unknown request: %v", err)
		}
		d, err := lt.AddDeposit(dossier.Deposit{Package: "p.zip"})
		if err != nil || d.Round != 1 {
			t.Fatalf("new round: %+v %v", d, err)
		}
		if deps, _ := lt.Deposits(); len(deps) != 1 {
			t.Fatalf("rounds seen in the transaction: %+v", deps)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	errStop := errors.New("stop")
	if err := s.Update(func(tx dossier.Tx) error {
		tx.(dossier.LifecycleTx).AddDeposit(dossier.Deposit{Package: "q.zip"})
		return errStop
	}); !errors.Is(err, errStop) {
		t.Fatal(err)
	}
	reqs, _ := ls.Requests()
	deps, _ := ls.Deposits()
	if len(reqs) != 1 || !reqs[0].Closed || len(deps) != 1 || deps[0].Package != "p.zip" {
		t.Fatalf("committed: %+v %+v", reqs, deps)
	}
}
