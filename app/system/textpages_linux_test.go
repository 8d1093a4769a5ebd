package system

import (
	"os"
	"strings"
	"testing"
)

// TestTrimTextPages checks that after TrimTextPages no part of this
// executable is mapped by huge pages any more and that its code still
// runs (the dropped pages fault back in).
func TestTrimTextPages(t *testing.T) {
	TrimTextPages()
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	var ours, text bool
	for _, line := range strings.Split(string(smaps), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			ours = len(fields) >= 6 && fields[5] == exe && fields[1][1] == '-'
			text = text || (ours && fields[1][2] == 'x')
			continue
		}
		if ours && len(fields) == 3 && fields[0] == "FilePmdMapped:" && fields[1] != "0" {
			t.Errorf("%s still mapped by huge pages: %s", exe, line)
		}
	}
	if !text {
		t.Fatalf("no code mapping of %s found in smaps", exe)
	}
	// Code not run yet since the trim: it must fault back in correctly.
	if got := strings.Repeat("ab", 3); got != "ababab" {
		t.Fatalf("after the trim: %q", got)
	}
}
