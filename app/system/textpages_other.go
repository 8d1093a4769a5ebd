//go:build !linux

package system

// TrimTextPages does nothing outside Linux, whose page cache is the one
// known to map an executable by huge folios (see textpages_linux.go).
func TrimTextPages() {}

// TrimFilePages does nothing outside Linux (see filepages_linux.go).
func TrimFilePages() {}
