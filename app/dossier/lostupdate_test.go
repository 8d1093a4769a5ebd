package dossier_test

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// hookStore is a MemStore on which another writer acts at a chosen point
// of an action: hook runs once, right after the first read named on made
// outside any transaction, or else when the action's transaction (Update,
// or the attach that ends in one) is about to begin. Either way the other
// writer's change is committed before the action's transaction, which
// must decide on it.
type hookStore struct {
	*dossiertest.MemStore
	on   string
	hook func()
}

func (h *hookStore) after(name string) {
	if f := h.hook; f != nil && (name == h.on || name == "Update" || name == "AddEvidence") {
		h.hook = nil
		f()
	}
}

func (h *hookStore) States() (map[string]dossier.ReqState, error) {
	m, err := h.MemStore.States()
	h.after("States")
	return m, err
}

func (h *hookStore) ListEvidence(reqID string) ([]dossier.Evidence, error) {
	evs, err := h.MemStore.ListEvidence(reqID)
	h.after("ListEvidence")
	return evs, err
}

func (h *hookStore) GetEvidence(id uint64) (dossier.Evidence, error) {
	ev, err := h.MemStore.GetEvidence(id)
	h.after("GetEvidence")
	return ev, err
}

func (h *hookStore) Requests() ([]dossier.Request, error) {
	r, err := h.MemStore.Requests()
	h.after("Requests")
	return r, err
}

func (h *hookStore) Deposits() ([]dossier.Deposit, error) {
	d, err := h.MemStore.Deposits()
	h.after("Deposits")
	return d, err
}

func (h *hookStore) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, link func(dossier.Tx, dossier.Evidence) error, progress dossier.Progress) (dossier.Evidence, error) {
	h.after("AddEvidence")
	return h.MemStore.AddEvidence(ctx, r, ev, link, progress)
}

func (h *hookStore) Update(fn func(dossier.Tx) error) error {
	h.after("Update")
	return h.MemStore.Update(fn)
}

// interleaved opens the dossier of svc a second time through a hookStore
// that calls other (typically a change made through svc, playing another
// window) at the point on of the next action (see hookStore).
func interleaved(t *testing.T, svc *dossier.Service, on string, other func()) *dossier.Service {
	t.Helper()
	hs := &hookStore{MemStore: svc.Store().(*dossiertest.MemStore), on: on, hook: other}
	acting, err := dossier.Open(dossiertest.StoreOpener{Store: hs}, "x")
	if err != nil {
		t.Fatal(err)
	}
	acting.Now = svc.Now
	return acting
}

// preteWithProof makes INS.01 Prête with one proof.
func preteWithProof(t *testing.T, svc *dossier.Service) {
	t.Helper()
	attachText(t, svc, "INS.01", "capture")
	prete := dossier.Prete
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &prete}); err != nil {
		t.Fatal(err)
	}
}

// TestAddRequestDecidesOnTheStateOfItsTransaction: a status and a note
// set by another window between the request's reads and its write are
// kept; only a requirement still Prête then goes back to En cours.
func TestAddRequestDecidesOnTheStateOfItsTransaction(t *testing.T) {
	svc, m := lifeService(t)
	preteWithProof(t, svc)
	na, why, note := dossier.NonApplicable, "pas de DMP", "vu avec l'ANS"
	acting := interleaved(t, svc, "States", func() {
		if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &na, Justification: &why, Note: &note}); err != nil {
			t.Error(err)
		}
	})
	if _, err := acting.AddRequest([]string{"INS.01"}, "Capture illisible", "2026-12-10", dossier.Complement); err != nil {
		t.Fatal(err)
	}
	if st := statesOf(m)["RIS.INS.01"]; st.Status != dossier.NonApplicable || st.Note != note || st.Justification != why {
		t.Fatalf("the change made meanwhile was lost: %+v", st)
	}
}

