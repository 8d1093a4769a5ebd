package ui

import (
	"path/filepath"
	"testing"
)

func TestFileNameFor(t *testing.T) {
	for in, want := range map[string]string{
		"Candidature RIS":            "Candidature-RIS",
		"Référencement 12 - Vague 1": "Référencement-12-Vague-1",
		"a/b\\c:d*e?f":               "a-b-c-d-e-f",
		"  ..secret  ":               "secret",
		"":                           "",
	} {
		if got := fileNameFor(in); got != want {
			t.Errorf("fileNameFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDossierPathAddsExtensionOnce(t *testing.T) {
	dir := t.TempDir()
	for in, want := range map[string]string{
		"essai":       "essai.segur",
		"essai.segur": "essai.segur",
		"essai.SEGUR": "essai.SEGUR",
		"essai.txt":   "essai.txt.segur",
	} {
		if got := dossierPath(dir, in); got != filepath.Join(dir, want) {
			t.Errorf("dossierPath(%q) = %q, want %q", in, got, filepath.Join(dir, want))
		}
	}
}
