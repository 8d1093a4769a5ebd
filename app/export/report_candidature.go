package export

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// candidature prints, on the report's first page, what the package is
// (complete or since a round), the "Fiche candidature" and the college's
// decision.
func (r *reportWriter) candidature() {
	pdf, m := r.pdf, r.m
	pdf.Ln(3)
	r.line("B", 10, m.Package.Statement)
	c := dossier.CandidatureOf(r.p.snap.Info)
	rows := [][2]string{}
	add := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			rows = append(rows, [2]string{k, v})
		}
	}
	add("SIREN/SIRET", c.SIREN)
	add("Adresse", c.Address)
	for _, ct := range c.Contacts {
		add("Contact", ct.Line())
	}
	if c.ReadyForSale {
		add("Version", "la version "+m.Dossier.Version+" est la version prête à la commercialisation")
	}
	add("Couloir / vague", strings.Trim(c.Corridor+" · "+c.Wave, " ·"))
	add("Référence ANS", c.PlatformRef)
	add("Charte de référencement", c.CharterText())
	if c.Group {
		add("Groupement", strings.Join(c.Members, " ; "))
		add("Représentant", c.Representative)
		add("Mandat", fmt.Sprintf("%d document(s) joint(s) sous 00-CANDIDATURE/", len(r.p.byReq[dossier.MandateReqID])))
	}
	if d := r.p.snap.Info.Decision; d != nil {
		add("Décision", dossier.DecisionStateOf(r.p.snap.Info, r.p.snap.Deposits, m.ExportedAt).Line())
	}
	if len(rows) == 0 {
		return
	}
	pdf.Ln(2)
	r.heading(12, "Fiche candidature")
	for _, kv := range rows {
		pdf.SetFont("Helvetica", "B", 9)
		pdf.CellFormat(45, 5, r.text(kv[0]), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		pdf.MultiCell(0, 5, r.text(kv[1]), "", "L", false)
	}
}

// requirementsLabel names the cover's requirement count: all applicable
// ones, or those a delta package carries.
func requirementsLabel(m *Manifest) string {
	if m.Package.Kind == KindDelta {
		return "Exigences jointes à ce paquet"
	}
	return "Exigences applicables"
}
