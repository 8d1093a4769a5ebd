package system

import (
	"bufio"
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// trimMin is the smallest mapping of the executable that TrimTextPages
// looks at: a huge folio is 2 MiB, and the small mappings (ELF headers,
// the page that relocations wrote) are left alone.
const trimMin = 2 << 20

// TrimTextPages stops the kernel from mapping this executable's code and
// read-only data by huge pages, and lets go of the pages it mapped so far.
// Linux 6.x keeps a freshly written file (the binary, as built or
// unpacked) in the page cache as large folios and maps a whole folio, up
// to 2 MiB, at the first touch: a command that runs a few MiB of code
// then counts 20 to 28 MiB of the binary in its resident set. After this
// call the code and data the process goes on running fault back in from
// the page cache (folio by folio, never by huge pages). Only read-only
// mappings of the executable are trimmed, and in them only pages still
// the file's (pagemap): a page that the dynamic loader wrote (a
// relocation) is a private copy, which dropping would undo. Errors are
// ignored: it is an optimisation.
func TrimTextPages() {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	maps, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer maps.Close()
	pagemap, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return
	}
	defer pagemap.Close()
	sc := bufio.NewScanner(maps)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != exe || fields[1][1] != '-' || fields[1][3] != 'p' {
			continue
		}
		if from, to, ok := parseRange(fields[0]); ok && to-from >= trimMin {
			madvise(from, to-from, madvNoHugePage)
			dropFilePages(pagemap, from, to)
		}
	}
}

// madvNoHugePage is MADV_NOHUGEPAGE (absent from package syscall).
const madvNoHugePage = 15

// pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst).
const (
	pagePresent = 1 << 63
	pageSwapped = 1 << 62
	pageFile    = 1 << 61 // file page or shared anonymous
)

// dropFilePages drops the mapped pages in [from, to) that are the file's,
// keeping the private copies made by a write, in memory or swapped out.
func dropFilePages(pagemap *os.File, from, to uintptr) {
	ps := uintptr(os.Getpagesize())
	buf := make([]byte, (to-from)/ps*8)
	if n, err := pagemap.ReadAt(buf, int64(from/ps*8)); err != nil || n != len(buf) {
		return
	}
	run := from // start of the run of pages to drop
	for i := uintptr(0); i < (to-from)/ps; i++ {
		e := binary.LittleEndian.Uint64(buf[i*8:])
		if e&pageSwapped != 0 || (e&pagePresent != 0 && e&pageFile == 0) { // a private copy
			addr := from + i*ps
			if addr > run {
				madvise(run, addr-run, syscall.MADV_DONTNEED)
			}
			run = addr + ps
		}
	}
	if to > run {
		madvise(run, to-run, syscall.MADV_DONTNEED)
	}
}

// parseRange parses "start-end" in hexadecimal, as /proc/self/maps has it.
func parseRange(s string) (from, to uintptr, ok bool) {
	a, b, found := strings.Cut(s, "-")
	x, err1 := strconv.ParseUint(a, 16, 64)
	y, err2 := strconv.ParseUint(b, 16, 64)
	return uintptr(x), uintptr(y), found && err1 == nil && err2 == nil
}

func madvise(addr, length uintptr, advice int) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, length, uintptr(advice))
}
