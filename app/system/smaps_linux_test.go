package system

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// smapsKiB sums, over the mappings of /proc/self/smaps whose header line
// ours accepts (its fields: range, rights, offset, device, inode, path),
// the KiB of each of keys ("Rss:", "Anonymous:"…).
func smapsKiB(t *testing.T, ours func(header []string) bool, keys ...string) map[string]int {
	t.Helper()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	sums := map[string]int{}
	var in bool
	for _, line := range strings.Split(string(smaps), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = ours(fields)
			continue
		}
		if !in || len(fields) != 3 {
			continue
		}
		for _, k := range keys {
			if fields[0] == k {
				n, _ := strconv.Atoi(fields[1])
				sums[k] += n
			}
		}
	}
	return sums
}
