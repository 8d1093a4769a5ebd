package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestManifestCSVKeepsUserTextInert(t *testing.T) {
	req := &dossier.Requirement{ID: "INS.1"}
	p := &plan{entries: []entry{
		{req: req, path: "a.png", ev: &dossier.Evidence{Caption: "=HYPERLINK(\"http://x\",\"clic\")", Name: "+cmd.png", AddedBy: "@admin"}},
		{req: req, path: "b.log", ev: &dossier.Evidence{Caption: "Journal INSi", Name: "-x.log", AddedBy: "Marie"}},
	}}
	var buf bytes.Buffer
	if err := writeCSV(&buf, p, "BROUILLON"); err != nil {
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
