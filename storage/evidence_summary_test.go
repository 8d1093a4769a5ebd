package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// checkSummaries fails unless every summary s keeps equals the one made
// from the evidence facts, with no mark left.
func checkSummaries(t testing.TB, s *Store) {
	t.Helper()
	facts, err := s.EvidenceFacts()
	if err != nil {
		t.Fatal(err)
	}
	want := dossier.SummarizeProofs(facts)
	stored := map[string]dossier.ProofSummary{}
	marks := 0
	err = s.view(func(tx *bbolt.Tx) error {
		tx.Bucket(bucketSummaryDirty).ForEach(func(_, _ []byte) error { marks++; return nil })
		return tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			var sum dossier.ProofSummary
			err := decode(v, &sum)
			stored[string(k)] = sum
			return err
		})
	})
	if err != nil || marks != 0 {
		t.Fatalf("summaries: %v, %d marks left", err, marks)
	}
	if !reflect.DeepEqual(stored, want) {
		t.Fatalf("stored summaries differ from the facts':\nstored %+v\nfacts  %+v", stored, want)
	}
	read, _, err := s.ProofSummaries(nil)
	if err != nil || !reflect.DeepEqual(read, want) {
		t.Fatalf("ProofSummaries %+v, %v", read, err)
	}
}

// capture is an Opener that keeps the last store it opened.
type capture struct {
	Opener
	st *Store
}

func (c *capture) Create(path string, in dossier.Info, cat *dossier.Catalogue, first dossier.Event) (dossier.Store, error) {
	st, err := c.Opener.Create(path, in, cat, first)
	if err == nil {
		c.st = st.(*Store)
	}
	return st, err
}

func (c *capture) Open(path string) (dossier.Store, error) {
	st, err := c.Opener.Open(path)
	if err == nil {
		c.st = st.(*Store)
	}
	return st, err
}

// sameAnswers fails unless the completeness check and the overview read
// from the summaries (svc.Check, svc.Dashboard) equal those made from
// every evidence record (a full snapshot).
func sameAnswers(t *testing.T, svc *dossier.Service) {
	t.Helper()
	snap, err := svc.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	if want := dossier.Check(snap); !reflect.DeepEqual(rep, want) {
		t.Fatalf("check from the summaries:\n%+v\nfrom the records:\n%+v", rep, want)
	}
	d, err := svc.Dashboard()
	if err != nil {
		t.Fatal(err)
	}
	want := dossier.BuildDashboard(snap.Catalogue, dossier.OverviewOf(snap), dossier.Check(snap))
	if !reflect.DeepEqual(d.Overview, want.Overview) || !reflect.DeepEqual(d.Groups, want.Groups) {
		t.Fatalf("dashboard from the summaries:\n%+v\nfrom the records:\n%+v", d, want)
	}
}

