package dossier

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Gap is one reason a dossier is not complete, tied to a requirement
// (Req is empty for a dossier-wide gap). Kind groups gaps for people
// (gap.go); Reason is a French sentence.
type Gap struct {
	Req    string  `json:"req"`
	Kind   GapKind `json:"kind"`
	Reason string  `json:"reason"`
}

// Report is the result of the completeness check ("dossier complet").
// Blocking gaps prevent the export of a final package; warnings do not.
type Report struct {
	Complete bool  `json:"complete"`
	Blocking []Gap `json:"blocking"`
	Warnings []Gap `json:"warnings"`
}

// Snapshot is everything the completeness check and the export read about
// a dossier, taken at one moment.
type Snapshot struct {
	Info      Info
	Catalogue *Catalogue
	States    map[string]ReqState
	// Evidence is every item, ordered by ID; but when Proofs is set, only
	// those of the requirements whose files the completeness check names
	// (see detailed).
	Evidence []Evidence
	// Proofs, when not nil, is each requirement's evidence summary, as a
	// SummaryStore keeps them; nil, the summaries are made from Evidence.
	Proofs map[string]ProofSummary
	// Deposits and Requests are the rounds filed and the ANS requests.
	Deposits []Deposit
	Requests []Request
}

// Summaries is each requirement's evidence summary.
func (s Snapshot) Summaries() map[string]ProofSummary {
	if s.Proofs != nil {
		return s.Proofs
	}
	return SummarizeProofs(s.Evidence)
}

// EvidenceOf lists one requirement's evidence in the order added (in a
// snapshot with Proofs, only for a requirement that detailed names).
func (s Snapshot) EvidenceOf(reqID string) []Evidence {
	var out []Evidence
	for _, ev := range s.Evidence {
		if ev.ReqID == reqID {
			out = append(out, ev)
		}
	}
	return out
}

// Snapshot reads the dossier's identity, catalogue, states and evidence
// metadata (not content).
func (s *Service) Snapshot() (Snapshot, error) {
	return s.snapshot(func() ([]Evidence, error) { return s.store.ListEvidence("") })
}

// factSnapshot is Snapshot with the evidence summaries (see ProofSummary)
// and the facts (see Facts) of the requirements whose files the
// completeness check names: all that the check, the overview, the review
// and the tracking read, one summary per requirement rather than one
// fact per proof. With a store that keeps no summaries, they are made
// from every item's facts.
func (s *Service) factSnapshot() (Snapshot, error) {
	ss, ok := s.store.(SummaryStore)
	if !ok {
		return s.snapshot(s.store.EvidenceFacts)
	}
	var sums map[string]ProofSummary
	snap, err := s.snapshot(func() (facts []Evidence, err error) {
		sums, facts, err = ss.ProofSummaries(func(sums map[string]ProofSummary) []string {
			return detailed(s.Catalogue(), PolicyOf(s.Info()), sums)
		})
		return facts, err
	})
	snap.Proofs = sums
	return snap, err
}

