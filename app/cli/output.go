package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"text/tabwriter"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeJSONArray writes the n items item(0)… as writeJSON writes a slice
// of them (same bytes), one item at a time: the output of thousands of
// items is never held whole in memory.
func writeJSONArray(w io.Writer, n int, item func(int) any) error {
	if n == 0 {
		return writeJSON(w, []any{})
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	bw.WriteString("[\n")
	for i := range n {
		one.Reset()
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
		if i < n-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

func sortStrings(s []string) { sort.Strings(s) }
