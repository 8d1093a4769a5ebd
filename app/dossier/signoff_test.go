package dossier_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// reviewed is a dossier with review on and INS.01 Prête with one proof
// added by anne.
func reviewed(t *testing.T) *dossier.Service {
	t.Helper()
	svc, _ := newService(t)
	if err := svc.SetSignoffRules(dossier.DefaultSignoff); err != nil {
		t.Fatal(err)
	}
	attachAs(t, svc, "RIS.INS.01", "anne", "capture-1")
	setStatus(t, svc, "RIS.INS.01", dossier.Prete)
	return svc
}

// attachAs attaches a small text file holding content to reqID as operator.
func attachAs(t *testing.T, svc *dossier.Service, reqID, operator, content string) dossier.Evidence {
	t.Helper()
	p := filepath.Join(t.TempDir(), content+".log")
	if err := os.WriteFile(p, []byte(content+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ev, err := svc.AttachFile(context.Background(), reqID, p, dossier.AttachOptions{Operator: operator}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func setStatus(t *testing.T, svc *dossier.Service, reqID string, st dossier.Status) {
	t.Helper()
	if _, err := svc.UpdateState(reqID, dossier.StateChange{Status: &st}); err != nil {
		t.Fatal(err)
	}
}

// signoffOf is the requirement's review as the list shows it.
func signoffOf(t *testing.T, svc *dossier.Service, reqID string) dossier.SignoffStatus {
	t.Helper()
	r, err := svc.Row(reqID)
	if err != nil {
		t.Fatal(err)
	}
	return r.Signoff
}

// gapKinds lists the kinds of the blocking gaps on reqID.
func gapKinds(t *testing.T, svc *dossier.Service, reqID string) []dossier.GapKind {
	t.Helper()
	rep, err := svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	var out []dossier.GapKind
	for _, g := range gapsFor(rep.Blocking, reqID) {
		out = append(out, g.Kind)
	}
	return out
}

func mustReview(t *testing.T, svc *dossier.Service, reqID string, d dossier.SignoffDecision, comment, who string) {
	t.Helper()
	if _, err := svc.Review(reqID, d, comment, who); err != nil {
		t.Fatalf("review of %s by %s: %v", reqID, who, err)
	}
}

func isFault(err error, f dossier.Fault) bool { return errors.Is(err, &dossier.Error{Fault: f}) }

func TestReviewValidatesAndBlocksUntilThen(t *testing.T) {
	svc := reviewed(t)
	if got := gapKinds(t, svc, "RIS.INS.01"); len(got) != 1 || got[0] != dossier.GapToValidate {
		t.Fatalf("Prête, not reviewed: gaps %v, want to_validate", got)
	}
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffPending || so.Outdated {
		t.Fatalf("before review: %+v", so)
	}
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	so := signoffOf(t, svc, "RIS.INS.01")
	if so.State != dossier.SignoffValidated || so.Last.By != "bob" || so.Last.Self || len(so.Last.Proofs) != 1 {
		t.Fatalf("validated by bob: %+v", so)
	}
	if !strings.HasPrefix(so.Line(), "Validée par bob le ") {
		t.Fatalf("line: %q", so.Line())
	}
	if got := gapKinds(t, svc, "RIS.INS.01"); len(got) != 0 {
		t.Fatalf("validated: gaps %v", got)
	}
	d, err := svc.Dashboard()
	if err != nil {
		t.Fatal(err)
	}
	if !d.Signoff.Required || d.Signoff.Validated != 1 || d.Signoff.Pending != 0 {
		t.Fatalf("dashboard counts: %+v", d.Signoff)
	}
	rows, err := svc.Rows(dossier.Filter{Signoff: dossier.SignoffValidated})
	if err != nil || len(rows) != 1 || rows[0].Req.ID != "RIS.INS.01" {
		t.Fatalf("filter on validated: %d rows, %v", len(rows), err)
	}
}

func TestSelfReviewRefusedUnlessAllowed(t *testing.T) {
	svc := reviewed(t)
	_, err := svc.Review("RIS.INS.01", dossier.Valide, "", "  ANNE ")
	if !isFault(err, dossier.FaultSelfReview) {
		t.Fatalf("anne validating her own proof: %v", err)
	}
	if so := signoffOf(t, svc, "RIS.INS.01"); so.Last != nil {
		t.Fatalf("a refused review was recorded: %+v", so.Last)
	}
	// Sending her own work back is harmless.
	mustReview(t, svc, "RIS.INS.01", dossier.ACorriger, "capture floue", "anne")
	if err := svc.SetSignoffRules(dossier.SignoffSettings{Required: true, AllowSelf: true}); err != nil {
		t.Fatal(err)
	}
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "anne")
	so := signoffOf(t, svc, "RIS.INS.01")
	if so.State != dossier.SignoffValidated || !so.Last.Self || !strings.Contains(so.Line(), "autorisée par le dossier") {
		t.Fatalf("self-validation allowed: %+v %q", so, so.Line())
	}
}

func TestUnknownAuthorNeverBlocks(t *testing.T) {
	svc, _ := newService(t)
	if err := svc.SetSignoffRules(dossier.DefaultSignoff); err != nil {
		t.Fatal(err)
	}
	attachAs(t, svc, "RIS.INS.01", "inconnu", "old-proof")
	attachAs(t, svc, "RIS.INS.01", "", "older-proof")
	setStatus(t, svc, "RIS.INS.01", dossier.Prete)
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "inconnu")
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffValidated || so.Last.Self {
		t.Fatalf("proofs of unknown author: %+v", so)
	}
}

// TestProofChangeRevokesValidation is the check of issue 11: a review
// invalidated by a later proof change (added, removed, moved).
func TestProofChangeRevokesValidation(t *testing.T) {
	svc := reviewed(t)
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	before := signoffOf(t, svc, "RIS.INS.01")
	second := attachAs(t, svc, "RIS.INS.01", "anne", "capture-2")
	after := signoffOf(t, svc, "RIS.INS.01")
	if after.State != dossier.SignoffPending || !after.Outdated || after.Last.By != "bob" {
		t.Fatalf("after a proof added: %+v", after)
	}
	if n := dossier.RevokedNotice("RIS.INS.01", before, after); !strings.Contains(n, "par bob") || !strings.Contains(n, "à valider") {
		t.Fatalf("notice: %q", n)
	}
	rep, err := svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	g := gapsFor(rep.Blocking, "RIS.INS.01")
	if len(g) != 1 || g[0].Kind != dossier.GapToValidate || !strings.Contains(g[0].Reason, "ont changé depuis sa validation par bob") {
		t.Fatalf("gap after a proof added: %+v", g)
	}
	// Turning review off or choosing another status takes a validation
	// away, but is no change of proofs: no notice.
	validated := dossier.SignoffStatus{State: dossier.SignoffValidated, Last: after.Last}
	for _, later := range []dossier.SignoffStatus{{Last: after.Last}, {State: dossier.SignoffPending}} {
		if n := dossier.RevokedNotice("INS.01", validated, later); n != "" {
			t.Errorf("notice without a proof change: %q", n)
		}
	}
	// Validated again on both proofs, then one removed.
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	if err := svc.DeleteEvidence(second.ID); err != nil {
		t.Fatal(err)
	}
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffPending || !so.Outdated {
		t.Fatalf("after a proof removed: %+v", so)
	}
	// Validated again, then a proof moved in from another requirement.
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	other := attachAs(t, svc, "RIS.INS.02", "anne", "autre")
	if _, err := svc.MoveEvidence(other.ID, "RIS.INS.01"); err != nil {
		t.Fatal(err)
	}
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffPending {
		t.Fatalf("after a proof moved in: %+v", so)
	}
	// A caption is not a proof change.
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	if _, err := svc.SetCaption(other.ID, "légende"); err != nil {
		t.Fatal(err)
	}
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffValidated {
		t.Fatalf("after a caption: %+v", so)
	}
}

func TestToCorrectUntilResubmitted(t *testing.T) {
	svc := reviewed(t)
	_, err := svc.Review("RIS.INS.01", dossier.ACorriger, "  ", "bob")
	if !isFault(err, dossier.FaultNoComment) {
		t.Fatalf("à corriger without a comment: %v", err)
	}
	mustReview(t, svc, "RIS.INS.01", dossier.ACorriger, "la capture ne montre pas l'INS", "bob")
	if got := gapKinds(t, svc, "RIS.INS.01"); len(got) != 1 || got[0] != dossier.GapToCorrect {
		t.Fatalf("to correct: gaps %v", got)
	}
	// A note edit is not a resubmission.
	note := "refaite demain"
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: &note}); err != nil {
		t.Fatal(err)
	}
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffToCorrect || !strings.Contains(so.Line(), "ne montre pas") {
		t.Fatalf("after a note: %+v", so)
	}
	// Choosing Prête again sends it back for review.
	setStatus(t, svc, "RIS.INS.01", dossier.Prete)
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffPending {
		t.Fatalf("resubmitted: %+v", so)
	}
}

