package system

import (
	"strings"
	"testing"
)

// TestTrimFilePages checks that TrimFilePages lets go of the clean pages of
// the process's read-only file mappings, keeps the pages the loader wrote
// (its relocations: dropping them would read the file's unrelocated bytes
// back), and that the code still runs (its pages fault back in).
func TestTrimFilePages(t *testing.T) {
	// Resident KiB of the private file mappings that cannot be written,
	// and of the copies of their pages the process wrote (Anonymous).
	readOnly := func(h []string) bool {
		return len(h) >= 6 && strings.HasPrefix(h[5], "/") && h[1][1] == '-' && h[1][3] == 'p'
	}
	kib := smapsKiB(t, readOnly, "Rss:", "Anonymous:")
	before, copiesBefore := kib["Rss:"], kib["Anonymous:"]
	TrimFilePages()
	kib = smapsKiB(t, readOnly, "Rss:", "Anonymous:")
	after, copiesAfter := kib["Rss:"], kib["Anonymous:"]
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
