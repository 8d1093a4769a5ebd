// Package remfixture generates REM-like files (XLSX in the two ANS layouts,
// PDF tables) with known content, for the tests, fuzz seeds and benchmarks
// of package rem, and hostile PDFs, which the thumbnailer's tests (package
// thumb) render too. The text is invented; only the layouts are the ANS ones.
package remfixture

import (
	"fmt"
	"strings"
)

// Req is one generated requirement with what the reader should find.
type Req struct {
	ID           string
	Section      string
	SectionLabel string
	Profile      string // "" for the mandatory profile Général
	Preco        bool
	Statement    string
	Scenarios    []Scenario
}

// Scenario is a generated conformity scenario with its proof numbers.
type Scenario struct {
	ID     string
	Text   string
	Proofs []string // proof IDs; their text is "Preuve <ID>"
}

var (
	sections = []struct{ code, label string }{
		{"INS", "Identité nationale de santé"}, {"MSS", "Échanges via MSSanté"},
		{"DMP", "Dossier médical partagé"}, {"DOC", "Production du document"},
		{"ANN", "Annuaire santé"}, {"SSI", "Sécurité des systèmes d'information"},
	}
	profiles = []string{"Référentiel d'identités", "Opérateur Mailiz", "Stockage des copies de titres d'identité"}
	phrases  = []string{
		"vérifier l'identité du patient auprès du téléservice INSi avant toute qualification",
		"conserver la trace des appels et des réponses reçues, horodatées et consultables par l'administrateur",
		"présenter à l'utilisateur un message d'erreur explicite lorsque le service distant est indisponible",
		"générer un document conforme au volet CI-SIS correspondant, au format PDF/A-1 embarqué",
		"permettre la saisie des traits d'identité stricts sans altération des caractères accentués (é, è, ç, à)",
	}
)

// Scheme selects the identifier scheme of generated requirements.
type Scheme int

const (
	// Va1 gives Vague 1 IDs: RIS.INS.01.
	Va1 Scheme = iota
	// Va2 gives Vague 2 IDs: INS/va1.01, SC.MSS/CONF.02, DMP/UX.03.
	Va2
)

// Requirements generates n requirements, deterministically. Every 7th is a
// préconisation, every 5th belongs to a conditional profile; statements
// vary in length so that PDF cells wrap over several lines.
func Requirements(n int, scheme Scheme) []Req {
	out := make([]Req, 0, n)
	counters := map[string]int{}
	for i := 0; i < n; i++ {
		s := sections[i%len(sections)]
		counters[s.code]++
		num := counters[s.code]
		var id string
		switch {
		case scheme == Va1:
			id = fmt.Sprintf("RIS.%s.%02d", s.code, num)
		case i%3 == 0:
			id = fmt.Sprintf("%s/va1.%02d", s.code, num)
		case i%3 == 1:
			id = fmt.Sprintf("SC.%s/CONF.%02d", s.code, num)
		default:
			id = fmt.Sprintf("%s/UX.%02d", s.code, num)
		}
		r := Req{ID: id, Section: s.code, SectionLabel: s.label, Preco: i%7 == 3}
		if i%5 == 2 {
			r.Profile = profiles[i%len(profiles)]
		}
		verb := "DOIT"
		if r.Preco {
			verb = "PEUT"
		}
		var st []string
		for k := 0; k <= i%4; k++ {
			st = append(st, phrases[(i+k)%len(phrases)])
		}
		r.Statement = fmt.Sprintf("Exigence %d : le logiciel %s %s.", i+1, verb, strings.Join(st, ", puis "))
		short := id
		if p := strings.Index(id, "."); strings.Count(id, ".") > 1 && p > 0 {
			short = id[p+1:]
		}
		for k := 1; k <= 1+i%2; k++ {
			sc := Scenario{ID: fmt.Sprintf("%s.%02d", short, k), Text: fmt.Sprintf("Scénario %d de l'exigence %s : démontrer le comportement attendu.", k, short)}
			for p := 1; p <= 1+(i+k)%3; p++ {
				sc.Proofs = append(sc.Proofs, fmt.Sprintf("%s.%02d", sc.ID, p))
			}
			r.Scenarios = append(r.Scenarios, sc)
		}
		out = append(out, r)
	}
	return out
}

// ProfileName is the profile the reader should give r.
func (r Req) ProfileName() string {
	if r.Profile == "" {
		return "Général"
	}
	return r.Profile
}

// ProofCount is the number of proof numbers of r.
func (r Req) ProofCount() int {
	n := 0
	for _, s := range r.Scenarios {
		n += len(s.Proofs)
	}
	return n
}
