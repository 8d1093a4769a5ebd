package dossier_test

import (
	"errors"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

func catalogue(t testing.TB) *dossier.Catalogue {
	t.Helper()
	c, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEmbeddedCatalogueShape(t *testing.T) {
	c := catalogue(t)
	if len(c.Requirements) != 117 || len(c.Sections) != 12 || len(c.Profiles) != 6 {
		t.Fatalf("got %d requirements, %d sections, %d profiles", len(c.Requirements), len(c.Sections), len(c.Profiles))
	}
	perSection := map[string]int{}
	natures := map[dossier.Nature]int{}
	for _, r := range c.Requirements {
		perSection[r.Section]++
		natures[r.Nature]++
	}
	want := map[string]int{"INS": 58, "MSS": 25, "DMP": 7, "CRR": 7, "DOC": 6, "ANN": 5, "TBB": 3, "AUTH": 2, "AC": 1, "INTRA": 1, "PSC": 1, "PORT": 1}
	for code, n := range want {
		if perSection[code] != n {
			t.Errorf("section %s: %d requirements, want %d", code, perSection[code], n)
		}
	}
	if natures[dossier.Exigence] != 114 || natures[dossier.Preconisation] != 3 {
		t.Errorf("natures: %v", natures)
	}
	if c.Provenance == "" {
		t.Error("provenance note missing")
	}
}

func TestApplicabilityPerProfile(t *testing.T) {
	c := catalogue(t)
	cases := []struct {
		profiles []string
		want     int
	}{
		{nil, 109},
		{[]string{"Référentiel d'identités"}, 111},
		{[]string{"Envoi manuel par MSS au PS Demandeur"}, 110},
		{[]string{"Opérateur Mailiz"}, 110},
		{[]string{"Authentification électronique unipersonnel avec utilisation du RPPS-Rang pour les cabinets libéraux en SCM (Société Civile de Moyen)"}, 112},
		{[]string{"Stockage des copies de titres d'identité"}, 110},
	}
	all := []string{}
	for _, tc := range cases {
		profiles, err := c.NormalizeProfiles(tc.profiles)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(c.Applicable(profiles)); got != tc.want {
			t.Errorf("%v: %d applicable, want %d", tc.profiles, got, tc.want)
		}
		all = append(all, tc.profiles...)
	}
	if got := len(c.Applicable(all)); got != 117 {
		t.Errorf("all profiles: %d applicable, want 117", got)
	}
}

func TestMatchProfile(t *testing.T) {
	c := catalogue(t)
	ok := map[string]string{
		"general":         "Général",
		"GÉNÉRAL":         "Général",
		"operateur":       "Opérateur Mailiz",
		"Référentiel":     "Référentiel d'identités",
		"authentif":       "Authentification électronique unipersonnel avec utilisation du RPPS-Rang pour les cabinets libéraux en SCM (Société Civile de Moyen)",
		"  stockage des ": "Stockage des copies de titres d'identité",
		"mailiz":          "Opérateur Mailiz",
		"RPPS":            "Authentification électronique unipersonnel avec utilisation du RPPS-Rang pour les cabinets libéraux en SCM (Société Civile de Moyen)",
	}
	for q, want := range ok {
		got, err := c.MatchProfile(q)
		if err != nil || got != want {
			t.Errorf("MatchProfile(%q) = %q, %v; want %q", q, got, err, want)
		}
	}
	if _, err := c.MatchProfile("xyz"); !errors.Is(err, dossier.ErrUnknownProfile) {
		t.Errorf("unknown profile: %v", err)
	}
	amb := &dossier.Catalogue{Profiles: []dossier.Profile{{Name: "Général", Mandatory: true}, {Name: "MSS envoi"}, {Name: "MSS réception"}}}
	if _, err := amb.MatchProfile("mss"); !errors.Is(err, dossier.ErrAmbiguousProfile) {
		t.Errorf("ambiguous prefix: %v", err)
	}
	if got, err := amb.MatchProfile("mss e"); err != nil || got != "MSS envoi" {
		t.Errorf("longer prefix: %q %v", got, err)
	}
	if _, err := c.MatchProfile("identit"); !errors.Is(err, dossier.ErrAmbiguousProfile) {
		t.Errorf("ambiguous part of a name: %v", err)
	}
	if _, err := c.MatchProfile(""); err == nil {
		t.Error("empty profile accepted")
	}
}

func TestRequirementLookup(t *testing.T) {
	c := catalogue(t)
	for _, id := range []string{"RIS.INS.01", "ris.ins.01", "INS.01"} {
		r, err := c.Requirement(id)
		if err != nil || r.ID != "RIS.INS.01" {
			t.Errorf("Requirement(%q) = %v, %v", id, r, err)
		}
	}
	if _, err := c.Requirement("RIS.XXX.99"); !errors.Is(err, dossier.ErrUnknownRequirement) {
		t.Errorf("unknown requirement: %v", err)
	}
}
