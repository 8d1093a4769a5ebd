package system

import (
	"os"
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
	kib := smapsKiB(t, func(h []string) bool { return len(h) >= 6 && h[5] == exe && h[1][1] == '-' }, "Rss:", "FilePmdMapped:")
	return kib["Rss:"], kib["FilePmdMapped:"]
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
