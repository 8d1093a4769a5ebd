package export

import (
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// unzipFolder is the longest folder a Windows user unzips a package into
// with "Extract All" from Downloads: a 20-character account name (the
// Windows maximum) and a package name of 60 characters.
var unzipFolder = `C:\Users\` + strings.Repeat("u", 20) + `\Downloads\` + strings.Repeat("p", maxPackageName) + `\`

// windowsInvalid tells why a path component is refused by Windows, or "".
func windowsInvalid(c string) string {
	switch {
	case c == "":
		return "empty"
	case strings.ContainsAny(c, `<>:"/\|?*`):
		return "reserved character"
	case strings.HasSuffix(c, ".") || strings.HasSuffix(c, " "):
		return "trailing dot or space"
	case reserved(c):
		return "reserved device name"
	}
	for _, r := range c {
		if r < 0x20 {
			return "control character"
		}
	}
	return ""
}

// hostileSnapshot is the embedded catalogue with a section code and a
// requirement ID that are Windows device names, long and full of
// characters Windows refuses, and evidence with the worst names and
// captions: long, duplicated, reserved, with trailing dots.
func hostileSnapshot(t *testing.T) dossier.Snapshot {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	old := cat.Sections[0].Code
	cat.Sections[0].Code = `COM1 <"sección|?*"> ` + strings.Repeat("Z", 40)
	var req *dossier.Requirement
	for i := range cat.Requirements {
		if cat.Requirements[i].Section == old {
			cat.Requirements[i].Section = cat.Sections[0].Code
			if req == nil {
				req = &cat.Requirements[i]
			}
		}
	}
	req.ID = "LPT1." + strings.Repeat("é:x/", 30)
	profiles, _ := cat.NormalizeProfiles(nil)
	snap := dossier.Snapshot{
		Info:      dossier.Info{Name: "d", Profiles: profiles, UpdatedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
		Catalogue: cat,
		States:    map[string]dossier.ReqState{},
	}
	names := []struct{ name, caption, proof string }{
		{"CON", "", ""},
		{"nul.txt", "", ""},
		{"aux.", "", ""},
		{"rapport final. ", "", ""},
		{`a<b>c:d"e|f?g*h.log`, "", ""},
		{"x.png", strings.Repeat("Très longue légende ", 20), "DMP/va1.13.01.02"},
		{"x.png", strings.Repeat("Très longue légende ", 20), "DMP/va1.13.01.02"},
		{"x.png", strings.Repeat("Très longue légende ", 20), "DMP/va1.13.01.02"},
		{"vidéo.mp4", strings.Repeat("ü", 200), strings.Repeat("P", 80)},
	}
	for i, n := range names {
		snap.Evidence = append(snap.Evidence, dossier.Evidence{ID: uint64(i + 1), ReqID: req.ID, Name: n.name,
			Caption: n.caption, ProofID: n.proof, Size: 1, SHA256: strings.Repeat("0", 64)})
	}
	return snap
}

func TestExportPathsAreValidOnWindowsOnceUnzipped(t *testing.T) {
	p := newPlan(hostileSnapshot(t))
	if len(p.entries) != 9 {
		t.Fatalf("%d entries, want 9", len(p.entries))
	}
	seen := map[string]bool{}
	for _, e := range p.entries {
		full := unzipFolder + strings.ReplaceAll(e.path, "/", `\`)
		if n := len([]rune(full)); n > 240 {
			t.Errorf("%s: %d characters once unzipped, more than 240", full, n)
		}
		for _, c := range strings.Split(e.path, "/") {
			if why := windowsInvalid(c); why != "" {
				t.Errorf("%q in %q: %s", c, e.path, why)
			}
		}
		if low := strings.ToLower(e.path); seen[low] {
			t.Errorf("%q twice (Windows ignores case)", e.path)
		} else {
			seen[low] = true
		}
	}
}

func TestExportPathsAreDeterministic(t *testing.T) {
	a, b := newPlan(hostileSnapshot(t)), newPlan(hostileSnapshot(t))
	for i := range a.entries {
		if a.entries[i].path != b.entries[i].path {
			t.Errorf("entry %d: %q then %q", i, a.entries[i].path, b.entries[i].path)
		}
	}
}
