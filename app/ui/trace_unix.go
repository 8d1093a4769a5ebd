//go:build unix

package ui

import (
	"os"
	"os/signal"
	"syscall"
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
