//go:build unix

package scratch

import "syscall"

// FreeSpace is the room left on the file system holding dir for this
// (unprivileged) user, in bytes.
func FreeSpace(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}