func TestStatusChangeDropsDecision(t *testing.T) {
	svc := reviewed(t)
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	setStatus(t, svc, "RIS.INS.01", dossier.EnCours)
	setStatus(t, svc, "RIS.INS.01", dossier.Prete)
	if so := signoffOf(t, svc, "RIS.INS.01"); so.State != dossier.SignoffPending || so.Last != nil {
		t.Fatalf("Prête again after En cours: %+v", so)
	}
}

func TestNonApplicableNeedsValidation(t *testing.T) {
	svc, _ := newService(t)
	if err := svc.SetSignoffRules(dossier.DefaultSignoff); err != nil {
		t.Fatal(err)
	}
	na, just := dossier.NonApplicable, "pas de DMP dans ce produit"
	if _, err := svc.UpdateState("RIS.INS.03", dossier.StateChange{Status: &na, Justification: &just}); err != nil {
		t.Fatal(err)
	}
	if got := gapKinds(t, svc, "RIS.INS.03"); len(got) != 1 || got[0] != dossier.GapToValidate {
		t.Fatalf("justified N/A: gaps %v", got)
	}
	mustReview(t, svc, "RIS.INS.03", dossier.Valide, "", "bob")
	if got := gapKinds(t, svc, "RIS.INS.03"); len(got) != 0 {
		t.Fatalf("validated N/A: gaps %v", got)
	}
	other := "autre justification"
	if _, err := svc.UpdateState("RIS.INS.03", dossier.StateChange{Justification: &other}); err != nil {
		t.Fatal(err)
	}
	if so := signoffOf(t, svc, "RIS.INS.03"); so.State != dossier.SignoffPending || !so.Outdated {
		t.Fatalf("justification changed after validation: %+v", so)
	}
}

