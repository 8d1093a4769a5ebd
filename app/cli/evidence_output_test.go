package cli

import (
	"fmt"
	"strings"
	"testing"
)

func fmtSscan(t *testing.T, s string, n *int64) {
	t.Helper()
	if _, err := fmt.Sscan(s, n); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
}

func TestProgressLine(t *testing.T) {
	var b strings.Builder
	p := newProgressLine(&b, "gros.mp4")
	if p.on {
		t.Fatal("progress shown on a non-terminal")
	}
	p.on = true // as on a terminal
	p.report(1, progressMin-1)
	if b.Len() != 0 {
		t.Fatal("progress shown for a small file")
	}
	total := int64(4 * progressMin)
	for _, d := range []int64{0, total / 4, total / 4, total} {
		p.report(d, total)
	}
	p.end()
	got := b.String()
	if strings.Count(got, "\r") != 3 || !strings.Contains(got, " 25 %") || !strings.Contains(got, "100 %") || !strings.HasSuffix(got, "\n") {
		t.Fatalf("progress output %q", got)
	}
}