// TestAddRequestBaselineIsTheProofsOfItsTransaction: a proof added
// meanwhile is part of what the request was made on, so the request is
// not answered by it.
func TestAddRequestBaselineIsTheProofsOfItsTransaction(t *testing.T) {
	svc, _ := lifeService(t)
	preteWithProof(t, svc)
	acting := interleaved(t, svc, "ListEvidence", func() { attachText(t, svc, "INS.01", "capture 2") })
	r, err := acting.AddRequest([]string{"INS.01"}, "Capture illisible", "2026-12-10", dossier.Complement)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Baseline["RIS.INS.01"]); n != 2 {
		t.Fatalf("baseline holds %d proofs, want the 2 held when it was recorded", n)
	}
	row, _ := acting.Row("INS.01")
	if len(row.Track.Open) != 1 || row.Track.Open[0].Answered {
		t.Fatalf("request answered by a proof older than itself: %+v", row.Track.Open)
	}
}

// TestDepositRecordedOnceWhenTwoWindowsRecordIt: the same package
// recorded from two windows at once makes one round; the second is
// refused as already deposited.
func TestDepositRecordedOnceWhenTwoWindowsRecordIt(t *testing.T) {
	svc, m := lifeService(t)
	pkg := dossier.FiledPackage{Name: "p.zip", DossierID: svc.Info().ID, ManifestSHA256: "m1", Files: map[string][]string{}}
	acting := interleaved(t, svc, "Deposits", func() {
		if _, err := svc.RecordDeposit(pkg, "2026-11-30", ""); err != nil {
			t.Error(err)
		}
	})
	_, err := acting.RecordDeposit(pkg, "2026-11-30", "")
	wantFault(t, err, dossier.FaultAlreadyDeposited)
	if n := len(deposits(m)); n != 1 {
		t.Fatalf("%d rounds recorded for one package", n)
	}
}

// TestPreteDecidedInItsTransaction: a proof deleted, or a request
// recorded, by another window while Prête is being chosen makes Prête
// refused.
func TestPreteDecidedInItsTransaction(t *testing.T) {
	for _, c := range []struct {
		on    string
		other func(*dossier.Service) error
		fault dossier.Fault
	}{
		{"ListEvidence", func(svc *dossier.Service) error {
			evs, _ := svc.ListEvidence("INS.01")
			return svc.DeleteEvidence(evs[0].ID)
		}, dossier.FaultNoProof},
		{"Requests", func(svc *dossier.Service) error {
			_, err := svc.AddRequest([]string{"INS.01"}, "Capture illisible", "2026-12-10", dossier.Complement)
			return err
		}, dossier.FaultOpenRequest},
	} {
		svc, m := lifeService(t)
		attachText(t, svc, "INS.01", "capture")
		acting := interleaved(t, svc, c.on, func() {
			if err := c.other(svc); err != nil {
				t.Error(err)
			}
		})
		prete := dossier.Prete
		_, err := acting.UpdateState("INS.01", dossier.StateChange{Status: &prete})
		wantFault(t, err, c.fault)
		if st := statesOf(m)["RIS.INS.01"]; st.Status == dossier.Prete {
			t.Fatalf("after %s: Prête recorded: %+v", c.on, st)
		}
	}
}

// TestReplaceRefusedWhenTheOldProofMovedMeanwhile: the replacement of an
// image moved to another requirement while it was annotated again is not
// stored under the requirement it has left.
func TestReplaceRefusedWhenTheOldProofMovedMeanwhile(t *testing.T) {
	svc, m := lifeService(t)
	attachText(t, svc, "INS.01", "capture")
	evs, _ := svc.ListEvidence("INS.01")
	acting := interleaved(t, svc, "GetEvidence", func() {
		if _, err := svc.MoveEvidence(evs[0].ID, "INS.02"); err != nil {
			t.Error(err)
		}
	})
	_, err := acting.ReplaceReader(context.Background(), evs[0].ID, "annotée.txt", strings.NewReader("capture annotée"), nil, dossier.AttachOptions{}, false)
	wantFault(t, err, dossier.FaultEvidenceMoved)
	if n := evidenceCount(m); n != 1 {
		t.Fatalf("%d evidence items after a refused replacement", n)
	}
}

