//go:build !unix && !windows

package system

import "time"

// CPUTime is 0 where the system does not tell.
func CPUTime() time.Duration { return 0 }
