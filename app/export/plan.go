package export

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// entry is one evidence file placed in the package. A plan holds one per
// proof: it points into the snapshot rather than copy it.
type entry struct {
	ev      *dossier.Evidence // in the snapshot
	req     *dossier.Requirement
	section string         // the section's code
	status  dossier.Status // the requirement's
	order   int            // 1-based position among the requirement's files
	path    string         // inside the package
	store   bool           // stored as is (already compressed), not deflated
}

// plan is the layout of a package, computed from a snapshot before any
// byte is written. It is a pure function of the snapshot, which is what
// makes two exports of the same dossier identical.
type plan struct {
	snap    dossier.Snapshot
	check   dossier.Report
	reqs    []*dossier.Requirement // applicable, in catalogue order
	entries []entry
	byReq   map[string][]int // entry indices per requirement ID
	total   int64            // bytes of evidence
	// stamp is the time of the dossier's last recorded change; it dates
	// every entry of the ZIP.
	stamp time.Time
	// scope is which requirements the package carries (scope.go).
	scope scope
	// now is the export time, for the days left on requests.
	now time.Time
}

// newPlan plans a full package.
func newPlan(snap dossier.Snapshot) plan {
	sc, _ := scopeOf(snap, false)
	return newScopedPlan(snap, sc)
}

// newScopedPlan plans a package of the requirements sc carries.
func newScopedPlan(snap dossier.Snapshot, sc scope) plan {
	p := plan{snap: snap, check: sc.scopedReport(snap.Info, dossier.Check(snap)), byReq: map[string][]int{}, scope: sc}
	cat := snap.Catalogue
	p.reqs = sc.filter(snap.Info, cat.Applicable(snap.Info.Profiles))
	secIndex := map[string]int{}
	for i, s := range cat.Sections {
		secIndex[s.Code] = i
	}
	p.stamp = snap.Info.UpdatedAt
	for _, st := range snap.States {
		if st.UpdatedAt.After(p.stamp) {
			p.stamp = st.UpdatedAt
		}
	}
	byReq := map[string][]*dossier.Evidence{}
	for i := range snap.Evidence {
		ev := &snap.Evidence[i]
		byReq[ev.ReqID] = append(byReq[ev.ReqID], ev)
		if ev.AddedAt.After(p.stamp) {
			p.stamp = ev.AddedAt
		}
	}
	p.stamp = p.stamp.UTC().Truncate(time.Second)
	// 1980-01-01 is the earliest time a ZIP (MS-DOS) timestamp can hold.
	if earliest := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); p.stamp.Before(earliest) {
		p.stamp = earliest
	}
	// Sections in catalogue order, requirements in catalogue order within
	// their section: that is the order of the folders and of the entries.
	if sc.only == nil {
		p.addMandates(byReq[dossier.MandateReqID])
	}
	reqs := append([]*dossier.Requirement(nil), p.reqs...)
	sort.SliceStable(reqs, func(i, j int) bool { return secIndex[reqs[i].Section] < secIndex[reqs[j].Section] })
	for _, req := range reqs {
		evs := byReq[req.ID]
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
		sec, _ := cat.Section(req.Section)
		dir := fmt.Sprintf("%02d-%s/%s/", secIndex[req.Section]+1, sanitize(sec.Code, 20), sanitize(req.ID, 40))
		names := nameSet{}
		st := dossier.StateOf(snap.States, req.ID)
		for i, ev := range evs {
			name := names.unique(fileName(i+1, ev.ProofID, ev.Caption, ev.Name, maxPath-len(dir)), maxPath-len(dir))
			p.byReq[req.ID] = append(p.byReq[req.ID], len(p.entries))
			p.entries = append(p.entries, entry{ev: ev, req: req, section: sec.Code, status: st.Status, order: i + 1, path: dir + name, store: alreadyCompressed(ev)})
			p.total += ev.Size
		}
	}
	return p
}

func alreadyCompressed(ev *dossier.Evidence) bool {
	// Extensions whose content is already compressed: deflating them again
	// costs time for nothing.
	switch extension(ev.Name) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".avif",
		".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mp3", ".ogg",
		".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar",
		".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp":
		return true
	}
	return ev.Kind == dossier.KindVideo || ev.Kind == dossier.KindArchive
}

// entriesOf lists a requirement's files.
func (p *plan) entriesOf(reqID string) []*entry {
	var out []*entry
	for _, i := range p.byReq[reqID] {
		out = append(out, &p.entries[i])
	}
	return out
}

// profilesOf is the requirement's profiles as one string.
func profilesOf(r *dossier.Requirement) string { return strings.Join(r.Profiles, " ; ") }

// addMandates places the group mandate documents under 00-CANDIDATURE/.
func (p *plan) addMandates(evs []*dossier.Evidence) {
	req := &dossier.Requirement{ID: dossier.MandateReqID, Section: "CANDIDATURE", Nature: dossier.Exigence}
	names := nameSet{}
	const dir = "00-CANDIDATURE/"
	for i, ev := range evs {
		name := names.unique(fileName(i+1, "", ev.Caption, ev.Name, maxPath-len(dir)), maxPath-len(dir))
		p.byReq[req.ID] = append(p.byReq[req.ID], len(p.entries))
		p.entries = append(p.entries, entry{ev: ev, req: req, section: req.Section, order: i + 1, path: dir + name, store: alreadyCompressed(ev)})
		p.total += ev.Size
	}
}