func TestReviewRefusals(t *testing.T) {
	svc := reviewed(t)
	attachAs(t, svc, "RIS.INS.02", "anne", "en-cours")
	for _, c := range []struct {
		req   string
		fault dossier.Fault
	}{
		{"RIS.INS.02", dossier.FaultNotReviewable}, // En cours
		{"RIS.INS.04", dossier.FaultNotReviewable}, // À faire
		{"NOPE.99", dossier.FaultUnknownRequirement},
		{"RIS.INS.08", dossier.FaultPreconisation},
	} {
		if _, err := svc.Review(c.req, dossier.Valide, "", "bob"); !isFault(err, c.fault) {
			t.Errorf("review of %s: %v, want %s", c.req, err, c.fault)
		}
	}
	if _, err := svc.Review("RIS.INS.01", dossier.Valide, "", " "); !isFault(err, dossier.FaultNoOperator) {
		t.Errorf("review without operator: %v", err)
	}
	if _, err := dossier.ParseSignoffDecision("peut-être"); !isFault(err, dossier.FaultBadValue) {
		t.Errorf("decision peut-être: %v", err)
	}
	for _, s := range []string{"valide", "Validée", "a_corriger", "à corriger"} {
		if _, err := dossier.ParseSignoffDecision(s); err != nil {
			t.Errorf("decision %q: %v", s, err)
		}
	}
	if err := svc.SetSignoffRules(dossier.SignoffSettings{}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Review("RIS.INS.01", dossier.Valide, "", "bob"); !isFault(err, dossier.FaultSignoffOff) {
		t.Errorf("review with review off: %v", err)
	}
	if got := gapKinds(t, svc, "RIS.INS.01"); len(got) != 0 {
		t.Errorf("review off: gaps %v", got)
	}
}

// TestFinalNeedsEveryExigenceValidated checks the rule on the embedded
// catalogue: every applicable exigence Prête with proof is not complete
// while review is on, until each is validated on its proofs; a dossier
// from before review (no settings) is complete as it was.
func TestFinalNeedsEveryExigenceValidated(t *testing.T) {
	snap := freshSnapshot(t)
	app := snap.Catalogue.Applicable(snap.Info.Profiles)
	for i, r := range app {
		snap.Evidence = append(snap.Evidence, dossier.Evidence{ID: uint64(i + 1), ReqID: r.ID, Name: "f.png", Size: 10,
			Kind: dossier.KindImage, SHA256: strings.Repeat("ab", 32), AddedBy: "anne"})
		snap.States[r.ID] = dossier.ReqState{ReqID: r.ID, Status: dossier.Prete}
	}
	if rep := dossier.Check(snap); !rep.Complete {
		t.Fatalf("no review settings (older dossier): %+v", rep.Blocking[0])
	}
	snap.Info.Signoff = &dossier.SignoffSettings{Required: true}
	rep := dossier.Check(snap)
	exig := 0
	for _, r := range app {
		if r.Nature == dossier.Exigence {
			exig++
		}
	}
	if rep.Complete || len(rep.Blocking) != exig || len(rep.BlockedBy(dossier.GapToValidate)) != exig {
		t.Fatalf("review on, nothing validated: %d blocking, want %d to validate", len(rep.Blocking), exig)
	}
	for _, r := range app {
		st := snap.States[r.ID]
		st.Signoff = &dossier.Signoff{Decision: dossier.Valide, By: "bob", Status: dossier.Prete, Proofs: []string{strings.Repeat("ab", 32)}}
		snap.States[r.ID] = st
	}
	if rep := dossier.Check(snap); !rep.Complete {
		t.Fatalf("all validated: %+v", rep.Blocking[0])
	}
	// One validation made on other proofs does not count.
	st := snap.States[app[0].ID]
	st.Signoff.Proofs = []string{strings.Repeat("cd", 32)}
	snap.States[app[0].ID] = st
	if rep := dossier.Check(snap); rep.Complete || len(rep.BlockedBy(dossier.GapToValidate)) != 1 {
		t.Fatalf("one validation on other proofs: %+v", rep.Blocking)
	}
}

// TestReviewJournal: a decision, the rules and a status change that drops
// a decision each append their event, by whom, with the proofs reviewed;
// a refused review appends none.
func TestReviewJournal(t *testing.T) {
	svc := reviewed(t)
	count := func() (n int, last dossier.Event) {
		if err := svc.Journal(1, func(ev dossier.Event) error { n++; last = ev; return nil }); err != nil {
			t.Fatal(err)
		}
		return n, last
	}
	n0, _ := count()
	if _, err := svc.Review("RIS.INS.01", dossier.Valide, "", "anne"); err == nil {
		t.Fatal("self-review accepted")
	}
	if n, _ := count(); n != n0 {
		t.Fatalf("a refused review recorded %d events", n-n0)
	}
	mustReview(t, svc, "RIS.INS.01", dossier.Valide, "", "bob")
	n, ev := count()
	so := signoffOf(t, svc, "RIS.INS.01").Last
	proofs, _ := ev.Field(dossier.FieldReviewProofs)
	decision, _ := ev.Field(dossier.FieldReview)
	if n != n0+1 || ev.Kind != dossier.EventReview || ev.Operator != "bob" || ev.Subject != "RIS.INS.01" ||
		decision.New != "valide" || proofs.New != strings.Join(so.Proofs, ",") || ev.SHA256 != dossier.ProofSetDigest(so.Proofs) {
		t.Fatalf("review event: %+v", ev)
	}
	if err := svc.SetSignoffRules(dossier.SignoffSettings{Required: true, AllowSelf: true}); err != nil {
		t.Fatal(err)
	}
	if _, ev := count(); ev.Kind != dossier.EventSettingsChanged || len(ev.Fields) != 1 || ev.Fields[0].Field != dossier.FieldReviewAllowSelf {
		t.Fatalf("rules event: %+v", ev)
	}
	setStatus(t, svc, "RIS.INS.01", dossier.EnCours)
	if _, ev := count(); ev.Kind != dossier.EventState {
		t.Fatalf("state event: %+v", ev)
	} else if f, ok := ev.Field(dossier.FieldReview); !ok || f.Old != "valide" || f.New != "" {
		t.Fatalf("state event does not say the decision was dropped: %+v", ev.Fields)
	}
	if _, _, err := svc.VerifyJournal(); err != nil {
		t.Fatalf("journal: %v", err)
	}
}

// TestSelfReviewOfTextProofs: who wrote a Non applicable justification (or
// the note of a proof filed outside the application) is its author; an
// e-mail on the operator does not make another person.
func TestSelfReviewOfTextProofs(t *testing.T) {
	svc, _ := newService(t)
	if err := svc.SetSignoffRules(dossier.DefaultSignoff); err != nil {
		t.Fatal(err)
	}
	svc.SetOperator("Anne Martin <anne@editeur.fr>")
	na, just := dossier.NonApplicable, "pas de DMP"
	if _, err := svc.UpdateState("RIS.INS.03", dossier.StateChange{Status: &na, Justification: &just}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Review("RIS.INS.03", dossier.Valide, "", "anne martin"); !isFault(err, dossier.FaultSelfReview) {
		t.Fatalf("author of the justification validating it: %v", err)
	}
	attachAs(t, svc, "RIS.INS.01", "Anne Martin <anne@editeur.fr>", "capture")
	setStatus(t, svc, "RIS.INS.01", dossier.Prete)
	if _, err := svc.Review("RIS.INS.01", dossier.Valide, "", "Anne Martin"); !isFault(err, dossier.FaultSelfReview) {
		t.Fatalf("author (with e-mail) validating her proofs: %v", err)
	}
	mustReview(t, svc, "RIS.INS.03", dossier.Valide, "", "Bruno")
}
