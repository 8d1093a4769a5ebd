package storage

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	// The French summaries, as the program records them.
	_ "github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// BenchmarkSetStatusJournal is the journal's overhead on set-status: the
// real transaction (Service.UpdateState, committed with its fsyncs as in
// the program) on a real dossier file — every requirement of the default
// catalogue with a status and a note, a journal of 3,000 events — with and
// without the journal's event. Both sides run on the same file, the same
// open Service, in turn, so that both see the same machine and the same
// file: a round is four cycles of blocks of 4 changes, journal on, off,
// off, on — sides a few changes apart, so that a change in the machine's
// load falls on both alike. Each round's journal/no-journal ratio of
// process CPU time (user + system) and of wall time is kept, and the
// medians are reported (cpu-ratio, wall-ratio), with the ratio of the
// whole run's CPU time (cpu-ratio-all) and the pages each side writes per
// commit (BenchmarkSetStatusJournalAllocs gives what each side
// allocates). A round (32 changes a side) holds several of the journal's
// periodic costs (its tail moved into journal_mid/ every 7 to 10 events,
// journal_mid/'s events into journal/ every 30 or so, a
// page added at the end of the file), which a per-change median would
// hide; the whole run's ratio counts them however rarely they come. Run
// it with -benchtime 1920x (30 rounds): at a high load the default second
// may hold only one round.
func BenchmarkSetStatusJournal(b *testing.B) {
	path := filepath.Join(b.TempDir(), "d.segur")
	var sw journalSwitch
	svc := realisticDossier(b, path, &sw, 3000)
	defer svc.Close()
	reqs := svc.Catalogue().Requirements
	statuses := [2]dossier.Status{dossier.AFaire, dossier.EnCours}
	next := 0
	block := func(on bool) (cpu, wall time.Duration, pages int64) {
		sw.on = on
		p0 := pagesWritten(sw.store)
		c0, w0 := system.CPUTime(), time.Now()
		for range 4 {
			st := statuses[(next/len(reqs))%2]
			if _, err := svc.UpdateState(reqs[next%len(reqs)].ID, dossier.StateChange{Status: &st}); err != nil {
				b.Fatal(err)
			}
			next++
		}
		return system.CPUTime() - c0, time.Since(w0), pagesWritten(sw.store) - p0
	}
	b.ResetTimer()
	r := onOffRounds(b, block)
	r.report(b)
	b.ReportMetric(float64(r.pages[1])/float64(r.ops), "pages-journal/op")
	b.ReportMetric(float64(r.pages[0])/float64(r.ops), "pages-none/op")
}

// rounds is what onOffRounds measured on each side ([0] journal off, [1]
// on): each round's CPU and wall ratios, and the whole run's CPU time and
// pages written; ops is the changes made a side.
type rounds struct {
	cpuRatios, wallRatios []float64
	cpu                   [2]time.Duration
	pages                 [2]int64
	ops                   int64
}

// onOffRounds makes b.N changes in rounds of 16 blocks of 4 (block makes
// one, journal on or off, and returns its CPU time, wall time and pages
// written): on, off, off, on, four times, so that a change in the
// machine's load falls on both sides alike.
func onOffRounds(b *testing.B, block func(on bool) (cpu, wall time.Duration, pages int64)) rounds {
	var r rounds
	for done := 0; done < b.N; done += 64 {
		var cpu, wall [2]time.Duration
		for _, on := range [16]bool{true, false, false, true, true, false, false, true, true, false, false, true, true, false, false, true} {
			c, w, p := block(on)
			side := 0
			if on {
				side = 1
			}
			cpu[side], wall[side], r.pages[side] = cpu[side]+c, wall[side]+w, r.pages[side]+p
		}
		r.cpuRatios = append(r.cpuRatios, float64(cpu[1])/float64(max(cpu[0], 1)))
		r.wallRatios = append(r.wallRatios, float64(wall[1])/float64(max(wall[0], 1)))
		r.cpu[0], r.cpu[1], r.ops = r.cpu[0]+cpu[0], r.cpu[1]+cpu[1], r.ops+32
	}
	return r
}

// report reports the medians of the rounds' ratios (cpu-ratio,
// wall-ratio) and the whole run's CPU ratio (cpu-ratio-all): whatever the
// journal does only now and then (its tail and journal_mid/ moved on)
// counts in full there, however rarely it falls in a round.
func (r rounds) report(b *testing.B) {
	b.ReportMetric(median(r.cpuRatios), "cpu-ratio")
	b.ReportMetric(median(r.wallRatios), "wall-ratio")
	b.ReportMetric(float64(r.cpu[1])/float64(max(r.cpu[0], 1)), "cpu-ratio-all")
}

// journalSwitch is the bbolt store whose transactions record their event
// or not (on), switched between transactions: for measuring only.
type journalSwitch struct {
	store *Store
	on    bool
}

// switchedStore is the store a journalSwitch hands the Service.
type switchedStore struct {
	*Store
	sw *journalSwitch
}

func (s switchedStore) Update(fn func(dossier.Tx) error) error {
	if s.sw.on {
		return s.Store.Update(fn)
	}
	return s.Store.Update(func(tx dossier.Tx) error { return fn(noRecordTx{tx}) })
}

// noRecordTx is a transaction whose Record does nothing.
type noRecordTx struct{ dossier.Tx }

func (noRecordTx) Record(ev dossier.Event) (dossier.Event, error) { return ev, nil }

// switchOpener opens the file behind a journalSwitch.
type switchOpener struct {
	Opener
	sw *journalSwitch
}

func (o switchOpener) Open(path string) (dossier.Store, error) {
	st, err := o.Opener.Open(path)
	if err != nil {
		return nil, err
	}
	o.sw.store, o.sw.on = st.(*Store), true
	return switchedStore{st.(*Store), o.sw}, nil
}

// realisticDossier makes at path a dossier as a team has it after a few
// weeks: every requirement of the default catalogue with a status and a
// note, and a journal of events events; it returns it open through sw.
// The setup itself is written without fsync.
func realisticDossier(tb testing.TB, path string, sw *journalSwitch, events int) *dossier.Service {
	tb.Helper()
	svc, err := dossier.Create(Opener{}, path, newInfo(), testCatalogue(tb))
	if err != nil {
		tb.Fatal(err)
	}
	svc.Close()
	if svc, err = dossier.Open(switchOpener{sw: sw}, path); err != nil {
		tb.Fatal(err)
	}
	svc.SetOperator("Alice Martin <alice.martin@editeur.fr>")
	sw.store.db.NoSync = true
	defer func() { sw.store.db.NoSync = false }()
	reqs := svc.Catalogue().Requirements
	for i := 1; i < events; i++ {
		r := reqs[i%len(reqs)]
		note := fmt.Sprintf("Capture faite sur la recette du %d/11, voir le ticket QA-%d", 1+i%28, 1000+i)
		st := []dossier.Status{dossier.EnCours, dossier.AFaire}[(i/len(reqs))%2]
		if _, err := svc.UpdateState(r.ID, dossier.StateChange{Status: &st, Note: &note}); err != nil {
			tb.Fatal(err)
		}
	}
	return svc
}

// pagesWritten counts the pages (or runs of pages) the file's commits
// have written so far.
func pagesWritten(s *Store) int64 {
	st := s.db.Stats()
	return st.TxStats.GetWrite()
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
