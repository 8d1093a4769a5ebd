package storage

import (
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// BenchmarkSetStatusJournalAllocs is what the transaction of
// BenchmarkSetStatusJournal allocates with the journal's event (journal)
// and without (none), each on a dossier of its own as that benchmark
// makes it: bytes and objects per commit (-benchmem's B/op and
// allocs/op), the garbage the collector then spends CPU on. Exact, unlike
// a count taken around blocks of changes, which the runtime keeps by
// span. The commits are not synced: what they allocate does not depend
// on the disk.
func BenchmarkSetStatusJournalAllocs(b *testing.B) {
	for _, side := range []struct {
		name string
		on   bool
	}{{"journal", true}, {"none", false}} {
		b.Run(side.name, func(b *testing.B) {
			var sw journalSwitch
			svc := realisticDossier(b, filepath.Join(b.TempDir(), "d.segur"), &sw, 3000)
			defer svc.Close()
			sw.on, sw.store.db.NoSync = side.on, true
			reqs := svc.Catalogue().Requirements
			statuses := [2]dossier.Status{dossier.AFaire, dossier.EnCours}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				st := statuses[(i/len(reqs))%2]
				if _, err := svc.UpdateState(reqs[i%len(reqs)].ID, dossier.StateChange{Status: &st}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
