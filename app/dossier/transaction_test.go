package dossier_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// hookReader calls hook once, after the first read, as if another window
// or process acted while a large file streams in.
type hookReader struct {
	r    io.Reader
	hook func()
}

func (h *hookReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if h.hook != nil {
		h.hook()
		h.hook = nil
	}
	return n, err
}

// TestAttachKeepsChangesMadeWhileStreaming: the promotion to "En cours" is
// decided on the state as it is when the evidence is linked, so a note
// written while the content streamed is kept (it used to be overwritten
// by a copy of the state taken before streaming).
func TestAttachKeepsChangesMadeWhileStreaming(t *testing.T) {
	svc, m := newService(t)
	note := "écrite pendant l'ajout"
	r := &hookReader{r: strings.NewReader(strings.Repeat("x", 100)), hook: func() {
		if _, err := svc.UpdateState("INS.01", dossier.StateChange{Note: &note}); err != nil {
			t.Error(err)
		}
	}}
	if _, err := svc.AttachReader(context.Background(), "INS.01", "a.txt", r, nil, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	st := statesOf(m)["RIS.INS.01"]
	if st.Note != note || st.Status != dossier.EnCours {
		t.Fatalf("state after attach: %+v", st)
	}
	// Set to "Non applicable" while streaming: the attach must not put
	// back the "À faire" it read before (promoted to "En cours").
	na, why := dossier.NonApplicable, "pas de MSS"
	r = &hookReader{r: strings.NewReader("y"), hook: func() {
		if _, err := svc.UpdateState("INS.02", dossier.StateChange{Status: &na, Justification: &why}); err != nil {
			t.Error(err)
		}
	}}
	if _, err := svc.AttachReader(context.Background(), "INS.02", "b.txt", r, nil, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if st := statesOf(m)["RIS.INS.02"]; st.Status != dossier.NonApplicable || st.Justification != why {
		t.Fatalf("status set while streaming was lost: %+v", st)
	}
}

// TestOneActionOneTransaction: every action is one committed transaction
// that also stamps the dossier's updated_at.
func TestOneActionOneTransaction(t *testing.T) {
	svc, m := newService(t)
	var ev dossier.Evidence
	note := "n"
	actions := []struct {
		name string
		do   func() error
	}{
		{"UpdateState", func() error { _, err := svc.UpdateState("INS.01", dossier.StateChange{Note: &note}); return err }},
		{"AttachReader", func() (err error) {
			ev, err = svc.AttachReader(context.Background(), "INS.01", "a.txt", strings.NewReader("a"), nil, dossier.AttachOptions{}, nil)
			return err
		}},
		{"SetCaption", func() error { _, err := svc.SetCaption(ev.ID, "c"); return err }},
		{"MoveEvidence", func() error { _, err := svc.MoveEvidence(ev.ID, "INS.02"); return err }},
		{"DeleteEvidence", func() error { return svc.DeleteEvidence(ev.ID) }},
		{"UpdateInfo", func() error { return svc.UpdateInfo("n2", "v", "p", "1") }},
		{"SetProfiles", func() error { return svc.SetProfiles(nil) }},
	}
	for _, a := range actions {
		before := m.Writes()
		if err := a.do(); err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		if n := m.Writes() - before; n != 1 {
			t.Errorf("%s: %d write transactions", a.name, n)
		}
		if stored := infoOf(m).UpdatedAt; stored.IsZero() || !svc.Info().UpdatedAt.Equal(stored) {
			t.Errorf("%s: updated_at %v stored, %v cached", a.name, stored, svc.Info().UpdatedAt)
		}
	}
}

// failingStore fails every commit, as a full disk would.
type failingStore struct{ *dossiertest.MemStore }

var errDiskFull = errors.New("disque plein")

func (f failingStore) Update(fn func(dossier.Tx) error) error {
	return f.MemStore.Update(func(tx dossier.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errDiskFull
	})
}

// TestActionSavedWhollyOrNotAtAll: an action whose transaction fails
// reports the error and leaves nothing saved — never saved-but-error.
func TestActionSavedWhollyOrNotAtAll(t *testing.T) {
	_, m := newService(t)
	svc, err := dossier.Open(dossiertest.StoreOpener{Store: failingStore{m}}, "x")
	if err != nil {
		t.Fatal(err)
	}
	before := infoOf(m)
	enCours := dossier.EnCours
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &enCours}); !errors.Is(err, errDiskFull) {
		t.Fatalf("error not reported: %v", err)
	}
	if err := svc.UpdateInfo("autre", "v", "p", "1"); !errors.Is(err, errDiskFull) {
		t.Fatalf("error not reported: %v", err)
	}
	after := infoOf(m)
	if len(statesOf(m)) != 0 || after.Name != before.Name || !after.UpdatedAt.Equal(before.UpdatedAt) || svc.Info().Name != before.Name {
		t.Fatalf("a failed action left %+v, %+v (cached %+v)", statesOf(m), after, svc.Info())
	}
}

// TestCloseCancelsTheDossierContext: long work runs under the dossier's
// context, which closing it cancels.
func TestCloseCancelsTheDossierContext(t *testing.T) {
	svc, _ := newService(t)
	ctx := svc.Context()
	if ctx.Err() != nil {
		t.Fatal("context done before Close")
	}
	svc.Close()
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Fatalf("context after Close: %v", ctx.Err())
	}
	if _, err := svc.AttachReader(ctx, "INS.01", "a.txt", strings.NewReader("a"), nil, dossier.AttachOptions{}, nil); !errors.Is(err, dossier.ErrCancelled) {
		t.Fatalf("attach after Close: %v", err)
	}
}
