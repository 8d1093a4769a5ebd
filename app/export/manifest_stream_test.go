package export

import (
	"bytes"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestWriteManifestMatchesTheEncoder: the manifest streamed entry by
// entry is byte for byte what json.Encoder (indented, no HTML escaping)
// gives for the whole manifest, with or without files, whatever the text
// of the proofs holds.
func TestWriteManifestMatchesTheEncoder(t *testing.T) {
	req := &dossier.Requirement{ID: "INS.1", Profiles: []string{"Général"}, Nature: dossier.Exigence}
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, entries := range [][]entry{nil, {
		{req: req, path: "01-INS/INS.1/01 a&b <c>.png", order: 1, section: "INS",
			ev: &dossier.Evidence{Name: "a&b <c>.png", Caption: "ligne 1\n  \"files\": [", Kind: dossier.KindImage, Size: 3, SHA256: "ab", AddedAt: at, AddedBy: "Zoé"}},
		{req: req, path: "01-INS/INS.1/02 b.log", order: 2, status: dossier.Prete,
			ev: &dossier.Evidence{Name: "b.log", ProofID: "P1", Kind: dossier.KindText, Size: 5, SHA256: "cd", AddedAt: at,
				Annotations: []dossier.Annotation{{Kind: dossier.AnnotStep, Number: 1, Text: "champ INS"}}}},
	}} {
		p := &plan{entries: entries}
		m := Manifest{Format: FormatID, Mention: "BROUILLON", ExportedAt: at, Generated: []GeneratedEntry{{Path: "x.csv", Size: 1, SHA256: "ef"}},
			Journal: &JournalRef{File: JournalName, Events: 2, Head: "ff"}}
		var got bytes.Buffer
		if err := writeManifest(&got, &m, p); err != nil {
			t.Fatal(err)
		}
		whole := m
		whole.Files = []FileEntry{}
		for i := range entries {
			whole.Files = append(whole.Files, fileEntryOf(&entries[i]))
		}
		var want bytes.Buffer
		if err := newIndenter(&want, "").Encode(&whole); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("%d files: streamed manifest\n%s\nwant\n%s", len(entries), got.String(), want.String())
		}
	}
}
