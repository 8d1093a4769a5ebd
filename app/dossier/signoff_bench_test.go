package dossier_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// BenchmarkRefreshReview measures what a GUI refresh computes (the list's
// rows and the dashboard) on a dossier of every profile with 2,000 proofs,
// every requirement Prête and validated, with review off (the baseline)
// and on: the cost review adds to each refresh. It reports the process's
// CPU time per refresh too (cpu-ns/op), steadier than wall time on a
// shared machine.
func BenchmarkRefreshReview(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("review=%v", on), func(b *testing.B) {
			svc := reviewBench(b, on)
			b.ResetTimer()
			cpu0 := system.CPUTime()
			for range b.N {
				if _, err := svc.Rows(dossier.Filter{}); err != nil {
					b.Fatal(err)
				}
				if _, err := svc.Dashboard(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(system.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// reviewBench builds the benchmark's dossier, in memory.
func reviewBench(b *testing.B, on bool) *dossier.Service {
	b.Helper()
	svc, _ := newService(b, allProfilesOf(b)...)
	if err := svc.SetSignoffRules(dossier.SignoffSettings{Required: on}); err != nil {
		b.Fatal(err)
	}
	reqs := svc.Catalogue().Applicable(svc.Info().Profiles)
	prete := dossier.Prete
	for i := range 2000 {
		r := reqs[i%len(reqs)]
		content := fmt.Sprintf("%d INFO appel INSi %d\n", i, i)
		if _, err := svc.AttachReader(context.Background(), r.ID, fmt.Sprintf("j-%04d.log", i), strings.NewReader(content), nil, dossier.AttachOptions{Operator: "anne"}, nil); err != nil {
			b.Fatal(err)
		}
	}
	for _, r := range reqs {
		if _, err := svc.UpdateState(r.ID, dossier.StateChange{Status: &prete}); err != nil {
			b.Fatal(err)
		}
		if on && r.Nature == dossier.Exigence {
			if _, err := svc.Review(r.ID, dossier.Valide, "", "bruno"); err != nil {
				b.Fatal(err)
			}
		}
	}
	return svc
}

func allProfilesOf(b *testing.B) []string {
	var out []string
	for _, p := range catalogue(b).Profiles {
		out = append(out, p.Name)
	}
	return out
}
