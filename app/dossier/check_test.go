package dossier_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func freshSnapshot(t *testing.T, profiles ...string) dossier.Snapshot {
	t.Helper()
	c := catalogue(t)
	p, err := c.NormalizeProfiles(profiles)
	if err != nil {
		t.Fatal(err)
	}
	return dossier.Snapshot{Info: dossier.Info{Profiles: p}, Catalogue: c, States: map[string]dossier.ReqState{}}
}

func gapsFor(gaps []dossier.Gap, id string) []dossier.Gap {
	var out []dossier.Gap
	for _, g := range gaps {
		if g.Req == id {
			out = append(out, g)
		}
	}
	return out
}

func TestCheckFreshDossierCounts(t *testing.T) {
	for _, profiles := range [][]string{nil, {"Opérateur Mailiz"}} {
		snap := freshSnapshot(t, profiles...)
		exig, prec := 0, 0
		for _, r := range snap.Catalogue.Applicable(snap.Info.Profiles) {
			if r.Nature == dossier.Exigence {
				exig++
			} else {
				prec++
			}
		}
		rep := dossier.Check(snap)
		if rep.Complete || len(rep.Blocking) != exig || len(rep.Warnings) != prec {
			t.Errorf("%v: complete=%v blocking=%d (want %d) warnings=%d (want %d)", profiles, rep.Complete, len(rep.Blocking), exig, len(rep.Warnings), prec)
		}
		if exig < 100 {
			t.Errorf("suspiciously few exigences: %d", exig)
		}
	}
}

// completeSnapshot gives every applicable requirement one evidence item of
// each expected kind, so that the dossier has neither gap nor warning.
func completeSnapshot(t *testing.T) dossier.Snapshot {
	t.Helper()
	snap := freshSnapshot(t)
	id := uint64(0)
	for _, r := range snap.Catalogue.Applicable(snap.Info.Profiles) {
		kinds := map[dossier.Kind]bool{dossier.KindImage: true, dossier.KindVideo: true, dossier.KindText: true, dossier.KindEmail: true, dossier.KindPDF: true}
		for k := range kinds {
			id++
			snap.Evidence = append(snap.Evidence, dossier.Evidence{ID: id, ReqID: r.ID, Name: "f" + string(k), Size: 10, Kind: k})
		}
		snap.States[r.ID] = dossier.ReqState{ReqID: r.ID, Status: dossier.Prete}
	}
	return snap
}

func TestCheckCompleteDossier(t *testing.T) {
	rep := dossier.Check(completeSnapshot(t))
	if !rep.Complete || len(rep.Blocking) != 0 || len(rep.Warnings) != 0 {
		t.Fatalf("complete dossier: %+v", rep)
	}
}

func TestCheckRules(t *testing.T) {
	snap := completeSnapshot(t)
	c := snap.Catalogue
	var exigs []string
	var prec string
	for _, r := range c.Applicable(snap.Info.Profiles) {
		if r.Nature == dossier.Exigence {
			exigs = append(exigs, r.ID)
		} else if prec == "" {
			prec = r.ID
		}
	}
	drop := func(id string) {
		var keep []dossier.Evidence
		for _, ev := range snap.Evidence {
			if ev.ReqID != id {
				keep = append(keep, ev)
			}
		}
		snap.Evidence = keep
	}
	// exigs[0]: no evidence → blocking. exigs[1]: N/A without justification
	// → blocking. exigs[2]: N/A justified and no evidence → fine.
	// exigs[3]: en cours with proof → blocking (not ready). exigs[4]: an
	// "other" file → blocking. exigs[5]: a huge file → blocking. exigs[6]:
	// Prête without proof → blocking. exigs[7]: Prête with a proof filed
	// outside the application → fine. prec: no evidence → warning.
	drop(exigs[0])
	drop(exigs[1])
	snap.States[exigs[1]] = dossier.ReqState{ReqID: exigs[1], Status: dossier.NonApplicable}
	drop(exigs[2])
	snap.States[exigs[2]] = dossier.ReqState{ReqID: exigs[2], Status: dossier.NonApplicable, Justification: "hors produit"}
	snap.States[exigs[3]] = dossier.ReqState{ReqID: exigs[3], Status: dossier.EnCours}
	snap.Evidence = append(snap.Evidence,
		dossier.Evidence{ID: 9001, ReqID: exigs[4], Name: "x.bin", Size: 1, Kind: dossier.KindOther},
		dossier.Evidence{ID: 9002, ReqID: exigs[5], Name: "big.mp4", Size: dossier.DefaultMaxFileSize + 1, Kind: dossier.KindVideo})
	drop(exigs[6])
	drop(exigs[7])
	snap.States[exigs[7]] = dossier.ReqState{ReqID: exigs[7], Status: dossier.Prete, Offline: true, Note: "déposée sur Convergence"}
	drop(prec)
	rep := dossier.Check(snap)
	if rep.Complete {
		t.Fatal("incomplete dossier said complete")
	}
	wantBlocking := map[string]string{exigs[0]: "aucune preuve", exigs[1]: "sans justification", exigs[3]: "En cours",
		exigs[4]: "«\u00a0autre", exigs[5]: "dépasse le maximum", exigs[6]: "«\u00a0Prête\u00a0» sans aucune preuve"}
	wantKind := map[string]dossier.GapKind{exigs[0]: dossier.GapNoProof, exigs[1]: dossier.GapJustification, exigs[3]: dossier.GapNotReady,
		exigs[4]: dossier.GapPolicy, exigs[5]: dossier.GapPolicy, exigs[6]: dossier.GapNoProof}
	if len(rep.Blocking) != len(wantBlocking) {
		t.Errorf("blocking: %+v", rep.Blocking)
	}
	for id, frag := range wantBlocking {
		g := gapsFor(rep.Blocking, id)
		if len(g) != 1 || !strings.Contains(g[0].Reason, frag) || g[0].Kind != wantKind[id] {
			t.Errorf("%s: blocking %+v, want %q of kind %s", id, g, frag, wantKind[id])
		}
	}
	if g := gapsFor(rep.Blocking, exigs[4]); len(g) == 1 && strings.Contains(g[0].Reason, `"other"`) {
		t.Errorf("internal kind code shown to people: %s", g[0].Reason)
	}
	if len(gapsFor(rep.Blocking, exigs[7])) != 0 {
		t.Error("Prête with a proof filed outside the application reported")
	}
	if g := gapsFor(rep.Warnings, prec); len(g) != 1 || !strings.Contains(g[0].Reason, "préconisation") {
		t.Errorf("préconisation warning: %+v", g)
	}
	if len(gapsFor(rep.Blocking, exigs[2])) != 0 {
		t.Error("justified N/A reported")
	}
}

