// Package system is where the application meets the operating system's
// desktop conventions: the user's Documents folder (where new dossiers are
// proposed), opening a file with the system's default application, and
// refusing dossier locations where bbolt's file lock cannot be trusted
// (network drives), reading the clipboard for a paste (X11 in pure Go; Win32 on Windows). Platform code sits behind build tags
// (xxx_windows.go, xxx_linux.go, xxx_other.go); the rules that only look at
// a path's text are plain functions, tested on every platform.
package system
