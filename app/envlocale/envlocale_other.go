//go:build windows || darwin || js || android

package envlocale

// Nothing to do here: Fyne reads the system's language settings on these
// platforms, not the POSIX locale variables (see envlocale.go). This file
// keeps the package buildable for them (the Windows build imports it).
