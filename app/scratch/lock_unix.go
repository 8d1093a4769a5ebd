//go:build unix

package scratch

import (
	"os"
	"syscall"
)

// hold takes an exclusive lock on f, kept until f is closed.
func hold(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeUnheld removes path when no process holds a lock on it: the
// lock is taken first, then released by closing once the name is gone.
func removeUnheld(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if hold(f) != nil || !Still(path, f) {
		return false
	}
	return os.Remove(path) == nil
}