// detailed lists the requirements whose files the completeness check
// names, one gap each: a file the policy refuses, or one tied to a proof
// number the requirement does not define.
func detailed(cat *Catalogue, policy FilePolicy, sums map[string]ProofSummary) []string {
	var out []string
	for id, sum := range sums {
		if policy.Breaks(sum) || cat != nil && cat.unknownProofsOf(id, sum) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// unknownProofsOf is unknownProofs for requirement id, false when the
// catalogue has no such requirement.
func (c *Catalogue) unknownProofsOf(id string, sum ProofSummary) bool {
	req, err := c.Requirement(id)
	return err == nil && unknownProofs(req, sum)
}

func (s *Service) snapshot(list func() ([]Evidence, error)) (Snapshot, error) {
	states, err := s.store.States()
	if err != nil {
		return Snapshot{}, err
	}
	evs, err := list()
	if err != nil {
		return Snapshot{}, err
	}
	if !slices.IsSortedFunc(evs, func(a, b Evidence) int { return cmp.Compare(a.ID, b.ID) }) {
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
	}
	return s.withLifecycle(Snapshot{Info: s.Info(), Catalogue: s.Catalogue(), States: states, Evidence: evs})
}

// Check runs the completeness check on the open dossier.
func (s *Service) Check() (Report, error) {
	snap, err := s.factSnapshot()
	if err != nil {
		return Report{}, err
	}
	return Check(snap), nil
}

// proofKinds maps each proof type of the catalogue to the evidence kinds
// that can carry it. A proof type missing here (or unknown) is never
// reported, since the app cannot tell which file answers it.
//
//	screenshot               → image
//	video                    → video
//	log                      → text, xml
//	smtp_source              → email
//	document_pdfa            → pdf
//	message_dump             → hl7, text, xml
//	config_extract           → text, xml, image
//	code_extract             → text, image
//	documentation            → pdf, text, archive
//	cnda_homologation        → pdf, image
//	paper_scan               → image, pdf
//	dashboard_export         → image, pdf, text
//	integration_report       → pdf, text, image
//	interop_test_report_link → text, pdf, image (the link saved as text, or a capture of the report)
func proofKinds(proofType string) []Kind {
	switch proofType {
	case "screenshot":
		return []Kind{KindImage}
	case "video":
		return []Kind{KindVideo}
	case "log":
		return []Kind{KindText, KindXML}
	case "smtp_source":
		return []Kind{KindEmail}
	case "document_pdfa":
		return []Kind{KindPDF}
	case "message_dump":
		return []Kind{KindHL7, KindText, KindXML}
	case "config_extract":
		return []Kind{KindText, KindXML, KindImage}
	case "code_extract":
		return []Kind{KindText, KindImage}
	case "documentation":
		return []Kind{KindPDF, KindText, KindArchive}
	case "cnda_homologation":
		return []Kind{KindPDF, KindImage}
	case "paper_scan":
		return []Kind{KindImage, KindPDF}
	case "dashboard_export":
		return []Kind{KindImage, KindPDF, KindText}
	case "integration_report", "interop_test_report_link":
		return []Kind{KindText, KindPDF, KindImage}
	}
	return nil
}

// Check applies the completeness rules to a snapshot: the dossier is
// complete when every applicable exigence is Prête with proof (a file, or
// a proof filed outside the application with a note) or Non applicable with
// a justification, and no other blocking gap remains.
//
// Blocking, for an applicable exigence: no proof (GapNoProof, whatever its
// status); proof but not Prête, that is À faire or En cours (GapNotReady);
// Non applicable without justification (GapJustification); flagged "à
// revoir" by a catalogue change (GapReview); a numbered proof without file
// (GapProofSlot); evidence the file policy refuses (GapPolicy). When the
// dossier requires review, an exigence with no other blocking gap must be
// validated by a reviewer: not yet, or no longer (its proofs changed), is
// GapToValidate; sent back for correction is GapToCorrect.
//
// Warnings: a préconisation without proof or still En cours; an expected
// proof type with no evidence of a matching kind (only once the
// requirement has some evidence); evidence tied to a proof number the
// requirement does not define.
func Check(snap Snapshot) Report {
	rep := Report{Blocking: []Gap{}, Warnings: []Gap{}}
	block := func(id string, k GapKind, format string, a ...any) {
		rep.Blocking = append(rep.Blocking, Gap{Req: id, Kind: k, Reason: fmt.Sprintf(format, a...)})
	}
	warn := func(id string, k GapKind, format string, a ...any) {
		rep.Warnings = append(rep.Warnings, Gap{Req: id, Kind: k, Reason: fmt.Sprintf(format, a...)})
	}
	cat := snap.Catalogue
	if cat == nil {
		block("", GapNoCatalogue, "le dossier n'a pas de catalogue d'exigences")
		return rep
	}
	policy := PolicyOf(snap.Info)
	rules := snap.Info.SignoffRules()
	byReq := map[string][]Evidence{}
	for _, ev := range snap.Evidence {
		byReq[ev.ReqID] = append(byReq[ev.ReqID], ev)
	}
	sums := snap.Summaries()
	checkCandidature(snap, sums, block, warn)
	for _, req := range cat.Applicable(snap.Info.Profiles) {
		if snap.Info.IsReferenced(req.ID) {
			continue // filed and accepted by a previous application
		}
		st := StateOf(snap.States, req.ID)
		sum := sums[req.ID]
		before := len(rep.Blocking)
		exigence := req.Nature != Preconisation
		if st.Review && exigence {
			block(req.ID, GapReview, "marquée «\u00a0à revoir\u00a0» après un changement de catalogue : relisez l'énoncé et confirmez son statut")
		}
		if st.Status == NonApplicable {
			if strings.TrimSpace(st.Justification) == "" {
				block(req.ID, GapJustification, "marquée «\u00a0Non applicable\u00a0» sans justification : ajoutez la justification")
			}
		} else {
			checkReady(req, st, sum.Count > 0, block, warn)
			if sum.Count > 0 {
				checkProofs(cat, req, sum, byReq[req.ID], block, warn)
			}
		}
		if policy.Breaks(sum) {
			for _, ev := range byReq[req.ID] {
				if v := policy.Violations(ev); len(v) > 0 {
					block(req.ID, GapPolicy, "le fichier «\u00a0%s\u00a0» ne respecte pas la politique de fichiers : %s", ev.Name, strings.Join(v, " ; "))
				}
			}
		}
		if exigence && len(rep.Blocking) == before {
			checkSignoff(req.ID, signoffOf(rules, req, st, sum.Set()), block)
		}
	}
	rep.Complete = len(rep.Blocking) == 0
	return rep
}

// checkSignoff turns an exigence's review into its blocking gap.
func checkSignoff(id string, so SignoffStatus, block gapFunc) {
	last := so.Last
	switch {
	case so.State == SignoffToCorrect:
		block(id, GapToCorrect, "renvoyée «\u00a0à corriger\u00a0» par %s le %s : %s ; corrigez, puis soumettez-la de nouveau", last.By, stamp(last.At), "«\u00a0"+last.Comment+"\u00a0»")
	case so.State != SignoffPending:
	case so.Outdated && last.Decision == Valide:
		block(id, GapToValidate, "ses preuves ont changé depuis sa validation par %s le %s : elle doit être validée de nouveau", last.By, stamp(last.At))
	default:
		block(id, GapToValidate, "pas encore validée : un relecteur qui n'a pas ajouté ses preuves doit la valider")
	}
}

// gapFunc records a gap of kind k on requirement id.
type gapFunc func(id string, k GapKind, format string, a ...any)

// checkReady applies the readiness rules to a requirement that is not Non
// applicable: an exigence needs proof (a file, or proof filed outside the
// application) and the status Prête.
func checkReady(req *Requirement, st ReqState, hasFiles bool, block, warn gapFunc) {
	proven := hasFiles || st.Offline
	if req.Nature == Preconisation {
		switch {
		case !proven:
			warn(req.ID, GapNoProof, "préconisation sans preuve (non contrôlée pour le référencement)")
		case st.Status != Prete:
			warn(req.ID, GapNotReady, "préconisation toujours «\u00a0%s\u00a0» (non contrôlée pour le référencement)", st.Status.Label())
		}
		return
	}
	switch {
	case !proven && st.Status == Prete:
		block(req.ID, GapNoProof, "marquée «\u00a0Prête\u00a0» sans aucune preuve : joignez une preuve ou indiquez une preuve déposée hors application, avec une note")
	case !proven:
		block(req.ID, GapNoProof, "exigence applicable sans aucune preuve : joignez une preuve ou marquez-la «\u00a0Non applicable\u00a0» avec une justification")
	case st.Status != Prete:
		block(req.ID, GapNotReady, "toujours «\u00a0%s\u00a0» : passez-la à «\u00a0Prête\u00a0» une fois les preuves vérifiées", st.Status.Label())
	}
}

// checkProofs applies the evidence rules to an applicable requirement that
// is not Non applicable and has evidence: sum is its summary, evs its
// items (read only when one is tied to an unknown proof number).
func checkProofs(cat *Catalogue, req *Requirement, sum ProofSummary, evs []Evidence, block, warn gapFunc) {
	slots := req.ProofSlots()
	known := map[string]bool{}
	for _, sl := range slots {
		known[sl.ID] = true
		if sum.ProofIDs[sl.ID] == 0 {
			if req.Nature == Preconisation {
				warn(req.ID, GapProofSlot, "preuve n° %s sans fichier", sl.ID)
			} else {
				block(req.ID, GapProofSlot, "preuve n° %s attendue sans fichier rattaché", sl.ID)
			}
		}
	}
	if unknownProofs(req, sum) {
		for _, ev := range evs {
			if ev.ProofID != "" && !known[ev.ProofID] {
				warn(req.ID, GapUnknownProof, "le fichier «\u00a0%s\u00a0» est rattaché au numéro de preuve %s, inconnu pour cette exigence", ev.Name, ev.ProofID)
			}
		}
	}
	for _, pt := range req.ProofTypes {
		want := proofKinds(pt)
		if len(want) == 0 {
			continue
		}
		found := false
		for _, k := range want {
			if sum.Kinds[k] > 0 {
				found = true
				break
			}
		}
		if !found {
			warn(req.ID, GapProofType, "preuve attendue de type «\u00a0%s\u00a0» : aucun fichier de ce type (%s)", cat.ProofTypeLabel(pt), kindsText(want))
		}
	}
}

func kindsText(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = k.Label()
	}
	return strings.Join(s, ", ")
}
