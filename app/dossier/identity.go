package dossier

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Contact is a person the ANS may reach about the application.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Candidature is the administrative side of the application (the "Fiche
// candidature" of the enrolment): who applies, for which version, and the
// commitments made. The vendor's name, the product and its version are in
// Info (Vendor, Product, ProductVersion).
type Candidature struct {
	SIREN    string    `json:"siren,omitempty"` // SIREN (9 digits) or SIRET (14), digits only
	Address  string    `json:"address,omitempty"`
	Contacts []Contact `json:"contacts,omitempty"`
	// ReadyForSale states that ProductVersion is the version ready for sale.
	ReadyForSale bool   `json:"ready_for_sale"`
	Corridor     string `json:"corridor,omitempty"`
	Wave         string `json:"wave,omitempty"`
	// PlatformRef is the product reference given by the ANS platform.
	PlatformRef string `json:"platform_ref,omitempty"`
	// CharterDate (YYYY-MM-DD) and CharterBy record the acceptance of the
	// referencing charter.
	CharterDate string `json:"charter_date,omitempty"`
	CharterBy   string `json:"charter_by,omitempty"`
	// Group is a group application: Members are the legal entities, one of
	// them the Representative named by a mandate (attached as a document
	// under MandateReqID, checked by the completeness check).
	Group          bool     `json:"group"`
	Members        []string `json:"members,omitempty"`
	Representative string   `json:"representative,omitempty"`
}

// MandateReqID is the slot that holds the group mandate: evidence attached
// there belongs to the application, not to a requirement of the catalogue.
const MandateReqID = "CANDIDATURE.MANDAT"

// CandidatureGap is the Req of the completeness gaps of the application's
// identity (a group without its mandate, for instance).
const CandidatureGap = "CANDIDATURE"

// reservedReq tells the slots of the application itself from requirements.
func reservedReq(id string) bool { return strings.HasPrefix(id, "CANDIDATURE.") }

// IdentityKeys lists the keys `identity --set` accepts, in display order.
// contact.N.name|role|email|phone address the N-th contact (from 1).
var IdentityKeys = []string{"name", "vendor", "product", "version", "siren", "address",
	"contact.N.name", "contact.N.role", "contact.N.email", "contact.N.phone", "ready_for_sale",
	"corridor", "wave", "platform_ref", "charter_date", "charter_by", "group", "members", "representative"}

// ValidSIREN tells whether s (spaces allowed) is a SIREN (9 digits) or a
// SIRET (14 digits) whose Luhn key is right. SIRETs of La Poste (SIREN
// 356000000), which the INSEE numbers with another rule, are accepted when
// their digit sum is a multiple of 5.
func ValidSIREN(s string) (string, bool) {
	d := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '.' {
			return -1
		}
		return r
	}, s)
	if len(d) != 9 && len(d) != 14 {
		return d, false
	}
	sum, plain := 0, 0
	for i := range len(d) {
		c := d[len(d)-1-i]
		if c < '0' || c > '9' {
			return d, false
		}
		n := int(c - '0')
		plain += n
		if i%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	if len(d) == 14 && strings.HasPrefix(d, "356000000") && d != "35600000000048" {
		return d, plain%5 == 0
	}
	return d, sum%10 == 0
}

// applyIdentity sets one key of the identity; the caller saves.
func (s *Service) applyIdentity(in *Info, key, value string) error {
	v := strings.TrimSpace(value)
	c := in.Candidature
	switch key {
	case "name":
		in.Name = v
	case "vendor":
		in.Vendor = v
	case "product":
		in.Product = v
	case "version":
		in.ProductVersion = v
	case "siren", "siret":
		if v != "" {
			d, ok := ValidSIREN(v)
			if !ok {
				return E(FaultInvalidSIREN, v, nil)
			}
			v = d
		}
		c.SIREN = v
	case "address":
		c.Address = v
	case "ready_for_sale":
		return setYesNo(key, v, &c.ReadyForSale)
	case "corridor":
		c.Corridor = v
	case "wave":
		c.Wave = v
	case "platform_ref":
		c.PlatformRef = v
	case "charter_date":
		if v != "" {
			d, err := s.pastDay("charter_date", v)
			if err != nil {
				return err
			}
			v = d.Format(DayLayout)
		}
		c.CharterDate = v
	case "charter_by":
		c.CharterBy = v
	case "group":
		return setYesNo(key, v, &c.Group)
	case "members":
		c.Members = splitList(v)
	case "representative":
		c.Representative = v
	case "contacts":
		if v != "" {
			return ED(FaultInvalidIdentity, key, "contacts= (vide) efface la liste", nil)
		}
		c.Contacts = nil
	default:
		return setContact(c, key, v)
	}
	return nil
}

