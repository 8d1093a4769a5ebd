package system

import (
	"os"
	"path/filepath"
	"syscall"
)

// Magic numbers of network file systems (statfs(2)).
const (
	nfsMagic  = 0x6969
	smbMagic  = 0x517b
	cifsMagic = 0xff534d42
	smb2Magic = 0xfe534d42
)

// remoteFileSystem tells whether path (or, for a file still to be created,
// its folder) is on an NFS or SMB mount.
func remoteFileSystem(path string) bool {
	if _, err := os.Stat(path); err != nil {
		path = filepath.Dir(path)
	}
	var st syscall.Statfs_t
	if syscall.Statfs(path, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case nfsMagic, smbMagic, cifsMagic, smb2Magic:
		return true
	}
	return false
}
