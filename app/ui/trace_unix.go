//go:build unix

package ui

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// onProfileSignal runs f once, on the first SIGUSR1.
func onProfileSignal(f func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	go func() {
		<-c
		signal.Stop(c)
		f()
	}()
}

// processCPU is the CPU time the process has used (user and system).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
