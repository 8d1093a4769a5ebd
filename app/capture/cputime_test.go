package capture_test

import (
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/system"
)

// reportCPU adds the CPU time per operation since start to b's results:
// on a loaded machine it is steadier than the wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(system.CPUTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}
