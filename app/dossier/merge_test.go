package dossier

import (
	"reflect"
	"testing"
)

func snap(states map[string]ReqState, evs ...Evidence) Snapshot {
	return Snapshot{States: states, Evidence: evs}
}

func changes(req string, fields ...string) map[string]map[string]bool {
	m := map[string]map[string]bool{req: {}}
	for _, f := range fields {
		m[req][f] = true
	}
	return m
}

// TestPlanMergeThreeWay: a field that differs takes the side that changed
// it alone; changed on both sides (or with no common point) it is a
// conflict; a proof is added unless this side removed it.
func TestPlanMergeThreeWay(t *testing.T) {
	mine := map[string]ReqState{
		"A": {ReqID: "A", Status: EnCours, Note: "mine"},
		"B": {ReqID: "B", Status: EnCours, Note: "same"},
		"C": {ReqID: "C", Status: AFaire, Review: true},
	}
	theirs := map[string]ReqState{
		"A": {ReqID: "A", Status: Prete, Note: "theirs"},
		"B": {ReqID: "B", Status: Prete, Note: "same"},
		"C": {ReqID: "C", Status: AFaire, Review: false},
	}
	ev := func(req, sha string) Evidence { return Evidence{ReqID: req, SHA256: sha, Size: 10} }
	div := Divergence{Known: true,
		Mine:        changes("A", FieldNote),
		Theirs:      map[string]map[string]bool{"A": {FieldNote: true, FieldStatus: true}, "B": {FieldStatus: true}, anyReq: {FieldRecheck: true}},
		MineRemoved: map[ProofKey]bool{{"B", "gone"}: true},
	}
	p := planMerge(snap(mine, ev("A", "held")), snap(theirs, ev("A", "held"), ev("A", "new"), ev("B", "gone"), ev("C", "held")), div)
	if want := []Conflict{{Req: "A", Field: FieldNote, Mine: "mine", Theirs: "theirs"}}; !reflect.DeepEqual(p.report.Conflicts, want) {
		t.Errorf("conflicts %+v, want %+v", p.report.Conflicts, want)
	}
	if p.states["A"].Status != Prete || p.states["A"].Note != "mine" {
		t.Errorf("A: %+v (status from theirs, note left to decide)", p.states["A"])
	}
	if p.states["B"].Status != Prete || p.states["C"].Review {
		t.Errorf("B %+v, C %+v: changed on the other side only", p.states["B"], p.states["C"])
	}
	if len(p.add) != 2 || p.add[0].SHA256 != "new" || p.add[1].ReqID != "C" || p.report.BytesAdded != 10 {
		t.Errorf("added %+v (%d bytes): the held content costs nothing, the removed proof stays out", p.add, p.report.BytesAdded)
	}
	if got := p.report.RequirementsChanged; !reflect.DeepEqual(got, []string{"A", "B", "C"}) {
		t.Errorf("changed %v", got)
	}

	// Without a common point every difference is for a person to decide.
	p = planMerge(snap(mine), snap(theirs), Divergence{})
	if len(p.report.Conflicts) != 4 || len(p.states) != 0 {
		t.Errorf("unknown history: %d conflicts, %d states taken", len(p.report.Conflicts), len(p.states))
	}
}

func TestResolveLeavesUndecidedConflicts(t *testing.T) {
	p := mergePlan{report: MergeReport{Conflicts: []Conflict{{Req: "A", Field: FieldNote}, {Req: "B", Field: FieldNote}}}}
	if left := p.resolve(MergeOptions{Resolve: map[string]Side{"A": Theirs}}); left != 1 {
		t.Fatalf("%d left, want 1", left)
	}
	if p.report.RequirementsChanged[0] != "A" || p.report.Conflicts[1].Resolved != "" {
		t.Fatalf("%+v", p.report)
	}
	if left := p.resolve(MergeOptions{Prefer: Mine}); left != 0 || p.report.Conflicts[1].Resolved != Mine {
		t.Fatalf("prefer mine: %d left, %+v", left, p.report.Conflicts)
	}
}

// TestPlanMergeReviewDecisions: a decision made on the other side only is
// taken; different decisions made on both sides are never settled for
// people, whatever is preferred: the requirement is to review again.
func TestPlanMergeReviewDecisions(t *testing.T) {
	valid := &Signoff{Decision: Valide, By: "Alice", Status: Prete}
	fix := &Signoff{Decision: ACorriger, By: "Bob", Status: Prete}
	mine := map[string]ReqState{"A": {ReqID: "A", Status: Prete, Signoff: valid}, "B": {ReqID: "B", Status: Prete}}
	theirs := map[string]ReqState{"A": {ReqID: "A", Status: Prete, Signoff: fix}, "B": {ReqID: "B", Status: Prete, Signoff: fix}}
	div := Divergence{Known: true, Mine: changes("A", FieldReview),
		Theirs: map[string]map[string]bool{"A": {FieldReview: true}, "B": {FieldReview: true}}}
	p := planMerge(snap(mine), snap(theirs), div)
	if len(p.report.Conflicts) != 1 || p.report.Conflicts[0].Resolved != Revalidate || p.states["A"].Signoff != nil {
		t.Fatalf("A: conflicts %+v, state %+v", p.report.Conflicts, p.states["A"])
	}
	if p.states["B"].Signoff != fix {
		t.Fatalf("B: %+v, want the other side's decision", p.states["B"])
	}
	if left := p.resolve(MergeOptions{Prefer: Mine}); left != 0 || p.report.Conflicts[0].Resolved != Revalidate {
		t.Fatalf("--prefer decided a review: %+v", p.report.Conflicts)
	}
}

