package dossiertest

import (
	"errors"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// smallCatalogue is a valid catalogue titled title with one requirement.
func smallCatalogue(t *testing.T, title, reqID string) *dossier.Catalogue {
	t.Helper()
	c := &dossier.Catalogue{Title: title, Profiles: []dossier.Profile{{Name: "Général", Mandatory: true}},
		Sections:     []dossier.Section{{Code: "S"}},
		Requirements: []dossier.Requirement{{ID: reqID, Section: "S", Profiles: []string{"Général"}, Nature: dossier.Exigence}}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

// txCatalogue is the catalogue a write transaction of s sees.
func txCatalogue(t *testing.T, s dossier.Store) string {
	t.Helper()
	var title string
	if err := s.Update(func(tx dossier.Tx) error {
		c, err := tx.Catalogue()
		if err == nil {
			title = c.Title
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return title
}

// contractCatalogueSwitch: a switch moves a renamed requirement's state
// in its transaction, and every transaction committed after it (and every
// read) sees the new catalogue; a failed switch leaves the catalogue in
// use as it was (though its transaction saw the new one), as does one its
// check refuses (the check sees the old catalogue), and the next switch
// is seen, not the failed ones.
func contractCatalogueSwitch(t *testing.T, s dossier.Store) {
	cs, ok := s.(dossier.CatalogueStore)
	if !ok {
		t.Skip("this store keeps no catalogue versions")
	}
	before, err := cs.CatalogueVersions()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx dossier.Tx) error {
		return tx.SaveState(dossier.ReqState{ReqID: "R1", Status: dossier.EnCours, Note: "vu"})
	}); err != nil {
		t.Fatal(err)
	}
	next := smallCatalogue(t, "Suivant", "R2")
	err = cs.SwitchCatalogue(dossier.CatalogueSwitch{Catalogue: next, Renames: map[string]string{"R1": "R2"},
		Apply: func(tx dossier.Tx) error {
			if st, err := tx.State("R2"); err != nil || st.Note != "vu" {
				t.Errorf("state not renamed in the switch's transaction: %+v %v", st, err)
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if got := txCatalogue(t, s); got != "Suivant" {
		t.Fatalf("a transaction after the switch sees catalogue %q", got)
	}
	if c, err := s.Catalogue(); err != nil || c.Title != "Suivant" {
		t.Fatalf("catalogue read after the switch: %v %v", c, err)
	}
	boom := errors.New("boom")
	err = cs.SwitchCatalogue(dossier.CatalogueSwitch{Catalogue: smallCatalogue(t, "Refusé", "R3"),
		Check: func(tx dossier.Tx) error {
			// The check sees the dossier before the switch.
			if c, err := tx.Catalogue(); err != nil || c.Title != "Suivant" {
				t.Errorf("catalogue seen by the check: %v %v", c, err)
			}
			return boom
		},
		Apply: func(dossier.Tx) error {
			t.Error("a switch its check refused was applied")
			return nil
		}})
	if !errors.Is(err, boom) {
		t.Fatalf("switch refused by its check: %v", err)
	}
	err = cs.SwitchCatalogue(dossier.CatalogueSwitch{Catalogue: smallCatalogue(t, "Raté", "R3"),
		Apply: func(tx dossier.Tx) error {
			// The switch's transaction sees the catalogue it makes current.
			if c, err := tx.Catalogue(); err != nil || c.Title != "Raté" {
				t.Errorf("catalogue in the switch's transaction: %v %v", c, err)
			}
			return boom
		}})
	if !errors.Is(err, boom) {
		t.Fatalf("failed switch: %v", err)
	}
	if got := txCatalogue(t, s); got != "Suivant" {
		t.Fatalf("a transaction after a failed switch sees catalogue %q", got)
	}
	if err := cs.SwitchCatalogue(dossier.CatalogueSwitch{Catalogue: smallCatalogue(t, "Troisième", "R4"),
		Apply: func(dossier.Tx) error { return nil }}); err != nil {
		t.Fatal(err)
	}
	if got := txCatalogue(t, s); got != "Troisième" {
		t.Fatalf("a transaction after the third switch sees catalogue %q", got)
	}
	after, err := cs.CatalogueVersions()
	if err != nil || len(after) != len(before)+2 || !after[len(after)-1].Current || after[len(after)-1].Title != "Troisième" {
		t.Fatalf("versions: %+v %v", after, err)
	}
}
