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

// allProfiles names every profile of the embedded catalogue.
func allProfiles(t *testing.T) []string {
	var out []string
	for _, p := range catalogue(t).Profiles {
		out = append(out, p.Name)
	}
	return out
}

func TestPreteNeedsProof(t *testing.T) {
	svc, _ := newService(t)
	prete, note, empty, yes := dossier.Prete, "déposée sur Convergence le 3 mars", "", true
	_, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &prete})
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoProof}) {
		t.Fatalf("Prête without proof: %v", err)
	}
	_, err = svc.UpdateState("INS.01", dossier.StateChange{Status: &prete, Offline: &yes, Note: &empty})
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultOfflineNote}) {
		t.Fatalf("proof outside the application without a note: %v", err)
	}
	st, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &prete, Offline: &yes, Note: &note})
	if err != nil || st.Status != dossier.Prete || !st.Offline {
		t.Fatalf("Prête with a proof outside the application: %+v %v", st, err)
	}
	p := filepath.Join(t.TempDir(), "capture.log")
	if err := os.WriteFile(p, []byte("ok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AttachFile(context.Background(), "INS.02", p, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if st, err := svc.UpdateState("INS.02", dossier.StateChange{Status: &prete}); err != nil || st.Status != dossier.Prete {
		t.Fatalf("Prête with a file: %+v %v", st, err)
	}
}

// TestCompletenessMeansReady checks the rule on the embedded catalogue's
// real counts: a file on every requirement is not enough while they are
// En cours; only Prête (or justified Non applicable) makes it complete.
func TestCompletenessMeansReady(t *testing.T) {
	snap := freshSnapshot(t, allProfiles(t)...)
	app := snap.Catalogue.Applicable(snap.Info.Profiles)
	gen := freshSnapshot(t)
	exig, prec := 0, 0
	for _, r := range app {
		if r.Nature == dossier.Exigence {
			exig++
		} else {
			prec++
		}
	}
	if len(app) != 117 || len(gen.Catalogue.Applicable(gen.Info.Profiles)) != 109 || exig != 114 || prec != 3 {
		t.Fatalf("catalogue counts: %d applicable (Général %d), %d exigences, %d préconisations",
			len(app), len(gen.Catalogue.Applicable(gen.Info.Profiles)), exig, prec)
	}
	for i, r := range app {
		snap.Evidence = append(snap.Evidence, dossier.Evidence{ID: uint64(i + 1), ReqID: r.ID, Name: "f.png", Size: 10, Kind: dossier.KindImage})
		snap.States[r.ID] = dossier.ReqState{ReqID: r.ID, Status: dossier.EnCours}
	}
	rep := dossier.Check(snap)
	if rep.Complete {
		t.Fatal("every requirement En cours with a file, said complete")
	}
	notReady := rep.BlockedBy(dossier.GapNotReady)
	if len(notReady) != 114 {
		t.Fatalf("not ready: %d, want the 114 exigences", len(notReady))
	}
	for _, r := range app {
		snap.States[r.ID] = dossier.ReqState{ReqID: r.ID, Status: dossier.Prete}
	}
	// The last exigence: Non applicable with a justification.
	last := app[len(app)-1].ID
	snap.States[last] = dossier.ReqState{ReqID: last, Status: dossier.NonApplicable, Justification: "hors produit"}
	rep = dossier.Check(snap)
	if !rep.Complete {
		t.Fatalf("all Prête with proof: %+v", rep.Blocking)
	}
	// À faire is blocking as well.
	snap.States[app[0].ID] = dossier.ReqState{ReqID: app[0].ID, Status: dossier.AFaire}
	if rep := dossier.Check(snap); rep.Complete || len(rep.BlockedBy(dossier.GapNotReady)) != 1 {
		t.Fatalf("one À faire with a file: %+v", rep.Blocking)
	}
}

func TestDashboardGroupsAndSections(t *testing.T) {
	svc, _ := newService(t)
	p := filepath.Join(t.TempDir(), "journal.log")
	if err := os.WriteFile(p, []byte("ok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AttachFile(context.Background(), "INS.01", p, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	na, just := dossier.NonApplicable, "pas de DMP"
	if _, err := svc.UpdateState("INS.03", dossier.StateChange{Status: &na, Justification: &just}); err != nil {
		t.Fatal(err)
	}
	d, err := svc.Dashboard()
	if err != nil {
		t.Fatal(err)
	}
	if d.Final() {
		t.Fatal("fresh dossier final")
	}
	kinds := map[dossier.GapKind]dossier.GapGroup{}
	for _, g := range d.Groups {
		kinds[g.Kind] = g
	}
	if g := kinds[dossier.GapNotReady]; g.Gaps != 1 || len(g.Reqs) != 1 || g.Reqs[0] != "RIS.INS.01" || g.Label != "Pas prêtes" {
		t.Fatalf("not ready group: %+v", g)
	}
	// 109 applicable, of which 106 exigences: one N/A, one not ready.
	if g := kinds[dossier.GapNoProof]; g.Gaps != 104 {
		t.Fatalf("no proof group: %+v", g.Gaps)
	}
	total := 0
	for _, s := range d.Sections {
		total += s.Blocking
		n := 0
		for _, c := range s.ByStatus {
			n += c
		}
		if n != s.Applicable {
			t.Errorf("section %s: statuses sum to %d, applicable %d", s.Code, n, s.Applicable)
		}
		if s.Code == "INS" && (s.ByStatus[dossier.EnCours] != 1 || s.ByStatus[dossier.NonApplicable] != 1 || s.Done != 1) {
			t.Errorf("INS: %+v", s)
		}
	}
	if total != len(d.Report.Blocking) {
		t.Fatalf("section blocking counts sum to %d, report has %d", total, len(d.Report.Blocking))
	}
	rows, err := svc.Rows(dossier.Filter{Gap: dossier.GapNotReady})
	if err != nil || len(rows) != 1 || rows[0].Req.ID != "RIS.INS.01" {
		t.Fatalf("rows filtered on not ready: %d %v", len(rows), err)
	}
}

func TestAttachRefusedByPolicy(t *testing.T) {
	svc, m := newService(t)
	if err := svc.SetFilePolicy(&dossier.FilePolicy{AllowedKinds: []dossier.Kind{dossier.KindImage}, MaxFileSize: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	video := filepath.Join(dir, "demo.mp4")
	if err := os.WriteFile(video, []byte("\x00\x01\x02 not a recognised video \xff\xfe"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := svc.AttachFile(context.Background(), "INS.01", video, dossier.AttachOptions{}, nil)
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultPolicy}) {
		t.Fatalf("refused kind: %v", err)
	}
	var v *dossier.Violation
	if !errors.As(err, &v) || v.Rule != dossier.RuleKind || v.Kind != dossier.KindOther || !strings.Contains(v.Text(), "«\u00a0autre") {
		t.Fatalf("violation: %+v", v)
	}
	if evidenceCount(m) != 0 || statesOf(m)["RIS.INS.01"].Status != "" {
		t.Fatalf("refused file stored: %d evidence, state %+v", evidenceCount(m), statesOf(m)["RIS.INS.01"])
	}
	big := filepath.Join(dir, "big.png")
	if err := os.WriteFile(big, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 2<<20)...), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = svc.AttachFile(context.Background(), "INS.01", big, dossier.AttachOptions{}, nil)
	if !errors.As(err, &v) || v.Rule != dossier.RuleSize {
		t.Fatalf("refused size: %v", err)
	}
}
