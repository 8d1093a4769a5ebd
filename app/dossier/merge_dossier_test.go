package dossier_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// twoCopies makes a dossier "x" and a working copy of it, "copie"; mine
// is "x", open for writing, acting as Alice.
func twoCopies(t *testing.T) (op *dossiertest.MemOpener, mine *dossier.Service) {
	t.Helper()
	op = dossiertest.NewMemOpener()
	mine, _ = lifeServiceOn(t, op)
	mine.SetOperator("Alice")
	if _, err := mine.WorkingCopy(context.Background(), "copie", nil, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mine.Close() })
	return op, mine
}

// onCopy opens the dossier at path for writing as Bob, runs fn, closes it.
func onCopy(t *testing.T, op *dossiertest.MemOpener, path string, fn func(*dossier.Service) error) dossier.Info {
	t.Helper()
	svc, err := dossier.Open(op, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	svc.SetOperator("Bob")
	if err := fn(svc); err != nil {
		t.Fatal(err)
	}
	return svc.Info()
}

// mergeFrom merges the copy at path into svc.
func mergeFrom(t *testing.T, op *dossiertest.MemOpener, svc *dossier.Service, path string, opt dossier.MergeOptions) (dossier.MergeReport, error) {
	t.Helper()
	other, err := dossier.OpenCopy(op, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	return svc.Merge(context.Background(), other, opt, nil)
}

// TestMergeTakesDossierFieldsChangedOnOneSide: the identity and the file
// policy changed in the copy, the profiles in this dossier: the merge
// takes the copy's identity and policy and keeps this side's profiles;
// merged back, the copy takes the profiles, and the requirements they
// bring into scope apply there too.
func TestMergeTakesDossierFieldsChangedOnOneSide(t *testing.T) {
	op, mine := twoCopies(t)
	onCopy(t, op, "copie", func(theirs *dossier.Service) error {
		if err := theirs.UpdateInfo("n", "Éditeur B", "Produit B", "2"); err != nil {
			return err
		}
		return theirs.SetFilePolicy(&dossier.FilePolicy{MaxFileSize: 1 << 20})
	})
	if err := mine.SetProfiles([]string{"Opérateur Mailiz"}); err != nil {
		t.Fatal(err)
	}
	rep, err := mergeFrom(t, op, mine, "copie", dossier.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 0 || rep.NoOp() {
		t.Fatalf("dry run: %+v", rep)
	}
	if want := []string{"policy", "product", "vendor", "version"}; !reflect.DeepEqual(rep.DossierChanged, want) {
		t.Fatalf("dossier fields taken %v, want %v", rep.DossierChanged, want)
	}
	if _, err := mergeFrom(t, op, mine, "copie", dossier.MergeOptions{Apply: true}); err != nil {
		t.Fatal(err)
	}
	in := mine.Info()
	if in.Vendor != "Éditeur B" || in.Product != "Produit B" || in.ProductVersion != "2" || in.FilePolicy == nil || in.FilePolicy.MaxFileSize != 1<<20 {
		t.Fatalf("identity and policy after the merge: %+v", in)
	}
	if !slices.Contains(in.Profiles, "Opérateur Mailiz") {
		t.Fatalf("this side's profiles lost: %v", in.Profiles)
	}
	if rep, err := mergeFrom(t, op, mine, "copie", dossier.MergeOptions{}); err != nil || !rep.NoOp() {
		t.Fatalf("second merge: %+v %v", rep, err)
	}

	// Merged back, the copy takes the profiles without conflict.
	mine.Close()
	got := onCopy(t, op, "copie", func(theirs *dossier.Service) error {
		rep, err = mergeFrom(t, op, theirs, "x", dossier.MergeOptions{Apply: true})
		return err
	})
	if len(rep.Conflicts) != 0 || !reflect.DeepEqual(rep.DossierChanged, []string{"profiles"}) {
		t.Fatalf("merge back: %+v", rep)
	}
	if len(rep.ApplicableAdded) == 0 {
		t.Fatalf("the profile taken brings no requirement into scope: %+v", rep)
	}
	if !reflect.DeepEqual(got.Profiles, in.Profiles) || got.Vendor != "Éditeur B" {
		t.Fatalf("copy after merging back: %+v", got)
	}
	cat := mine.Catalogue()
	for _, id := range rep.ApplicableAdded {
		if r, err := cat.Requirement(id); err != nil || !cat.Applies(r, got.Profiles) {
			t.Fatalf("%s reported as entering scope but does not apply", id)
		}
	}
}

// TestMergeDossierFieldConflicts: a dossier field changed on both sides to
// different values is a conflict (requirement "dossier"), never decided
// silently: applying without a decision is refused; decided per side with
// Resolve["dossier"] or --prefer.
func TestMergeDossierFieldConflicts(t *testing.T) {
	op, mine := twoCopies(t)
	if err := mine.UpdateInfo("n", "Éditeur A", "p", "1"); err != nil {
		t.Fatal(err)
	}
	if err := mine.SetProfiles([]string{"Opérateur Mailiz"}); err != nil {
		t.Fatal(err)
	}
	onCopy(t, op, "copie", func(theirs *dossier.Service) error {
		if err := theirs.UpdateInfo("n", "Éditeur B", "p", "1"); err != nil {
			return err
		}
		return theirs.SetProfiles([]string{"Stockage des copies de titres d'identité"})
	})
	rep, err := mergeFrom(t, op, mine, "copie", dossier.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]dossier.Conflict{}
	for _, c := range rep.Conflicts {
		if c.Req != dossier.MergeDossier {
			t.Fatalf("unexpected conflict %+v", c)
		}
		fields[c.Field] = c
	}
	if c := fields["vendor"]; c.Mine != "Éditeur A" || c.Theirs != "Éditeur B" || len(fields) != 2 {
		t.Fatalf("conflicts %+v", rep.Conflicts)
	}
	if _, err := mergeFrom(t, op, mine, "copie", dossier.MergeOptions{Apply: true}); dossier.FaultOf(err) != dossier.FaultUnresolved {
		t.Fatalf("applied with open conflicts: %v", err)
	}
	if mine.Info().Vendor != "Éditeur A" {
		t.Fatal("a refused merge changed the identity")
	}
	rep, err = mergeFrom(t, op, mine, "copie", dossier.MergeOptions{Apply: true, Resolve: map[string]dossier.Side{dossier.MergeDossier: dossier.Theirs}})
	if err != nil || !rep.Applied {
		t.Fatalf("resolved theirs: %+v %v", rep, err)
	}
	in := mine.Info()
	if in.Vendor != "Éditeur B" || !slices.Contains(in.Profiles, "Stockage des copies de titres d'identité") || slices.Contains(in.Profiles, "Opérateur Mailiz") {
		t.Fatalf("after resolving for the copy: %+v", in)
	}
	var recorded bool
	for _, ev := range journalEvents(t, mine) {
		for _, f := range ev.Fields {
			recorded = recorded || (ev.Kind == dossier.EventMerge && f.Field == "conflict dossier vendor theirs" && f.New == "Éditeur B")
		}
	}
	if !recorded {
		t.Fatal("the merge event does not name the dossier conflict's decision")
	}
}

func journalEvents(t *testing.T, svc *dossier.Service) []dossier.Event {
	t.Helper()
	var out []dossier.Event
	if err := svc.Store().Journal(1, func(ev dossier.Event) error { out = append(out, ev); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}
