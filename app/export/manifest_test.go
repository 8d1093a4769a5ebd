package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestManifestCSVKeepsUserTextInert(t *testing.T) {
	m := &Manifest{Files: []FileEntry{
		{Path: "a.png", Caption: "=HYPERLINK(\"http://x\",\"clic\")", OriginalName: "+cmd.png", AddedBy: "@admin"},
		{Path: "b.log", Caption: "Journal INSi", OriginalName: "-x.log", AddedBy: "Marie"},
	}}
	var buf bytes.Buffer
	if err := m.writeCSV(&buf); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for _, row := range rows[1:] {
		for _, name := range []string{"legende", "nom_origine", "ajoute_par"} {
			if v := row[col(name)]; v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
				t.Errorf("%s cell %q could run as a formula", name, v)
			}
		}
	}
	if got := rows[2][col("legende")]; got != "Journal INSi" {
		t.Errorf("plain caption changed: %q", got)
	}
	if got := rows[1][col("legende")]; got != "'=HYPERLINK(\"http://x\",\"clic\")" {
		t.Errorf("formula caption: %q", got)
	}
}
