package dossier_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// randomItems makes n evidence items of req with names, kinds, sizes,
// proof numbers and digests drawn from small pools, so that equal sets
// and every policy breach come up.
func randomItems(rng *rand.Rand, req *dossier.Requirement, n int) []dossier.Evidence {
	names := []string{"a.txt", "b.PNG", "c.exe", "d", "e.pdf", "f.tar.gz"}
	proofs := []string{"", "1", "2", "99"}
	for _, sl := range req.ProofSlots() {
		proofs = append(proofs, sl.ID)
	}
	var out []dossier.Evidence
	for i := range n {
		sum := sha256.Sum256([]byte{byte(rng.IntN(4))})
		out = append(out, dossier.Evidence{ID: uint64(i + 1), ReqID: req.ID, Name: names[rng.IntN(len(names))],
			Kind: dossier.Kinds()[rng.IntN(len(dossier.Kinds()))], Size: int64(rng.IntN(300)),
			ProofID: proofs[rng.IntN(len(proofs))], SHA256: hex.EncodeToString(sum[:])})
	}
	return out
}

// withSlots is the real catalogue with proof numbers "1" and "2" expected
// by every third requirement (the embedded catalogue has none).
func withSlots(t *testing.T) *dossier.Catalogue {
	cat := catalogue(t)
	for i := 0; i < len(cat.Requirements); i += 3 {
		cat.Requirements[i].Scenarios = []dossier.Scenario{{ID: "S1", Proofs: []dossier.ProofSlot{{ID: "1"}, {ID: "2"}}}}
	}
	return cat
}

func sortedDigests(evs []dossier.Evidence) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.SHA256)
	}
	slices.Sort(out)
	return out
}

// TestSummaryAnswersAsItems checks each rule read from a summary against
// the same rule applied item by item (as `check` did before summaries),
// on the real catalogue's requirements: a file the policy refuses, a
// proof number the requirement does not define, a kind or a proof
// number present, the same set of proof digests.
func TestSummaryAnswersAsItems(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 8))
	cat := withSlots(t)
	policies := []dossier.FilePolicy{dossier.DefaultFilePolicy(), {}, {AllowedKinds: []dossier.Kind{dossier.KindText}},
		{AllowedExtensions: []string{".txt", ".pdf"}}, {MaxFileSize: 150}}
	for range 2000 {
		req := &cat.Requirements[rng.IntN(len(cat.Requirements))]
		evs := randomItems(rng, req, rng.IntN(5))
		sum := dossier.SummaryOf(evs)
		p := policies[rng.IntN(len(policies))]
		if got, want := p.Breaks(sum), slices.ContainsFunc(evs, func(ev dossier.Evidence) bool { return len(p.Check(ev)) > 0 }); got != want {
			t.Fatalf("%s %+v under %+v: breaks %v, item by item %v", req.ID, evs, p, got, want)
		}
		slots := req.ProofSlots()
		unknown := len(slots) > 0 && slices.ContainsFunc(evs, func(ev dossier.Evidence) bool {
			return ev.ProofID != "" && !slices.ContainsFunc(slots, func(sl dossier.ProofSlot) bool { return sl.ID == ev.ProofID })
		})
		if got := dossier.UnknownProofs(req, sum); got != unknown {
			t.Fatalf("%s %+v: unknown proof number %v, item by item %v", req.ID, evs, got, unknown)
		}
		for _, k := range dossier.Kinds() {
			if got, want := sum.Kinds[k] > 0, slices.ContainsFunc(evs, func(ev dossier.Evidence) bool { return ev.Kind == k }); got != want {
				t.Fatalf("kind %s present: %v, item by item %v", k, got, want)
			}
		}
		for _, sl := range slots {
			if got, want := sum.ProofIDs[sl.ID] > 0, slices.ContainsFunc(evs, func(ev dossier.Evidence) bool { return ev.ProofID == sl.ID }); got != want {
				t.Fatalf("proof %s answered: %v, item by item %v", sl.ID, got, want)
			}
		}
		other := sortedDigests(randomItems(rng, req, rng.IntN(4)))
		if got, want := dossier.ProofSetOf(other) == sum.Set(), slices.Equal(other, sortedDigests(evs)); got != want {
			t.Fatalf("%v and %v: same set %v, item by item %v", other, sortedDigests(evs), got, want)
		}
	}
}

// TestCheckFromSummaries: the completeness check of a snapshot holding
// the summaries and the items of the requirements Detailed names only
// equals the check of the snapshot holding every item, on random
// dossiers over the real catalogue (states, reviews, policies).
func TestCheckFromSummaries(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 9))
	cat := withSlots(t)
	statuses := []dossier.Status{dossier.AFaire, dossier.EnCours, dossier.Prete, dossier.NonApplicable}
	for run := range 30 {
		snap := freshSnapshot(t)
		snap.Catalogue = cat
		snap.Info.Signoff = &dossier.SignoffSettings{Required: rng.IntN(2) == 0}
		p := []dossier.FilePolicy{{}, {AllowedKinds: []dossier.Kind{dossier.KindText}}, {MaxFileSize: 150}}[rng.IntN(3)]
		snap.Info.FilePolicy = &p
		var all []dossier.Evidence
		for i := range cat.Requirements {
			req := &cat.Requirements[i]
			evs := randomItems(rng, req, rng.IntN(4))
			for j := range evs {
				evs[j].ID = uint64(len(all) + 1)
				all = append(all, evs[j])
			}
			st := dossier.ReqState{ReqID: req.ID, Status: statuses[rng.IntN(len(statuses))], Justification: []string{"", "hors champ"}[rng.IntN(2)]}
			if rng.IntN(2) == 0 { // reviewed on these proofs, or on others
				proofs := sortedDigests(evs)
				if rng.IntN(3) == 0 {
					proofs = sortedDigests(randomItems(rng, req, 2))
				}
				st.Signoff = &dossier.Signoff{Decision: dossier.Valide, By: "Anne", Status: st.Status, Proofs: proofs}
			}
			snap.States[req.ID] = st
		}
		snap.Evidence = all
		want := dossier.Check(snap)
		sums := dossier.SummarizeProofs(all)
		detail := dossier.Detailed(cat, p, sums)
		part := snap
		part.Proofs, part.Evidence = sums, nil
		for _, ev := range all {
			if slices.Contains(detail, ev.ReqID) {
				part.Evidence = append(part.Evidence, ev)
			}
		}
		if got := dossier.Check(part); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: from the summaries %s\nfrom every item %s", run, fmt.Sprint(got), fmt.Sprint(want))
		}
	}
}
