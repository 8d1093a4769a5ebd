package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// noJournalStore is the bbolt store with Record doing nothing: the
// baseline the journal's cost is measured against.
type noJournalStore struct{ *Store }

type noRecordTx struct{ dossier.Tx }

func (noRecordTx) Record(ev dossier.Event) (dossier.Event, error) { return ev, nil }

func (s noJournalStore) Update(fn func(dossier.Tx) error) error {
	return s.Store.Update(func(tx dossier.Tx) error { return fn(noRecordTx{tx}) })
}

// baselineOpener opens stores without a journal.
type baselineOpener struct{ Opener }

func (o baselineOpener) Open(path string) (dossier.Store, error) {
	st, err := o.Opener.Open(path)
	if err != nil {
		return nil, err
	}
	return noJournalStore{st.(*Store)}, nil
}

// BenchmarkSetStatus is set-status's transaction (UpdateState, committed
// with its fsync) with and without the journal's event.
func BenchmarkSetStatus(b *testing.B) {
	for _, c := range []struct {
		name string
		op   dossier.Opener
	}{{"journal", Opener{}}, {"no-journal", baselineOpener{}}} {
		b.Run(c.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "d.segur")
			svc, err := dossier.Create(Opener{}, path, newInfo(), testCatalogue(b))
			if err != nil {
				b.Fatal(err)
			}
			svc.Close()
			if svc, err = dossier.Open(c.op, path); err != nil {
				b.Fatal(err)
			}
			defer svc.Close()
			notes := []string{"a", "b"}
			b.ResetTimer()
			for i := range b.N {
				if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: &notes[i%2]}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyJournal100k recomputes the chain of a journal of 100,000
// events (journal --verify). With JOURNAL_BENCH_FILE set, the dossier is
// also copied there, for timing the command itself.
func BenchmarkVerifyJournal100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "d.segur")
	writeJournal(b, path, 100_000)
	if dst := os.Getenv("JOURNAL_BENCH_FILE"); dst != "" {
		raw, err := os.ReadFile(path)
		if err == nil {
			err = os.WriteFile(dst, raw, 0o600)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	svc, err := dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		b.Fatal(err)
	}
	defer svc.Close()
	b.ResetTimer()
	for range b.N {
		if n, _, err := svc.VerifyJournal(); err != nil || n != 100_000 {
			b.Fatal(n, err)
		}
	}
}

// writeJournal makes a dossier at path whose journal holds n events
// (state changes with a note), written 10,000 a transaction.
func writeJournal(tb testing.TB, path string, n int) {
	tb.Helper()
	svc, err := dossier.Create(Opener{}, path, newInfo(), testCatalogue(tb))
	if err != nil {
		tb.Fatal(err)
	}
	svc.Close()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	at := time.Now().UTC()
	for done := 1; done < n; {
		err := db.Update(func(tx *bbolt.Tx) error {
			for i := 0; i < 10_000 && done < n; i++ {
				ev := dossier.Event{Kind: dossier.EventState, Subject: fmt.Sprintf("RIS.INS.%02d", done%40), Operator: "Alice Martin <alice@exemple.fr>",
					Fields: []dossier.FieldChange{{Field: dossier.FieldNote, Old: "avant", New: fmt.Sprintf("note n° %d", done)}}}
				if _, err := appendEvent(tx, ev, at); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkSetStatusPaired alternates blocks of set-status with and
// without the journal on two dossiers, so that both see the same machine
// load, and reports each block pair's median ratio (journal/baseline) of
// process CPU time and of wall time.
func BenchmarkSetStatusPaired(b *testing.B) {
	open := func(op dossier.Opener) *dossier.Service {
		path := filepath.Join(b.TempDir(), "d.segur")
		svc, err := dossier.Create(Opener{}, path, newInfo(), testCatalogue(b))
		if err != nil {
			b.Fatal(err)
		}
		svc.Close()
		if svc, err = dossier.Open(op, path); err != nil {
			b.Fatal(err)
		}
		return svc
	}
	with, without := open(Opener{}), open(baselineOpener{})
	defer with.Close()
	defer without.Close()
	notes := []string{"a", "b"}
	block := func(svc *dossier.Service, n int) (cpu, wall time.Duration) {
		c0, w0 := cpuTime(), time.Now()
		for i := range n {
			if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: &notes[i%2]}); err != nil {
				b.Fatal(err)
			}
		}
		return cpuTime() - c0, time.Since(w0)
	}
	const per = 20
	var cpuRatios, wallRatios []float64
	b.ResetTimer()
	for done := 0; done < b.N; done += per {
		cj, wj := block(with, per)
		cb, wb := block(without, per)
		cpuRatios = append(cpuRatios, float64(cj)/float64(max(cb, 1)))
		wallRatios = append(wallRatios, float64(wj)/float64(max(wb, 1)))
	}
	b.ReportMetric(median(cpuRatios), "cpu-ratio")
	b.ReportMetric(median(wallRatios), "wall-ratio")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
