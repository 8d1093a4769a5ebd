package main

import (
	"strings"
	"testing"
)

func TestWantsGUI(t *testing.T) {
	cases := []struct {
		args []string
		want bool
	}{
		{nil, true},
		// What Explorer passes for a double-clicked dossier ("%1").
		{[]string{`C:\Users\Zoé\Documents\Candidature été.SEGUR`}, true},
		{[]string{"/home/zoé/Candidature.segur"}, true},
		{[]string{"status", `C:\Users\Zoé\Documents\Candidature.segur`}, false},
		{[]string{"a.segur", "b.segur"}, false},
		{[]string{"help"}, false},
	}
	for _, tc := range cases {
		if got := wantsGUI(tc.args); got != tc.want {
			t.Errorf("wantsGUI(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestCLIRefusesNetworkShareInFrench(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"status", `\\serveur\partage\Candidature.segur`},
		{"new", `//serveur/partage/Nouveau.segur`, "--name", "a", "--vendor", "b", "--product", "c", "--version", "1"},
	} {
		out, stderr, code := runCLI(t, dir, args...)
		if code != 1 || !strings.Contains(stderr, "lecteur réseau") || strings.Contains(stderr, "network_drive") || out != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 1 and the French sentence", args, code, out, stderr)
		}
	}
}