// setContact sets contact.N.field.
func setContact(c *Candidature, key, v string) error {
	parts := strings.Split(key, ".")
	if len(parts) != 3 || parts[0] != "contact" {
		return ED(FaultInvalidIdentity, key, strings.Join(IdentityKeys, ", "), nil)
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 1 || n > len(c.Contacts)+1 || n > 20 {
		return ED(FaultInvalidIdentity, key, fmt.Sprintf("contact.1 à contact.%d", len(c.Contacts)+1), nil)
	}
	if n == len(c.Contacts)+1 {
		c.Contacts = append(c.Contacts, Contact{})
	}
	ct := &c.Contacts[n-1]
	switch parts[2] {
	case "name":
		ct.Name = v
	case "role":
		ct.Role = v
	case "email":
		if v != "" && (!strings.Contains(v, "@") || strings.ContainsAny(v, " ;,")) {
			return ED(FaultInvalidIdentity, key, "une adresse de la forme nom@domaine.fr", nil)
		}
		ct.Email = v
	case "phone":
		ct.Phone = v
	default:
		return ED(FaultInvalidIdentity, key, "name, role, email ou phone", nil)
	}
	// A contact emptied of every field is removed.
	c.Contacts = slices.DeleteFunc(c.Contacts, func(x Contact) bool { return x == Contact{} })
	return nil
}

// setYesNo reads oui/non (yes/no, true/false, 1/0) into dst.
func setYesNo(key, v string, dst *bool) error {
	b, ok := ParseYesNo(v)
	if !ok {
		return ED(FaultInvalidIdentity, key, "oui ou non", nil)
	}
	*dst = b
	return nil
}

// ParseYesNo reads oui/non (yes/no, true/false, 1/0, on/off; empty is
// non); ok is false for anything else.
func ParseYesNo(v string) (b, ok bool) {
	switch Fold(v) {
	case "oui", "o", "yes", "y", "true", "1", "vrai", "on":
		return true, true
	case "non", "n", "no", "false", "0", "faux", "", "off":
		return false, true
	}
	return false, false
}

// splitList splits a list written with ';' (or ',') between items.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SetIdentity applies key=value settings to the dossier's identity and
// saves them in one write; nothing is saved when one of them is refused.
// Keys are listed in IdentityKeys.
func (s *Service) SetIdentity(settings [][2]string) (Info, error) {
	err := s.modifyInfo(func(in *Info) error {
		c := Candidature{}
		if in.Candidature != nil {
			c = *in.Candidature
			c.Contacts = slices.Clone(c.Contacts)
		}
		in.Candidature = &c
		for _, kv := range settings {
			if err := s.applyIdentity(in, strings.ToLower(strings.TrimSpace(kv[0])), kv[1]); err != nil {
				return err
			}
		}
		return in.Check()
	}, candidatureEvent)
	return s.Info(), err
}

// CandidatureOf is the dossier's application identity (empty when never
// filled in).
func CandidatureOf(in Info) Candidature {
	if in.Candidature == nil {
		return Candidature{}
	}
	return *in.Candidature
}

// checkCandidature adds the application's gaps to a completeness report:
// a group application needs its members, its representative and the
// mandate (evidence under MandateReqID).
func checkCandidature(snap Snapshot, sums map[string]ProofSummary, block, warn gapFunc) {
	c := CandidatureOf(snap.Info)
	if snap.Info.Candidature != nil {
		if c.SIREN == "" {
			warn(CandidatureGap, GapCandidature, "fiche candidature : SIREN/SIRET non renseigné")
		}
		if c.CharterDate == "" {
			warn(CandidatureGap, GapCandidature, "fiche candidature : acceptation de la charte de référencement non renseignée")
		}
	}
	if !c.Group {
		return
	}
	if len(c.Members) < 2 {
		block(CandidatureGap, GapCandidature, "candidature en groupement : indiquez au moins deux membres (members)")
	}
	if c.Representative == "" {
		block(CandidatureGap, GapCandidature, "candidature en groupement : indiquez le représentant désigné par le mandat (representative)")
	}
	if sums[MandateReqID].Count == 0 {
		block(CandidatureGap, GapCandidature, "candidature en groupement : joignez le mandat signé par chaque membre (identity --mandate)")
	}
}

// Line is the contact in one line: name · role · e-mail · phone.
func (c Contact) Line() string {
	var parts []string
	for _, s := range []string{c.Name, c.Role, c.Email, c.Phone} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// CharterText is the charter's acceptance in French: "acceptée le
// 02/11/2026 par Anne Martin", or "" when not recorded.
func (c Candidature) CharterText() string {
	if c.CharterDate == "" {
		return ""
	}
	s := "acceptée le " + FrenchDayOf(c.CharterDate)
	if c.CharterBy != "" {
		s += " par " + c.CharterBy
	}
	return s
}