// TestPlanMergeCaptions: a proof both copies hold (same requirement, same
// content) whose caption changed on the other side only takes that
// caption; changed on this side only it stays; changed on both sides (or
// with no common point) it is a conflict naming the proof, decided like
// the others.
func TestPlanMergeCaptions(t *testing.T) {
	states := map[string]ReqState{"A": {ReqID: "A", Status: EnCours}, "B": {ReqID: "B", Status: EnCours}}
	ev := func(id uint64, req, sha, name, caption string) Evidence {
		return Evidence{ID: id, ReqID: req, SHA256: sha, Name: name, Caption: caption, Size: 10}
	}
	mine := snap(states, ev(1, "A", "s1", "un.png", "base"), ev(2, "A", "s2", "deux.png", "mine 2"), ev(3, "B", "s3", "trois.png", "mine 3"), ev(4, "B", "s4", "quatre.png", "same"))
	theirs := snap(states, ev(7, "A", "s1", "un.png", "theirs 1"), ev(8, "A", "s2", "deux.png", "base"), ev(9, "B", "s3", "trois.png", "theirs 3"), ev(10, "B", "s4", "quatre.png", "same"))
	div := Divergence{Known: true,
		MineCaptions:   map[ProofKey]bool{{"A", "s2"}: true, {"B", "s3"}: true},
		TheirsCaptions: map[ProofKey]bool{{"A", "s1"}: true, {"B", "s3"}: true, {"B", "s4"}: true},
	}
	p := planMerge(mine, theirs, div)
	want := []Conflict{{Req: "B", Field: FieldCaption, SHA256: "s3", Name: "trois.png", Mine: "mine 3", Theirs: "theirs 3"}}
	if !reflect.DeepEqual(p.report.Conflicts, want) {
		t.Fatalf("conflicts %+v, want %+v", p.report.Conflicts, want)
	}
	if !reflect.DeepEqual(p.captions, map[uint64]string{1: "theirs 1"}) {
		t.Fatalf("captions taken %v, want proof 1's from the other side", p.captions)
	}
	if got := p.report.RequirementsChanged; !reflect.DeepEqual(got, []string{"A"}) || len(p.add) != 0 || len(p.states) != 0 {
		t.Fatalf("changed %v, added %v, states %v", got, p.add, p.states)
	}
	// Resolved "theirs", the conflict's caption is taken too.
	if left := p.resolve(MergeOptions{Prefer: Theirs}); left != 0 {
		t.Fatalf("%d left", left)
	}
	if got := p.captionsTaken(); !reflect.DeepEqual(got, map[uint64]string{1: "theirs 1", 3: "theirs 3"}) {
		t.Fatalf("captions to write %v", got)
	}
	if got := p.report.RequirementsChanged; !reflect.DeepEqual(got, []string{"A", "B"}) {
		t.Fatalf("changed %v", got)
	}

	// Without a common point every different caption is a conflict.
	p = planMerge(mine, theirs, Divergence{})
	if len(p.report.Conflicts) != 3 || len(p.captions) != 0 {
		t.Fatalf("unknown history: %+v, taken %v", p.report.Conflicts, p.captions)
	}
}

// TestDivergenceMarksCaptions: a caption event marks its proof as changed
// on its side, and a later move carries the mark to the new requirement.
func TestDivergenceMarksCaptions(t *testing.T) {
	m := map[ProofKey]bool{}
	markCaption(m, Event{Kind: EventEvidenceCaption, Subject: "A", SHA256: "s1"})
	markCaption(m, Event{Kind: EventEvidenceMoved, Subject: "B", SHA256: "s1", Fields: []FieldChange{{Field: "requirement", Old: "A", New: "B"}}})
	markCaption(m, Event{Kind: EventEvidenceMoved, Subject: "C", SHA256: "s2", Fields: []FieldChange{{Field: "requirement", Old: "A", New: "C"}}})
	if want := map[ProofKey]bool{{"A", "s1"}: true, {"B", "s1"}: true}; !reflect.DeepEqual(m, want) {
		t.Fatalf("%v, want %v", m, want)
	}
}
