//go:build !windows

package main

// prepareConsole has nothing to do where a program started from a
// terminal always writes to it (see console_windows.go).
func prepareConsole(bool) (restore func()) { return func() {} }