func TestCheckExpectedProofType(t *testing.T) {
	snap := freshSnapshot(t)
	var req *dossier.Requirement
	for _, r := range snap.Catalogue.Applicable(snap.Info.Profiles) {
		if r.Nature == dossier.Exigence && contains(r.ProofTypes, "video") && contains(r.ProofTypes, "screenshot") {
			req = r
			break
		}
	}
	if req == nil {
		t.Fatal("no requirement expects both video and screenshot")
	}
	snap.Evidence = []dossier.Evidence{{ID: 1, ReqID: req.ID, Name: "a.png", Kind: dossier.KindImage, Size: 1}}
	rep := dossier.Check(snap)
	w := gapsFor(rep.Warnings, req.ID)
	if len(w) != 1 || !strings.Contains(w[0].Reason, snap.Catalogue.ProofTypeLabel("video")) {
		t.Fatalf("only screenshots for a video requirement: %+v", w)
	}
	if b := gapsFor(rep.Blocking, req.ID); len(b) != 1 || b[0].Kind != dossier.GapNotReady {
		t.Fatalf("requirement with evidence, still À faire: %+v", b)
	}
	snap.Evidence = append(snap.Evidence, dossier.Evidence{ID: 2, ReqID: req.ID, Name: "a.mp4", Kind: dossier.KindVideo, Size: 1})
	if w := gapsFor(dossier.Check(snap).Warnings, req.ID); len(w) != 0 {
		t.Fatalf("video given, still warned: %+v", w)
	}
}

func TestCheckProofSlots(t *testing.T) {
	c := &dossier.Catalogue{
		Title:    "t",
		Profiles: []dossier.Profile{{Name: "Général", Mandatory: true}},
		Sections: []dossier.Section{{Code: "DMP"}},
		Requirements: []dossier.Requirement{{ID: "DMP/va1.13", Section: "DMP", Profiles: []string{"Général"}, Nature: dossier.Exigence,
			Scenarios: []dossier.Scenario{{ID: "DMP/va1.13.01", Proofs: []dossier.ProofSlot{{ID: "DMP/va1.13.01.01"}, {ID: "DMP/va1.13.01.02"}}}}}},
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	snap := dossier.Snapshot{Catalogue: c, Info: dossier.Info{Profiles: []string{"Général"}},
		States:   map[string]dossier.ReqState{"DMP/va1.13": {ReqID: "DMP/va1.13", Status: dossier.Prete}},
		Evidence: []dossier.Evidence{{ID: 1, ReqID: "DMP/va1.13", ProofID: "DMP/va1.13.01.01", Name: "a.png", Kind: dossier.KindImage, Size: 1}}}
	rep := dossier.Check(snap)
	if len(rep.Blocking) != 1 || !strings.Contains(rep.Blocking[0].Reason, "DMP/va1.13.01.02") {
		t.Fatalf("missing slot: %+v", rep.Blocking)
	}
	snap.Evidence = append(snap.Evidence, dossier.Evidence{ID: 2, ReqID: "DMP/va1.13", ProofID: "DMP/va1.13.01.02", Name: "b.png", Kind: dossier.KindImage, Size: 1})
	if rep := dossier.Check(snap); !rep.Complete {
		t.Fatalf("all slots answered: %+v", rep)
	}
}

func TestReportJSONShape(t *testing.T) {
	b, err := json.Marshal(dossier.Check(completeSnapshot(t)))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["complete"] != true {
		t.Errorf("complete: %v", m["complete"])
	}
	for _, k := range []string{"blocking", "warnings"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s is not an array: %s", k, b)
		}
	}
	b, _ = json.Marshal(dossier.Gap{Req: "R", Kind: dossier.GapNoProof, Reason: "x"})
	if string(b) != `{"req":"R","kind":"no_proof","reason":"x"}` {
		t.Errorf("gap JSON: %s", b)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
