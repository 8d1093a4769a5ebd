package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// The shipped dossier-segur.exe is a GUI-subsystem program (no console
// window flashes when a .segur is double-clicked), so Windows gives it no
// console: started from cmd.exe or PowerShell, its CLI output would
// vanish. For a subcommand it therefore attaches to the console of the
// process that started it and points stdout and stderr there, unless they
// were redirected to a file or a pipe. cmd.exe and PowerShell do not wait
// for a GUI-subsystem program, though: scripts that need the exit code
// use dossier-segur-cli.exe, the console-subsystem build of the same
// program (see README, "Installer").
//
// Either way the console's output code page is set to UTF-8 (65001) for
// the run, so that accents written to a pipe or a file are read back
// right by PowerShell and by programs that decode with the console's code
// page; Go writes to a console itself in UTF-16, which needs no code page.

var (
	kernel32         = windows.NewLazySystemDLL("kernel32.dll")
	procAttach       = kernel32.NewProc("AttachConsole")
	procFree         = kernel32.NewProc("FreeConsole")
	procConsoleWin   = kernel32.NewProc("GetConsoleWindow")
	attachParentProc = uintptr(^uint32(0)) // ATTACH_PARENT_PROCESS, (DWORD)-1
)

// cpUTF8 is the UTF-8 code page.
const cpUTF8 = 65001

// prepareConsole readies the console for a CLI run (cli true) and returns
// what undoes it at exit: the parent console's code page restored.
func prepareConsole(cli bool) (restore func()) {
	if !cli {
		return func() {}
	}
	attached := false
	if w, _, _ := procConsoleWin.Call(); w == 0 {
		r, _, _ := procAttach.Call(attachParentProc)
		attached = r != 0
	}
	if attached {
		if !usableStd(windows.STD_OUTPUT_HANDLE) {
			os.Stdout = openConsole(windows.STD_OUTPUT_HANDLE, os.Stdout)
		}
		if !usableStd(windows.STD_ERROR_HANDLE) {
			os.Stderr = openConsole(windows.STD_ERROR_HANDLE, os.Stderr)
			log.SetOutput(os.Stderr)
		}
	}
	old, err := windows.GetConsoleOutputCP()
	if err != nil {
		return func() {}
	}
	windows.SetConsoleOutputCP(cpUTF8)
	return func() {
		windows.SetConsoleOutputCP(old)
		if attached {
			procFree.Call()
		}
	}
}

// usableStd tells whether a standard handle leads somewhere: a GUI program
// started from a console without redirection gets none.
func usableStd(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	return err == nil && h != 0 && h != windows.InvalidHandle
}

// openConsole opens the attached console's output and makes it the
// standard handle std; it returns fallback when it cannot.
func openConsole(std uint32, fallback *os.File) *os.File {
	name, _ := windows.UTF16PtrFromString("CONOUT$")
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return fallback
	}
	windows.SetStdHandle(std, h)
	return os.NewFile(uintptr(h), "CONOUT$")
}