// TestSummariesFollowEveryChange runs random sequences of every change
// that touches evidence (attach, delete, move, proof number, caption,
// file policy, review, requirement renamed by a catalogue switch, merge,
// compaction, working copy) on a dossier with the real catalogue; after
// each, the stored summaries must equal those made from the facts, and
// `check` and the dashboard must give what they give from the records.
func TestSummariesFollowEveryChange(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 8))
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	op := &capture{}
	in := newInfo()
	in.Signoff = &dossier.SignoffSettings{Required: true, AllowSelf: true}
	svc, err := dossier.Create(op, filepath.Join(dir, "d.segur"), in, cat)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { svc.Close() }()
	reqs := []string{cat.Requirements[0].ID, cat.Requirements[1].ID, cat.Requirements[2].ID, cat.Requirements[5].ID, dossier.MandateReqID}
	names := []string{"journal.txt", "capture.PNG", "outil.exe", "sans-extension", "rapport.pdf"}
	bodies := []string{"a", "bb", "ccc", strings.Repeat("d", 5000)}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	ctx := context.Background()
	some := func() (dossier.Evidence, bool) {
		all, err := svc.AllEvidence()
		if err != nil {
			t.Fatal(err)
		}
		if len(all) == 0 {
			return dossier.Evidence{}, false
		}
		return all[rng.IntN(len(all))], true
	}
	ops := []struct {
		name string
		run  func() error
	}{
		{"attach", func() error {
			req, name, body := pick(reqs), pick(names), strings.NewReader(pick(bodies))
			if req == dossier.MandateReqID { // not a requirement of the catalogue
				_, err := op.st.AddEvidence(ctx, body, dossier.Evidence{ReqID: req, Name: name, Kind: dossier.KindPDF}, nil, nil)
				return err
			}
			_, err := svc.AttachReader(ctx, req, name, body, nil, dossier.AttachOptions{}, nil)
			if errors.Is(err, &dossier.Error{Fault: dossier.FaultPolicy}) {
				return nil // refused: nothing changed
			}
			return err
		}},
		{"delete", func() error {
			if ev, ok := some(); ok {
				return svc.DeleteEvidence(ev.ID)
			}
			return nil
		}},
		{"move", func() error {
			if ev, ok := some(); ok {
				_, err := svc.MoveEvidence(ev.ID, pick(reqs[:4]))
				return err
			}
			return nil
		}},
		{"proof number", func() error {
			ev, ok := some()
			if !ok {
				return nil
			}
			return op.st.Update(func(tx dossier.Tx) error {
				ev.ProofID = pick([]string{"", "1", "2", "99"})
				return tx.UpdateEvidence(ev)
			})
		}},
		{"caption", func() error {
			if ev, ok := some(); ok {
				_, err := svc.SetCaption(ev.ID, pick([]string{"", "vue", "autre"}))
				return err
			}
			return nil
		}},
		{"policy", func() error {
			p := []*dossier.FilePolicy{nil, {AllowedKinds: []dossier.Kind{dossier.KindText, dossier.KindPDF}},
				{AllowedExtensions: []string{".txt", ".pdf"}}, {MaxFileSize: 100}}[rng.IntN(4)]
			return svc.SetFilePolicy(p)
		}},
		{"ready and review", func() error {
			id := pick(reqs[:4])
			prete := dossier.Prete
			if _, err := svc.UpdateState(id, dossier.StateChange{Status: &prete}); err != nil {
				return nil // refused (no proof): nothing changed
			}
			_, err := svc.Review(id, dossier.Valide, "", "Anne")
			if err != nil && dossier.AsError(err) != nil {
				return nil // refused by a rule: nothing changed
			}
			return err
		}},
		{"rename", func() error {
			from, to := pick(reqs), pick([]string{"RIS.OLD.01", cat.Requirements[3].ID})
			return op.st.update(func(tx *bbolt.Tx) error { return renameRequirement(tx, from, to) })
		}},
		{"working copy and merge", func() error {
			path := filepath.Join(dir, fmt.Sprintf("copie-%d.segur", rng.Int()))
			if _, err := svc.WorkingCopy(ctx, path, nil, nil); err != nil {
				return err
			}
			cop := &capture{}
			other, err := dossier.Open(cop, path)
			if err != nil {
				return err
			}
			checkSummaries(t, cop.st)
			if _, err := other.AttachReader(ctx, pick(reqs[:4]), "copie.txt", strings.NewReader(fmt.Sprint("copie ", rng.Int())), nil, dossier.AttachOptions{}, nil); err != nil {
				return err
			}
			if all, _ := other.AllEvidence(); len(all) > 1 {
				if err := other.DeleteEvidence(all[0].ID); err != nil {
					return err
				}
			}
			checkSummaries(t, cop.st)
			other.Close()
			if other, err = dossier.OpenCopy(Opener{}, path); err != nil {
				return err
			}
			defer other.Close()
			_, err = svc.Merge(ctx, other, dossier.MergeOptions{Apply: true, Prefer: dossier.Theirs}, nil)
			return err
		}},
		{"compact", func() error { return svc.Compact(ctx, nil) }},
	}
	for step := range 60 {
		o := ops[rng.IntN(len(ops))]
		if err := o.run(); err != nil {
			t.Fatalf("step %d, %s: %v", step, o.name, err)
		}
		checkSummaries(t, op.st)
		sameAnswers(t, svc)
	}
}
