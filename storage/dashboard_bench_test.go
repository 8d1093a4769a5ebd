package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// BenchmarkOpenView measures, on the bbolt store, what the GUI reads to
// show a dossier once open and what `status` and `check` compute: the
// dashboard (overview, completeness, review) and every requirement's row,
// at 2,000 and 20,000 proofs spread over the catalogue's requirements.
// How it grows between the two is the figure: each requirement costs one
// evidence summary, a proof nothing (but its review's digest, when
// validated).
func BenchmarkOpenView(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("%d proofs", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "d.segur")
			writeProofs(b, path, n)
			svc, err := dossier.OpenReadOnly(Opener{}, path)
			if err != nil {
				b.Fatal(err)
			}
			defer svc.Close()
			b.ResetTimer()
			for b.Loop() {
				if _, err := svc.Dashboard(); err != nil {
					b.Fatal(err)
				}
				if _, err := svc.Rows(dossier.Filter{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// writeProofs makes a dossier with review on holding n proofs over every
// requirement of its catalogue, sharing a few contents (linked in one
// transaction: the content does not matter here).
func writeProofs(b *testing.B, path string, n int) {
	b.Helper()
	cat := testCatalogue(b)
	in := newInfo()
	in.Signoff = &dossier.SignoffSettings{Required: true}
	st, err := Opener{}.Create(path, in, cat, dossier.Event{Kind: dossier.EventCreated})
	if err != nil {
		b.Fatal(err)
	}
	var seeds []dossier.Evidence
	for i, body := range []string{"journal", "capture", "document"} {
		ev, err := st.AddEvidence(context.Background(), strings.NewReader(body), dossier.Evidence{ReqID: cat.Requirements[i].ID, Name: body + ".txt", Kind: dossier.KindText}, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		seeds = append(seeds, ev)
	}
	st.Close()
	db := openRaw(b, path)
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		for i := len(seeds); i < n; i++ {
			ev := seeds[i%len(seeds)]
			ev.ReqID, ev.Name = cat.Requirements[i%len(cat.Requirements)].ID, fmt.Sprintf("preuve-%05d.txt", i)
			if _, err := linkEvidence(tx, ev, false); err != nil {
				return err
			}
		}
		return flushSummaries(tx)
	})
	if err != nil {
		b.Fatal(err)
	}
}
