package ui

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

// Measuring the GUI for real (.ci/bench-walk.sh) needs two things the
// application does not do for its users, both off unless asked by the
// environment:
//
//   - DOSSIER_SEGUR_TRACE=1 logs, for each move to another requirement,
//     when its key handler started and the wall and CPU time it took. The
//     frame that follows is timed from outside, by walktime
//     (app/ui/internal/walktime): a function queued with fyne.Do from the
//     handler runs after that frame, but on a loaded machine often much
//     later, so it cannot time the frame.
//   - DOSSIER_SEGUR_PROFILE=DIR writes a CPU profile of the whole run and,
//     on SIGUSR1 (Unix), a heap profile and the Go runtime's memory
//     figures, into DIR.
var traceMoves = os.Getenv("DOSSIER_SEGUR_TRACE") == "1"

// traceMove times move (the handler of a move to another requirement) as
// described above; it only calls move when tracing is off.
func traceMove(move func()) {
	if !traceMoves {
		move()
		return
	}
	t0, c0 := time.Now(), processCPU()
	move()
	log.Printf("trace move: started %s, handler %.1f ms (CPU %.1f ms)",
		t0.Format("15:04:05.000"), ms(time.Since(t0)), ms(processCPU()-c0))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// startProfile starts the profiles DOSSIER_SEGUR_PROFILE asks for.
func startProfile() {
	dir := os.Getenv("DOSSIER_SEGUR_PROFILE")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		log.Printf("profile: %v", err)
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Printf("profile: %v", err)
		f.Close()
		return
	}
	onProfileSignal(func() { writeProfiles(dir, f) })
}

// writeProfiles ends the CPU profile and writes the heap profile and the
// runtime's memory figures.
func writeProfiles(dir string, cpu *os.File) {
	pprof.StopCPUProfile()
	cpu.Close()
	runtime.GC()
	if f, err := os.Create(filepath.Join(dir, "heap.pprof")); err == nil {
		pprof.WriteHeapProfile(f)
		f.Close()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	mib := func(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
	log.Printf("profile: Go heap in use %s, heap held %s (released %s), stacks %s, runtime other %s "+
		"(GC metadata %s, spans %s, profiling buckets %s, other %s), total from the OS %s",
		mib(m.HeapInuse), mib(m.HeapSys-m.HeapReleased), mib(m.HeapReleased), mib(m.StackSys),
		mib(m.MSpanSys+m.MCacheSys+m.BuckHashSys+m.GCSys+m.OtherSys), mib(m.GCSys), mib(m.MSpanSys),
		mib(m.BuckHashSys), mib(m.OtherSys), mib(m.Sys-m.HeapReleased))
}
