package dossier

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Nature tells an exigence (DOIT, controlled) from a préconisation (PEUT,
// guidance not controlled for referencing).
type Nature string

// The two natures of a REM item.
const (
	Exigence      Nature = "exigence"
	Preconisation Nature = "preconisation"
)

// Label is the French label of the nature.
func (n Nature) Label() string {
	if n == Preconisation {
		return "Préconisation"
	}
	return "Exigence"
}

// Profile is a referencing profile; Général is mandatory, the others are
// chosen by the vendor and add their requirements.
type Profile struct {
	Name      string `json:"name"`
	Mandatory bool   `json:"mandatory"`
}

// Section groups requirements (INS, MSS, DMP…).
type Section struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// ProofSlot is one numbered proof expected by a scenario
// (e.g. "DMP/va1.13.01.02").
type ProofSlot struct {
	ID   string `json:"id"`
	Text string `json:"text,omitempty"`
}

// Scenario is a conformity scenario of a requirement with its expected proofs.
type Scenario struct {
	ID     string      `json:"id"`
	Text   string      `json:"text,omitempty"`
	Proofs []ProofSlot `json:"proofs,omitempty"`
}

// Requirement is one REM item.
type Requirement struct {
	ID                 string     `json:"id"`
	ShortID            string     `json:"short_id"`
	Section            string     `json:"section"`
	Profiles           []string   `json:"profiles"`
	Nature             Nature     `json:"nature"`
	ProofTypes         []string   `json:"proof_types"`
	ProofTypesInferred bool       `json:"proof_types_inferred,omitempty"`
	Summary            string     `json:"summary,omitempty"`
	Statement          string     `json:"statement,omitempty"`
	Bloc               string     `json:"bloc,omitempty"`
	Function           string     `json:"function,omitempty"`
	Scenarios          []Scenario `json:"scenarios,omitempty"`
	Vague2Refs         []string   `json:"vague2_refs,omitempty"`
	Vague2ProofIDs     []string   `json:"vague2_proof_ids,omitempty"`
	// PreviousIDs are the IDs of the same requirement in the previous wave
	// (the REM's "VA N-1" column): a dossier switching from that wave
	// carries its states and evidence along them.
	PreviousIDs []string `json:"previous_ids,omitempty"`
	// NonFinal is the status, as the REM writes it, of a requirement not
	// yet final ("A retravailler", "UNDER_REVIEW"); empty when final.
	NonFinal string `json:"non_final,omitempty"`
	// NoProfile is set when the REM gives no profile ("---"): the
	// requirement applies whatever the profiles.
	NoProfile bool `json:"no_profile,omitempty"`
}

// Title is the requirement's short title, its function or its bloc, when
// the REM gives one; empty otherwise.
func (r *Requirement) Title() string {
	if r.Function != "" {
		return r.Function
	}
	return r.Bloc
}

// Text is the statement to show: the official one when imported, else the
// paraphrased summary.
func (r *Requirement) Text() string {
	if r.Statement != "" {
		return r.Statement
	}
	return r.Summary
}

// ProofSlots lists every expected proof number of the requirement, in order.
func (r *Requirement) ProofSlots() []ProofSlot {
	var out []ProofSlot
	for _, sc := range r.Scenarios {
		out = append(out, sc.Proofs...)
	}
	return out
}

// Catalogue is one version of a REM: what a dossier is checked against.
type Catalogue struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Corridor     string            `json:"corridor,omitempty"`
	Software     string            `json:"software,omitempty"`
	Vague        string            `json:"vague,omitempty"`
	Version      string            `json:"version,omitempty"`
	DSR          string            `json:"dsr,omitempty"`
	Provenance   string            `json:"provenance,omitempty"`
	Source       string            `json:"source,omitempty"`
	Profiles     []Profile         `json:"profiles"`
	Sections     []Section         `json:"sections"`
	ProofTypes   map[string]string `json:"proof_types,omitempty"`
	Requirements []Requirement     `json:"requirements"`

	byID map[string]int
}

// ParseCatalogue reads a catalogue in the JSON form of assets/ and checks it.
func ParseCatalogue(r io.Reader) (*Catalogue, error) {
	var c Catalogue
	dec := json.NewDecoder(r)
	if err := dec.Decode(&c); err != nil {
		return nil, E(FaultBadCatalogue, "", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Validate checks the catalogue's internal consistency and builds its index.
func (c *Catalogue) Validate() error {
	if len(c.Requirements) == 0 {
		return E(FaultBadCatalogue, c.Title, errors.New("no requirement"))
	}
	profiles := map[string]bool{}
	mandatory := 0
	for _, p := range c.Profiles {
		profiles[p.Name] = true
		if p.Mandatory {
			mandatory++
		}
	}
	if mandatory == 0 {
		return E(FaultBadCatalogue, c.Title, errors.New("no mandatory profile"))
	}
	sections := map[string]bool{}
	for _, s := range c.Sections {
		sections[s.Code] = true
	}
	c.byID = make(map[string]int, len(c.Requirements))
	for i, r := range c.Requirements {
		if r.ID == "" {
			return ED(FaultBadCatalogue, c.Title, fmt.Sprintf("n° %d", i+1), errors.New("requirement without ID"))
		}
		if _, dup := c.byID[r.ID]; dup {
			return ED(FaultBadCatalogue, c.Title, r.ID, errors.New("duplicate ID"))
		}
		if !sections[r.Section] {
			return ED(FaultBadCatalogue, c.Title, r.ID, fmt.Errorf("unknown section %q", r.Section))
		}
		if len(r.Profiles) == 0 {
			return ED(FaultBadCatalogue, c.Title, r.ID, errors.New("no profile"))
		}
		for _, p := range r.Profiles {
			if !profiles[p] {
				return ED(FaultBadCatalogue, c.Title, r.ID, fmt.Errorf("unknown profile %q", p))
			}
		}
		if r.Nature != Exigence && r.Nature != Preconisation {
			return ED(FaultBadCatalogue, c.Title, r.ID, fmt.Errorf("unknown nature %q", r.Nature))
		}
		c.byID[r.ID] = i
	}
	return nil
}

// Requirement returns the requirement with this ID (full or short form,
// case-insensitive), or ErrUnknownRequirement.
func (c *Catalogue) Requirement(id string) (*Requirement, error) {
	if c.byID == nil {
		if err := c.Validate(); err != nil {
			return nil, err
		}
	}
	if i, ok := c.byID[id]; ok {
		return &c.Requirements[i], nil
	}
	want := strings.ToUpper(strings.TrimSpace(id))
	for i := range c.Requirements {
		r := &c.Requirements[i]
		if strings.ToUpper(r.ID) == want || strings.ToUpper(r.ShortID) == want {
			return r, nil
		}
	}
	return nil, ED(FaultUnknownRequirement, id, c.Title, nil)
}

// Section returns the section with this code.
func (c *Catalogue) Section(code string) (Section, bool) {
	for _, s := range c.Sections {
		if s.Code == code {
			return s, true
		}
	}
	return Section{}, false
}

// MandatoryProfiles lists the names of the profiles every dossier has.
func (c *Catalogue) MandatoryProfiles() []string {
	var out []string
	for _, p := range c.Profiles {
		if p.Mandatory {
			out = append(out, p.Name)
		}
	}
	return out
}

// ProofTypeLabel is the French label of a proof type key.
func (c *Catalogue) ProofTypeLabel(key string) string {
	if l, ok := c.ProofTypes[key]; ok {
		return l
	}
	return key
}
