package system

import (
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// CheckLocation refuses a dossier path on a network drive: a UNC path
// (\\server\share\…), a Windows drive letter the system reports as
// remote, or on Linux an NFS or SMB mount. bbolt protects a dossier with
// a file lock that such file systems do not reliably honour, so two
// workstations could write the same dossier and corrupt it. The error is
// a dossier.FaultNetworkDrive about path.
func CheckLocation(path string) error {
	if isUNC(path) || remoteFileSystem(path) {
		return dossier.E(dossier.FaultNetworkDrive, path, nil)
	}
	return nil
}

// isUNC tells whether a Windows path names a network share: \\server\share
// or //server/share, and the long forms \\?\UNC\server\share. Device and
// long-path forms of local drives (\\?\C:\…, \\.\C:\…) are not.
func isUNC(path string) bool {
	p := strings.ReplaceAll(path, "/", `\`)
	if !strings.HasPrefix(p, `\\`) {
		return false
	}
	rest := p[2:]
	if strings.HasPrefix(rest, `?\`) || strings.HasPrefix(rest, `.\`) {
		return strings.HasPrefix(strings.ToUpper(rest[2:]), `UNC\`)
	}
	return len(rest) > 0 && rest[0] != '\\'
}

// driveRoot is the root of a Windows drive-letter path ("C:\"), or "" when
// path does not start with a drive letter.
func driveRoot(path string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(path, `\\?\`), `\\.\`)
	if len(p) < 2 || p[1] != ':' {
		return ""
	}
	c := p[0] | 0x20
	if c < 'a' || c > 'z' {
		return ""
	}
	return strings.ToUpper(p[:1]) + `:\`
}
