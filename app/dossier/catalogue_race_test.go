package dossier_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// nextCatalogue is the embedded catalogue as a later REM would have it:
// RIS.MSS.01 gone, RIS.INS.02 turned into a préconisation (to review),
// the profile "Opérateur Mailiz" renamed.
func nextCatalogue(t *testing.T) *dossier.Catalogue {
	t.Helper()
	c := *catalogue(t)
	const old, renamed = "Opérateur Mailiz", "Messagerie opérée"
	c.Profiles = slices.Clone(c.Profiles)
	for i := range c.Profiles {
		if c.Profiles[i].Name == old {
			c.Profiles[i].Name = renamed
		}
	}
	var reqs []dossier.Requirement
	for _, r := range c.Requirements {
		if r.ID == "RIS.MSS.01" {
			continue
		}
		if r.ID == "RIS.INS.02" {
			r.Nature = dossier.Preconisation
		}
		r.Profiles = slices.Clone(r.Profiles)
		for i, p := range r.Profiles {
			if p == old {
				r.Profiles[i] = renamed
			}
		}
		reqs = append(reqs, r)
	}
	c.Requirements, c.Title, c.Version = reqs, "REM RIS suivant", "2.0"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestActionsRefusedWhenTheCatalogueSwitchedMeanwhile: an action asked on
// a requirement of the catalogue in use, when another window switches the
// dossier to a catalogue without it (or with it changed) just before the
// action's transaction, is refused with nothing written: never a state,
// a decision, a proof or a request recorded for a requirement the dossier
// no longer has, nor a change that drops the "à revoir" flag the switch
// has just set.
func TestActionsRefusedWhenTheCatalogueSwitchedMeanwhile(t *testing.T) {
	note := "écrite sur l'ancien catalogue"
	for _, c := range []struct {
		name   string
		setup  func(*testing.T, *dossier.Service)
		act    func(*dossier.Service, uint64) error
		fault  dossier.Fault
		intact func(*testing.T, *dossier.Service, *dossiertest.MemStore)
	}{
		{"UpdateState on a requirement dropped", nil, func(svc *dossier.Service, _ uint64) error {
			_, err := svc.UpdateState("RIS.MSS.01", dossier.StateChange{Note: &note})
			return err
		}, dossier.FaultRequirementChanged, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if off, _ := svc.OffCatalogue(); len(off) != 0 {
				t.Fatalf("state written for a dropped requirement: %v", off)
			}
		}},
		{"UpdateState on a requirement changed", nil, func(svc *dossier.Service, _ uint64) error {
			_, err := svc.UpdateState("RIS.INS.02", dossier.StateChange{Note: &note})
			return err
		}, dossier.FaultRequirementChanged, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if r, _ := svc.Row("RIS.INS.02"); !r.State.Review || r.State.Note == note {
				t.Fatalf("the review flag of the switch was dropped: %+v", r.State)
			}
		}},
		{"Review", func(t *testing.T, svc *dossier.Service) {
			na, why := dossier.NonApplicable, "pas de messagerie"
			if _, err := svc.UpdateState("RIS.MSS.01", dossier.StateChange{Status: &na, Justification: &why}); err != nil {
				t.Fatal(err)
			}
		}, func(svc *dossier.Service, _ uint64) error {
			_, err := svc.Review("RIS.MSS.01", dossier.Valide, "", "Relectrice")
			return err
		}, dossier.FaultRequirementChanged, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if st := statesOf(m)["RIS.MSS.01"]; st.Signoff != nil {
				t.Fatalf("decision written for a dropped requirement: %+v", st.Signoff)
			}
		}},
		{"MoveEvidence", nil, func(svc *dossier.Service, ev uint64) error {
			_, err := svc.MoveEvidence(ev, "RIS.MSS.01")
			return err
		}, dossier.FaultRequirementChanged, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if evs, _ := svc.ListEvidence("RIS.INS.02"); len(evs) != 1 {
				t.Fatalf("proof moved to a dropped requirement")
			}
		}},
		{"AddRequest", nil, func(svc *dossier.Service, _ uint64) error {
			_, err := svc.AddRequest([]string{"RIS.MSS.01"}, "Capture illisible", "2026-12-10", dossier.Complement)
			return err
		}, dossier.FaultRequirementChanged, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if rs, _ := svc.Requests(); len(rs) != 0 {
				t.Fatalf("request recorded on a dropped requirement: %+v", rs)
			}
		}},
		{"AttachReader", nil, func(svc *dossier.Service, _ uint64) error {
			_, err := svc.AttachReader(context.Background(), "RIS.MSS.01", "capture.txt", strings.NewReader("capture"), nil, dossier.AttachOptions{}, nil)
			return err
		}, dossier.FaultCatalogueChanged, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if evs, _ := svc.AllEvidence(); len(evs) != 1 {
				t.Fatalf("proof added to a dropped requirement: %d proofs", len(evs))
			}
		}},
		{"SetProfiles", nil, func(svc *dossier.Service, _ uint64) error {
			return svc.SetProfiles([]string{"Opérateur Mailiz"})
		}, dossier.FaultUnknownProfile, func(t *testing.T, svc *dossier.Service, m *dossiertest.MemStore) {
			if p := svc.Info().Profiles; len(p) != 1 {
				t.Fatalf("profiles of the old catalogue written: %v", p)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			svc, m := lifeService(t)
			defer svc.Close()
			if err := svc.SetSignoffRules(dossier.SignoffSettings{Required: true}); err != nil {
				t.Fatal(err)
			}
			attachText(t, svc, "RIS.INS.02", "capture")
			if c.setup != nil {
				c.setup(t, svc)
			}
			evs, _ := svc.ListEvidence("RIS.INS.02")
			plan, err := svc.PlanSwitch(nextCatalogue(t))
			if err != nil {
				t.Fatal(err)
			}
			acting := interleaved(t, svc, "", func() {
				if err := svc.SwitchCatalogue(plan); err != nil {
					t.Error(err)
				}
			})
			wantFault(t, c.act(acting, evs[0].ID), c.fault)
			c.intact(t, acting, m)
			// The acting window now reads the new catalogue.
			if got := acting.Catalogue().Title; got != "REM RIS suivant" {
				t.Fatalf("catalogue read after the action: %s", got)
			}
		})
	}
}

// TestSwitchRefusedWhenPlannedOnAnotherCatalogue: a switch planned on the
// catalogue in use, applied after another switch committed, would carry
// states along renames computed against a catalogue the dossier no longer
// uses: it is refused, and the catalogue switched to meanwhile stays.
func TestSwitchRefusedWhenPlannedOnAnotherCatalogue(t *testing.T) {
	svc, _ := lifeService(t)
	defer svc.Close()
	late, err := svc.PlanSwitch(nextCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	other := nextCatalogue(t)
	other.Title = "REM RIS intermédiaire"
	first, err := svc.PlanSwitch(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SwitchCatalogue(first); err != nil {
		t.Fatal(err)
	}
	wantFault(t, svc.SwitchCatalogue(late), dossier.FaultSwitchOutdated)
	if got := svc.Catalogue().Title; got != other.Title {
		t.Fatalf("catalogue after the refused switch: %s", got)
	}
	if vs, _ := svc.CatalogueVersions(); len(vs) != 2 {
		t.Fatalf("versions after the refused switch: %+v", vs)
	}
}