// TestMergeRefusedWhenTheDossierChangedSincePlanned: a note written in
// this dossier between the merge's reads and its write is not overwritten
// by the state the merge read before it, even within the same second (the
// merge used to check only updated_at, to the second): the merge is
// refused and the note kept.
func TestMergeRefusedWhenTheDossierChangedSincePlanned(t *testing.T) {
	op := dossiertest.NewMemOpener()
	svc, m := lifeServiceOn(t, op)
	if _, err := svc.WorkingCopy(context.Background(), "copie", nil, nil); err != nil {
		t.Fatal(err)
	}
	theirs, err := dossier.Open(op, "copie")
	if err != nil {
		t.Fatal(err)
	}
	enCours := dossier.EnCours
	if _, err := theirs.UpdateState("INS.02", dossier.StateChange{Status: &enCours}); err != nil {
		t.Fatal(err)
	}
	theirs.Close()
	other, err := dossier.OpenCopy(op, "copie")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	note := "écrite pendant la fusion"
	acting := interleaved(t, svc, "States", func() {
		if _, err := svc.UpdateState("INS.02", dossier.StateChange{Note: &note}); err != nil {
			t.Error(err)
		}
	})
	_, err = acting.Merge(context.Background(), other, dossier.MergeOptions{Apply: true, Prefer: dossier.Theirs}, nil)
	if err != nil {
		wantFault(t, err, dossier.FaultChangedMeanwhile)
	}
	if st := statesOf(m)["RIS.INS.02"]; st.Note != note {
		t.Fatalf("the note written during the merge was lost: %+v (merge: %v)", st, err)
	}
}

// TestReplaceKeepsTheCaptionChangedMeanwhile: a caption written on an
// image proof while its annotated replacement was being stored is the
// replacement's caption, not the one read before: the replacement takes
// the old item's caption and proof number as its transaction sees them.
func TestReplaceKeepsTheCaptionChangedMeanwhile(t *testing.T) {
	svc, m := lifeService(t)
	attachText(t, svc, "INS.01", "capture")
	evs, _ := svc.ListEvidence("INS.01")
	caption := "écran de recherche INS, corrigé"
	acting := interleaved(t, svc, "GetEvidence", func() {
		if _, err := svc.SetCaption(evs[0].ID, caption); err != nil {
			t.Error(err)
		}
	})
	ev, err := acting.ReplaceReader(context.Background(), evs[0].ID, "annotée.txt", strings.NewReader("capture annotée"), nil, dossier.AttachOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := m.ListEvidence("")
	if len(all) != 1 || all[0].Caption != caption || ev.Caption != caption {
		t.Fatalf("caption written meanwhile lost: returned %q, stored %+v", ev.Caption, all)
	}
	var added dossier.Event
	m.Journal(1, func(e dossier.Event) error {
		if e.Kind == dossier.EventEvidenceAdded {
			added = e
		}
		return nil
	})
	if !slices.ContainsFunc(added.Fields, func(f dossier.FieldChange) bool { return f.Field == "caption" && f.New == caption }) {
		t.Fatalf("journal records another caption: %+v", added.Fields)
	}
}

// TestAttachRefusedByAPolicySetMeanwhile: a file policy tightened by
// another window while a file streams in is the one its link obeys: a
// text the dossier now refuses is not stored.
func TestAttachRefusedByAPolicySetMeanwhile(t *testing.T) {
	svc, m := lifeService(t)
	acting := interleaved(t, svc, "AddEvidence", func() {
		if err := svc.SetFilePolicy(&dossier.FilePolicy{AllowedKinds: []dossier.Kind{dossier.KindImage}}); err != nil {
			t.Error(err)
		}
	})
	_, err := acting.AttachReader(context.Background(), "INS.01", "notes.txt", strings.NewReader("notes de test"), nil, dossier.AttachOptions{}, nil)
	wantFault(t, err, dossier.FaultPolicy)
	if n := evidenceCount(m); n != 0 {
		t.Fatalf("%d proofs stored against the dossier's policy", n)
	}
}
