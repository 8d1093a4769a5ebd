package export

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"Écran identité":      "Ecran-identite",
		"CON":                 "_CON",
		"con.txt":             "_con.txt",
		"LPT1":                "_LPT1",
		"COM9.log":            "_COM9.log",
		"COMX":                "COMX",
		`a<b>c:d"e/f\g|h?i*j`: "a-b-c-d-e-f-g-h-i-j",
		"trailing dots...":    "trailing-dots",
		"  spaces  ":          "spaces",
		"tab\tnew\nline\x00":  "tab-new-line",
		"œuvre Ça ß":          "oeuvre-Ca-ss",
		"":                    "fichier",
		"...":                 "fichier",
		"日本語":                 "fichier",
	}
	for in, want := range cases {
		if got := sanitize(in, maxComponent); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	long := sanitize(strings.Repeat("é", 300), maxComponent)
	if len(long) > maxComponent || long == "" {
		t.Errorf("long name: %d bytes", len(long))
	}
}

func TestFileName(t *testing.T) {
	if got := fileName(1, "INS/va1.01.01.01", "Écran identité", "capture.PNG", maxPath); got != "01_INS-va1.01.01.01_Ecran-identite.png" {
		t.Errorf("with proof and caption: %q", got)
	}
	if got := fileName(12, "", "", `C:\logs\insi call.log`, maxPath); got != "12_insi-call.log" {
		t.Errorf("original name: %q", got)
	}
	got := fileName(3, "", strings.Repeat("a", 500), "x.mp4", maxPath)
	if len(got) > maxComponent || !strings.HasSuffix(got, ".mp4") || !strings.HasPrefix(got, "03_") {
		t.Errorf("long caption: %q (%d)", got, len(got))
	}
	if got := fileName(4, "", "légende", "x.png", 10); len(got) > 10 {
		t.Errorf("tight budget: %q", got)
	}
	if got := fileName(5, "", "nul", "file.weird$ext", maxPath); got != "05_nul" {
		t.Errorf("strange extension: %q", got)
	}
}

func TestNameSetUnique(t *testing.T) {
	s := nameSet{}
	got := []string{s.unique("01_a.png", maxComponent), s.unique("01_A.png", maxComponent), s.unique("01_a.png", maxComponent)}
	want := []string{"01_a.png", "01_A-2.png", "01_a-3.png"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("unique #%d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSafePath(t *testing.T) {
	for _, p := range []string{"01-INS/RIS.INS.01/01_a.png", "manifest.json", "a/b/"} {
		if !safePath(p) {
			t.Errorf("%q refused", p)
		}
	}
	for _, p := range []string{"../x", "a/../../x", "/etc/passwd", `a\b`, "C:/x", "a//b", "./a", "", "a/\x01b"} {
		if safePath(p) {
			t.Errorf("%q accepted", p)
		}
	}
}
