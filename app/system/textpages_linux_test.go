package system

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// exeMapped is how many KiB of this executable's read-only mappings are
// resident, and how many of them by huge pages.
func exeMapped(t *testing.T) (rss, pmd int) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	var ours bool
	for _, line := range strings.Split(string(smaps), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			ours = len(fields) >= 6 && fields[5] == exe && fields[1][1] == '-'
			continue
		}
		if !ours || len(fields) != 3 {
			continue
		}
		n, _ := strconv.Atoi(fields[1])
		switch fields[0] {
		case "Rss:":
			rss += n
		case "FilePmdMapped:":
			pmd += n
		}
	}
	return rss, pmd
}

// TestTrimTextPages checks that TrimTextPages lets go of the executable's
// resident code and data, that none of it is mapped by huge pages
// afterwards, and that the code still runs (its pages fault back in).
func TestTrimTextPages(t *testing.T) {
	before, _ := exeMapped(t)
	TrimTextPages()
	after, pmd := exeMapped(t)
	if before == 0 || after >= before {
		t.Errorf("resident KiB of the executable: %d before, %d after", before, after)
	}
	if pmd != 0 {
		t.Errorf("%d KiB still mapped by huge pages", pmd)
	}
	if got := strings.Repeat("ab", 3); got != "ababab" {
		t.Fatalf("after the trim: %q", got)
	}
	t.Logf("resident KiB of the executable: %d before, %d after", before, after)
}
