package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

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
	c0 := system.CPUTime()
	for range b.N {
		if n, _, err := svc.VerifyJournal(); err != nil || n != 100_000 {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric((system.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s/op")
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
	db := openRaw(tb, path)
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
