package storage

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// officialLike derives a "published" catalogue from the embedded one: IDs
// in short form, RIS.INS.02 turned into a préconisation, RIS.MSS.01 gone,
// one requirement added, official statements everywhere.
func officialLike(t *testing.T) *dossier.Catalogue {
	t.Helper()
	c, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	var reqs []dossier.Requirement
	for _, r := range c.Requirements {
		if r.ID == "RIS.MSS.01" {
			continue
		}
		r.ID = r.ShortID
		r.Statement = "Texte officiel : " + r.Summary
		if r.ShortID == "INS.02" {
			r.Nature = dossier.Preconisation
		}
		reqs = append(reqs, r)
	}
	reqs = append(reqs, dossier.Requirement{ID: "INS.99", ShortID: "INS.99", Section: "INS", Profiles: []string{"Général"}, Nature: dossier.Exigence, Statement: "Nouvelle exigence"})
	c.Requirements, c.Title, c.Version = reqs, "REM RIS officiel", "2.0"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSwitchCatalogueCarriesForward(t *testing.T) {
	path, svc := create(t)
	set := func(id string, st dossier.Status, note string) {
		t.Helper()
		offline := st == dossier.Prete // proven outside the app: Prête needs a proof
		if _, err := svc.UpdateState(id, dossier.StateChange{Status: &st, Note: &note, Offline: &offline}); err != nil {
			t.Fatal(err)
		}
	}
	set("RIS.INS.01", dossier.Prete, "fait")
	set("RIS.INS.02", dossier.EnCours, "à moitié")
	set("RIS.MSS.01", dossier.EnCours, "commencé")

	plan, err := svc.PlanSwitch(officialLike(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Diff.Added) != 1 || len(plan.Diff.Removed) != 1 || plan.Carried != 2 {
		t.Fatalf("plan: added %v removed %v carried %d", plan.Diff.Added, plan.Diff.Removed, plan.Carried)
	}
	if len(plan.Review) != 1 || plan.Review[0] != "INS.02" {
		t.Fatalf("review: %v", plan.Review)
	}
	if len(plan.OffCatalogue) != 1 || plan.OffCatalogue[0] != "RIS.MSS.01" {
		t.Fatalf("off catalogue: %v", plan.OffCatalogue)
	}
	// The plan is a dry run.
	if svc.Catalogue().Title == "REM RIS officiel" {
		t.Fatal("plan switched the catalogue")
	}
	if err := svc.SwitchCatalogue(plan); err != nil {
		t.Fatal(err)
	}
	svc.Close()

	svc, err = dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if svc.Catalogue().Title != "REM RIS officiel" {
		t.Fatalf("catalogue after reopen: %s", svc.Catalogue().Title)
	}
	r1, _ := svc.Row("INS.01")
	if r1.Req.ID != "INS.01" || r1.State.Status != dossier.Prete || r1.State.Note != "fait" || r1.State.Review {
		t.Fatalf("INS.01 not carried: %+v", r1.State)
	}
	r2, _ := svc.Row("INS.02")
	if r2.State.Status != dossier.EnCours || !r2.State.Review {
		t.Fatalf("INS.02 not flagged: %+v", r2.State)
	}
	o, _ := svc.Overview()
	if o.OffCatalogue != 1 || o.Review != 1 || o.Applicable != 109 {
		t.Fatalf("overview: off %d review %d applicable %d", o.OffCatalogue, o.Review, o.Applicable)
	}
	versions, err := svc.CatalogueVersions()
	if err != nil || len(versions) != 2 || !versions[1].Current || versions[0].Current {
		t.Fatalf("versions: %+v %v", versions, err)
	}
	// Reviewing clears the flag.
	note := "revu"
	if st, err := svc.UpdateState("INS.02", dossier.StateChange{Note: &note}); err != nil || st.Review {
		t.Fatalf("review flag not cleared: %+v %v", st, err)
	}
}

// TestSwitchCatalogueKeepsChangesMadeSincePlanned: the switch applies its
// plan to the dossier as it is when applied: a note written after the
// plan was shown is kept on the requirement flagged for review, and a
// proof attached meanwhile follows its requirement to its new ID.
func TestSwitchCatalogueKeepsChangesMadeSincePlanned(t *testing.T) {
	_, svc := create(t)
	defer svc.Close()
	enCours, note := dossier.EnCours, "à moitié"
	if _, err := svc.UpdateState("RIS.INS.02", dossier.StateChange{Status: &enCours, Note: &note}); err != nil {
		t.Fatal(err)
	}
	plan, err := svc.PlanSwitch(officialLike(t))
	if err != nil {
		t.Fatal(err)
	}
	later := "complétée après le plan"
	if _, err := svc.UpdateState("RIS.INS.02", dossier.StateChange{Note: &later}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AttachReader(context.Background(), "RIS.INS.03", "capture.txt", strings.NewReader("capture"), nil, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := svc.SwitchCatalogue(plan); err != nil {
		t.Fatal(err)
	}
	if r, _ := svc.Row("INS.02"); r.State.Note != later || r.State.Status != dossier.EnCours || !r.State.Review {
		t.Fatalf("INS.02 after the switch: %+v", r.State)
	}
	if r, _ := svc.Row("INS.03"); r.State.Status != dossier.EnCours || r.Evidence != 1 {
		t.Fatalf("INS.03, given a proof after the plan: %+v, %d proofs", r.State, r.Evidence)
	}
	if off, _ := svc.OffCatalogue(); len(off) != 0 {
		t.Fatalf("off catalogue after the switch: %v", off)
	}
}

// switchingReader switches the dossier's catalogue once, after its first
// read, as the import dialog's Appliquer would while a large file streams
// in.
type switchingReader struct {
	r        io.Reader
	doSwitch func()
}

func (s *switchingReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if f := s.doSwitch; f != nil {
		s.doSwitch = nil
		f()
	}
	return n, err
}

// TestAttachRefusedWhenTheCatalogueSwitchedMeanwhile: a proof whose
// requirement was resolved against the catalogue replaced while it
// streamed is not linked under an ID the dossier no longer uses (it would
// show "hors catalogue"): the attach is refused, nothing is added.
func TestAttachRefusedWhenTheCatalogueSwitchedMeanwhile(t *testing.T) {
	_, svc := create(t)
	defer svc.Close()
	plan, err := svc.PlanSwitch(officialLike(t))
	if err != nil {
		t.Fatal(err)
	}
	r := &switchingReader{r: strings.NewReader(strings.Repeat("capture ", 1000)), doSwitch: func() {
		if err := svc.SwitchCatalogue(plan); err != nil {
			t.Error(err)
		}
	}}
	_, err = svc.AttachReader(context.Background(), "RIS.INS.03", "capture.txt", r, nil, dossier.AttachOptions{}, nil)
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultCatalogueChanged}) {
		t.Fatalf("attach across a catalogue switch: %v", err)
	}
	if evs, _ := svc.AllEvidence(); len(evs) != 0 {
		t.Fatalf("evidence added: %+v", evs)
	}
	if off, _ := svc.OffCatalogue(); len(off) != 0 {
		t.Fatalf("off catalogue: %v", off)
	}
	// Attached again, it goes to the requirement's new ID.
	ev, err := svc.AttachReader(context.Background(), "INS.03", "capture.txt", strings.NewReader("capture"), nil, dossier.AttachOptions{}, nil)
	if err != nil || ev.ReqID != "INS.03" {
		t.Fatalf("attach after the switch: %+v %v", ev, err)
	}
}
