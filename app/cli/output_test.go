package cli

import (
	"bytes"
	"testing"
)

// TestWriteJSONArraySameBytesAsWriteJSON: the streamed array is the
// slice writeJSON would have written, whatever the count and the items.
func TestWriteJSONArraySameBytesAsWriteJSON(t *testing.T) {
	type inner struct {
		X []int `json:"x,omitempty"`
	}
	type item struct {
		Name  string `json:"name"`
		N     int    `json:"n"`
		Inner *inner `json:"inner,omitempty"`
	}
	all := []item{
		{Name: "a <b> & \"c\"\néà", N: 1},
		{Name: "", N: -2, Inner: &inner{X: []int{1, 2}}},
		{Name: "z", Inner: &inner{}},
	}
	for n := 0; n <= len(all); n++ {
		var want, got bytes.Buffer
		if err := writeJSON(&want, all[:n]); err != nil {
			t.Fatal(err)
		}
		if err := writeJSONArray(&got, n, func(i int) any { return all[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d items:\ngot  %q\nwant %q", n, got.String(), want.String())
		}
	}
}
