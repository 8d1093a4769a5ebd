package system

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// fileMapped is how many KiB of private file mappings are resident, and
// how many KiB of them are the process's own copies of pages it wrote
// (smaps' Anonymous: the loader's relocations among them).
func fileMapped(t *testing.T) (rss, copies int) {
	t.Helper()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	var ours bool
	for _, line := range strings.Split(string(smaps), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			ours = len(fields) >= 6 && strings.HasPrefix(fields[5], "/") && fields[1][1] == '-' && fields[1][3] == 'p'
			continue
		}
		if !ours || len(fields) != 3 {
			continue
		}
		n, _ := strconv.Atoi(fields[1])
		switch fields[0] {
		case "Rss:":
			rss += n
		case "Anonymous:":
			copies += n
		}
	}
	return rss, copies
}

// TestTrimFilePages checks that TrimFilePages lets go of the clean pages of
// the process's read-only file mappings, keeps the pages the loader wrote
// (its relocations: dropping them would read the file's unrelocated bytes
// back), and that the code still runs (its pages fault back in).
func TestTrimFilePages(t *testing.T) {
	before, copiesBefore := fileMapped(t)
	TrimFilePages()
	after, copiesAfter := fileMapped(t)
	if before == 0 || after >= before {
		t.Errorf("resident KiB of read-only file mappings: %d before, %d after", before, after)
	}
	if copiesBefore == 0 || copiesAfter != copiesBefore {
		t.Errorf("written copies of file pages: %d KiB before, %d KiB after", copiesBefore, copiesAfter)
	}
	if got := strings.Repeat("ab", 3); got != "ababab" {
		t.Fatalf("after the trim: %q", got)
	}
	t.Logf("resident KiB: %d before, %d after; written copies kept: %d KiB", before, after, copiesAfter)
}
