//go:build windows

package scratch

import "os"

// hold does nothing on Windows: the open handle itself (Go opens files
// without FILE_SHARE_DELETE) forbids deleting the file while it is open.
func hold(*os.File) error { return nil }

// removeUnheld removes path, which Windows refuses while another process
// has it open.
func removeUnheld(path string) bool {
	return os.Remove(path) == nil
}
