//go:build !unix

package ui

import "time"

// onProfileSignal does nothing where there is no SIGUSR1: the CPU profile
// is not written.
func onProfileSignal(func()) {}

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
