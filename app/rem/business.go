package rem

import (
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Business scenarios ("Scénarios coeur de métier" in the published REM,
// "scenarios" in working workbooks) prove several requirements at once:
// each row names the requirements it covers (Exigence 1‥10) and its proof
// numbers (SCN_DB/CO.01.01.01). Those proofs become expected proofs of
// every requirement named, so that a requirement with no scenario of its
// own is still provable.

// applyBusiness adds the business scenarios of the rows to the
// requirements they name, and lists in the report the IDs named that the
// REM does not have.
func applyBusiness(b *builder, hm headingMap, rows [][]string) {
	index := map[string]*entry{}
	for _, e := range b.entries {
		index[strings.ToUpper(e.req.ID)] = e
		if e.req.ShortID != "" {
			if _, dup := index[strings.ToUpper(e.req.ShortID)]; !dup {
				index[strings.ToUpper(e.req.ShortID)] = e
			}
		}
	}
	for _, row := range rows {
		it := hm.rowItem(row, "")
		ref := it.scenarioID
		if ref == "" {
			ref = it.id
		}
		sc := item{scenarioID: ref, scenarioText: it.scenarioText, proofs: it.proofs}
		if sc.scenarioText == "" && ref == "" && len(sc.proofs) == 0 {
			continue
		}
		linked := false
		for _, col := range hm.reqRefs {
			if col >= len(row) {
				continue
			}
			id, ok := normalizeID(row[col])
			if !ok {
				continue
			}
			e := index[strings.ToUpper(id)]
			if e == nil {
				if !contains(b.rep.Unlinked, id) {
					b.rep.Unlinked = append(b.rep.Unlinked, id)
				}
				continue
			}
			b.addBusinessScenario(e, sc)
			linked = true
		}
		if linked {
			b.rep.BusinessScenarios++
		}
	}
}

// addBusinessScenario adds a business scenario to a requirement, merged
// with the one of the same number already there.
func (b *builder) addBusinessScenario(e *entry, it item) {
	id := cleanID(it.scenarioID)
	r := &e.req
	for i := range r.Scenarios {
		if id != "" && r.Scenarios[i].ID == id {
			b.addProofs(&r.Scenarios[i], it.proofs)
			return
		}
	}
	r.Scenarios = append(r.Scenarios, dossier.Scenario{ID: id, Text: plainText(it.scenarioText)})
	b.addProofs(&r.Scenarios[len(r.Scenarios)-1], it.proofs)
}
