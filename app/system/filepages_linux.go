package system

import (
	"bufio"
	"os"
	"strings"
	"time"
)

// settleGap is how long a mapping must have been there, read-only, before
// TrimFilePages touches it: the dynamic loader writes a library's
// relocations right after mapping it, within the same dlopen.
const settleGap = time.Second

// TrimFilePages lets go of the process's clean file pages of code and
// read-only data: those of the executable and of every shared library it
// has loaded. The kernel keeps them in its page cache; what the process
// runs again faults back in from there (a minor fault per 64 KiB or so,
// no disk read while the page cache holds them), what it no longer runs
// stays out of its resident set. The GUI calls it once the user has
// stopped on a requirement: under Mesa's llvmpipe, libLLVM's 47 MiB of
// code are only run while a shader variant compiles, at the first frames,
// and stay mapped for nothing afterwards.
//
// Only private mappings that cannot be written are looked at, and in them
// only the pages that are still the file's (pagemap): a page the loader
// wrote (a relocation, then made read-only) is the process's own copy,
// which dropping would undo; it is kept, as one swapped out. A mapping is
// trimmed only if it was there with the same rights settleGap before,
// so that a library being loaded meanwhile, whose relocations are still
// being written, is left alone. It blocks for settleGap: call it off the
// UI goroutine. Errors are ignored: it is an optimisation.
func TrimFilePages() {
	before := readOnlyFileMaps()
	time.Sleep(settleGap)
	pagemap, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return
	}
	defer pagemap.Close()
	for line := range readOnlyFileMaps() {
		if !before[line] {
			continue
		}
		if from, to, ok := parseRange(strings.Fields(line)[0]); ok {
			dropFilePages(pagemap, from, to)
		}
	}
}

// readOnlyFileMaps is the set of the lines of /proc/self/maps that map a
// file privately without the right to write to it.
func readOnlyFileMaps() map[string]bool {
	set := map[string]bool{}
	maps, err := os.Open("/proc/self/maps")
	if err != nil {
		return set
	}
	defer maps.Close()
	sc := bufio.NewScanner(maps)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || len(fields[1]) != 4 || fields[1][1] != '-' || fields[1][3] != 'p' {
			continue
		}
		if path := fields[5]; !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "/memfd:") || strings.HasPrefix(path, "/dev/") {
			continue
		}
		set[sc.Text()] = true
	}
	return set
}
