package dossier

import (
	"reflect"
	"testing"
)

func req(id, short, section, text string, nature Nature, profiles ...string) Requirement {
	if len(profiles) == 0 {
		profiles = []string{"Général"}
	}
	return Requirement{ID: id, ShortID: short, Section: section, Statement: text, Nature: nature, Profiles: profiles}
}

func cat(reqs ...Requirement) *Catalogue { return &Catalogue{Requirements: reqs} }

func TestDiffCatalogues(t *testing.T) {
	base := cat(
		req("RIS.INS.01", "INS.01", "INS", "Le logiciel DOIT appeler INSi.", Exigence),
		req("RIS.INS.02", "INS.02", "INS", "Le logiciel DOIT afficher l'INS.", Exigence),
		req("RIS.MSS.01", "MSS.01", "MSS", "Le logiciel PEUT envoyer.", Preconisation),
	)
	tests := []struct {
		name      string
		old, new  *Catalogue
		added     []string
		removed   []string
		changed   []ChangedReq
		unchanged int
	}{
		{
			name: "identical", old: base, new: base,
			added: []string{}, removed: []string{}, changed: []ChangedReq{}, unchanged: 3,
		},
		{
			name: "prefix dropped matches on short ID, whitespace ignored",
			old:  base,
			new: cat(
				req("INS.01", "", "INS", "Le logiciel  DOIT\nappeler INSi.", Exigence),
				req("INS.02", "INS.02", "INS", "Le logiciel DOIT afficher l'INS.", Exigence),
				req("MSS.01", "MSS.01", "MSS", "Le logiciel PEUT envoyer.", Preconisation),
			),
			added: []string{}, removed: []string{}, changed: []ChangedReq{}, unchanged: 3,
		},
		{
			name: "added, removed and each kind of change",
			old:  base,
			new: cat(
				req("SC.INS.01", "INS.01", "INS", "Le logiciel DOIT appeler le téléservice INSi.", Exigence),
				req("RIS.INS.02", "INS.02", "IDT", "Le logiciel DOIT afficher l'INS.", Preconisation, "Référentiel d'identités"),
				req("DMP/UX.06", "DMP/UX.06", "DMP", "Le logiciel DOIT alimenter le DMP.", Exigence),
			),
			added:   []string{"DMP/UX.06"},
			removed: []string{"RIS.MSS.01"},
			changed: []ChangedReq{
				{RequirementID: RequirementID{Old: "RIS.INS.01", New: "SC.INS.01"}, Statement: true},
				{RequirementID: RequirementID{Old: "RIS.INS.02", New: "RIS.INS.02"}, Profiles: true, Nature: true, Section: true},
			},
		},
		{
			name: "ambiguous short ID is not matched",
			old:  cat(req("RIS.INS.01", "INS.01", "INS", "A", Exigence)),
			new: cat(
				req("SC.INS.01", "INS.01", "INS", "A", Exigence),
				req("CH.INS.01", "INS.01", "INS", "A", Exigence),
			),
			added: []string{"SC.INS.01", "CH.INS.01"}, removed: []string{"RIS.INS.01"}, changed: []ChangedReq{},
		},
		{
			name:  "summary text counts when there is no statement",
			old:   cat(Requirement{ID: "RIS.DOC.01", ShortID: "DOC.01", Section: "DOC", Summary: "paraphrase", Nature: Exigence, Profiles: []string{"Général"}}),
			new:   cat(req("DOC.01", "DOC.01", "DOC", "Texte officiel.", Exigence)),
			added: []string{}, removed: []string{},
			changed: []ChangedReq{{RequirementID: RequirementID{Old: "RIS.DOC.01", New: "DOC.01"}, Statement: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DiffCatalogues(tt.old, tt.new)
			if !reflect.DeepEqual(d.Added, tt.added) || !reflect.DeepEqual(d.Removed, tt.removed) {
				t.Errorf("added %v removed %v, want %v %v", d.Added, d.Removed, tt.added, tt.removed)
			}
			if !reflect.DeepEqual(d.Changed, tt.changed) {
				t.Errorf("changed %+v, want %+v", d.Changed, tt.changed)
			}
			if len(d.Unchanged) != tt.unchanged {
				t.Errorf("unchanged %v, want %d", d.Unchanged, tt.unchanged)
			}
			if d.Empty() != (len(tt.added)+len(tt.removed)+len(tt.changed) == 0) {
				t.Errorf("Empty() = %v", d.Empty())
			}
		})
	}
}

// A Vague 2 requirement naming its Vague 1 ID ("VA N-1") meets it, by full
// or short ID, so that states and evidence carry along the mapping.
func TestDiffCataloguesPreviousWave(t *testing.T) {
	old := cat(
		req("RIS.INS.01", "INS.01", "INS", "Le logiciel DOIT appeler INSi.", Exigence),
		req("RIS.MSS.01", "MSS.01", "MSS", "Le logiciel PEUT envoyer.", Preconisation),
	)
	va1 := req("INS/va1.01", "INS/va1.01", "INS", "Le logiciel DOIT appeler INSi.", Exigence)
	va1.PreviousIDs = []string{"INS.01"}
	mss := req("MSS/va1.01", "MSS/va1.01", "MSS", "Le logiciel PEUT envoyer un message.", Preconisation)
	mss.PreviousIDs = []string{"RIS.MSS.01"}
	d := DiffCatalogues(old, cat(va1, mss))
	if len(d.Added) != 0 || len(d.Removed) != 0 {
		t.Fatalf("added %v removed %v, want every requirement matched", d.Added, d.Removed)
	}
	if want := []RequirementID{{Old: "RIS.INS.01", New: "INS/va1.01"}}; !reflect.DeepEqual(d.Unchanged, want) {
		t.Errorf("unchanged %v, want %v", d.Unchanged, want)
	}
	if len(d.Changed) != 1 || d.Changed[0].Old != "RIS.MSS.01" || d.Changed[0].New != "MSS/va1.01" || !d.Changed[0].Statement {
		t.Errorf("changed %+v", d.Changed)
	}
}
