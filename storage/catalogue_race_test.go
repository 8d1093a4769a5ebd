package storage

import (
	"errors"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// beforeUpdate is a store on which another writer acts once, just before
// the next write transaction begins.
type beforeUpdate struct {
	*Store
	hook func()
}

func (b *beforeUpdate) Update(fn func(dossier.Tx) error) error {
	if f := b.hook; f != nil {
		b.hook = nil
		f()
	}
	return b.Store.Update(fn)
}

// TestStateRefusedWhenAnotherServiceSwitchedTheCatalogue: two services on
// one bbolt store (two windows of the application); the second asks for a
// note on RIS.MSS.01 and, before its transaction begins, the first
// switches the dossier to a catalogue without it. The note is refused
// (FaultRequirementChanged) instead of being written for a requirement the
// dossier no longer has; the second service then reads the new catalogue,
// the one its transaction saw, and the requirement renamed meanwhile takes
// a note under its new ID.
func TestStateRefusedWhenAnotherServiceSwitchedTheCatalogue(t *testing.T) {
	store, _ := storeOf(t)
	svc, err := dossier.Open(dossiertest.StoreOpener{Store: store}, "")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := svc.PlanSwitch(officialLike(t))
	if err != nil {
		t.Fatal(err)
	}
	st := &beforeUpdate{Store: store, hook: func() {
		if err := svc.SwitchCatalogue(plan); err != nil {
			t.Error(err)
		}
	}}
	other, err := dossier.Open(dossiertest.StoreOpener{Store: st}, "")
	if err != nil {
		t.Fatal(err)
	}
	note := "écrite sur l'ancien catalogue"
	_, err = other.UpdateState("RIS.MSS.01", dossier.StateChange{Note: &note})
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultRequirementChanged}) {
		t.Fatalf("note on a requirement the switch dropped: %v", err)
	}
	if states, _ := st.States(); len(states) != 0 {
		t.Fatalf("state written: %+v", states)
	}
	if got := other.Catalogue().Title; got != "REM RIS officiel" {
		t.Fatalf("catalogue read after the refusal: %s", got)
	}
	if s, err := other.UpdateState("INS.03", dossier.StateChange{Note: &note}); err != nil || s.ReqID != "INS.03" {
		t.Fatalf("note on the new catalogue: %+v %v", s, err)
	}
}
