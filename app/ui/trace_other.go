//go:build !unix

package ui

// onProfileSignal does nothing where there is no SIGUSR1: the CPU profile
// is not written.
func onProfileSignal(func()) {}
