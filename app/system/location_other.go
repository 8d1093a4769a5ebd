//go:build !windows && !linux

package system

// remoteFileSystem is false where we have no cheap way to tell.
func remoteFileSystem(string) bool { return false }
