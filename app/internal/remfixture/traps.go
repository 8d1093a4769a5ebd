package remfixture

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// TrapLayout is a layout of the ANS's real files, written with every trap
// met in them.
type TrapLayout int

const (
	// Published2024 is the 2024 published layout (Périmètre, ID, …,
	// Statut publication, VA N-1), two REMs in one sheet.
	Published2024 TrapLayout = iota
	// Working is an ANS working workbook: numeric "id exigence" before the
	// REM ID in "reference", "REM" and "arbitrage" columns, proofs as
	// "N° : text" lines in one "preuve" cell.
	Working
	// Squash is a Squash TM native export: sheet REQUIREMENT, PROJECT_NAME,
	// REQ_VERSION_* columns, HTML descriptions.
	Squash
)

// TrapRow is one requirement row of a trap workbook.
type TrapRow struct {
	REM, ID, Statement, Nature, Profile, Status, Previous, Scenario, Proof string
}

// TrapRows are the rows every trap workbook holds. For REM "RIS": nine
// requirements imported (mixed ID grammars, NBSP, stray and trailing
// spaces, HTML), one obsolete, one non-final, one with the "---" profile,
// one placeholder ID skipped. For REM "DPI": two requirements, one with
// the same ID as a RIS one (not a duplicate: another REM).
var TrapRows = []TrapRow{
	{"RIS", "DB.VI-CO.11", "Le système DOIT afficher les images.", "EXIGENCE", "Général", "Approuvée", "", "DB.VI-CO.11.01", "DB.VI-CO.11.01.01"},
	{"RIS", "DB.VI_SO.04", "Le système DOIT être accessible depuis le DMP.", "EXIGENCE", "Général", "Approuvée", "", "", ""},
	{"RIS", "DB/VI_SO.04", "Le système DOIT être accessible depuis la DRIMbox.", "EXIGENCE", "Général", "Approuvée", "", "", ""},
	{"RIS", "DB.SO.100", "Le système DOIT délivrer les images.", "EXIGENCE", "Général", "A retravailler", "", "", ""},
	{"RIS", "SC.DMP/CONF.01", "<p>Le syst&egrave;me DOIT &ecirc;tre conforme&nbsp;:</p><ul><li>au DMP</li><li>&agrave; l&#39;INS</li></ul>", "EXIGENCE", "Général", "Approuvée", "", "", ""},
	{"RIS", "SC. DMP/HISTO.01", "Le système DOIT\r\nalimenter l'historique.", "EXIGENCE", "---", "Approuvée", "", "", ""},
	{"RIS", "SGL.CDA/DD.05 ", "Le système PEUT dédoublonner.", "PRECONISATION", "Général", "Approuvée", "", "", ""},
	{"RIS", "PSC.01", "Le système DOIT permettre Pro Santé Connect.", "EXIGENCE", "Général", "Approuvée", "", "", ""},
	{"RIS", "\u00a0INS/va1.01\u00a0", "Le système DOIT appeler\u00a0INSi.", "EXIGENCE", "Général", "Approuvée", "INS.01", "INS/va1.01.01", "INS/va1.01.01.01"},
	{"RIS", "MSS/CONF.02", "Le système DOIT être obsolète.", "EXIGENCE", "Général", "Obsolète", "", "", ""},
	{"RIS", "LGC.VSM/va2.XX", "Le système DOIT attendre son numéro.", "EXIGENCE", "Général", "Approuvée", "", "", ""},
	{"DPI", "PSC.01", "Le système DOIT permettre Pro Santé Connect (DPI).", "EXIGENCE", "Général", "Approuvée", "", "", ""},
	{"DPI", "DPI.DMP/AIRS.03", "Le système DOIT être homologué.", "EXIGENCE", "Général", "Approuvée", "", "", ""},
}

// WriteTrapsXLSX writes TrapRows in the given layout.
func WriteTrapsXLSX(w io.Writer, layout TrapLayout) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Exigences"
	var head []any
	var row func(i int, r TrapRow) []any
	switch layout {
	case Published2024:
		head = []any{"Périmètre", "ID", "Chapitre", "Fonction", "Exigence", "Nature de l'exigence", "Profil", "N° scénario",
			"Scénario de conformité", "N° preuve 1", "Preuve 1", "Commentaire", "Statut publication", "VA N-1", "Criticité", "Ordre"}
		row = func(i int, r TrapRow) []any {
			return []any{r.REM, r.ID, "Chapitre", "Fonction " + r.ID, r.Statement, r.Nature, r.Profile, r.Scenario,
				"Scénario", r.Proof, "Capture", "", r.Status, r.Previous, "Majeure", i}
		}
	case Working:
		sheet = "prepub_va2_avec_scenarios"
		head = []any{"id exigence", "arbitrage", "REM", "ID Section", "reference", "reference socle", "profil", "section",
			"bloc", "fonction", "description", "ref scenario", "scenario", "preuve"}
		row = func(i int, r TrapRow) []any {
			proof := ""
			if r.Proof != "" {
				proof = r.Proof + " : Capture d'écran\n" + r.Proof + "2 : Journal"
			}
			return []any{30000 + i, r.Status, r.REM, "", r.ID, "SC." + r.ID, r.Profile, "Section", "Bloc", "",
				r.Statement, r.Scenario, "Scénario", proof}
		}
	case Squash:
		sheet = "REQUIREMENT"
		head = []any{"ACTION", "PROJECT_NAME", "REQ_PATH", "REQ_ID", "REQ_VERSION_REFERENCE", "REQ_VERSION_NAME",
			"REQ_VERSION_CRITICALITY", "REQ_VERSION_CATEGORY", "REQ_VERSION_STATUS", "REQ_VERSION_DESCRIPTION",
			"REQ_VERSION_CUF_PROFIL", "REQ_VERSION_CUF_SECTION", "REQ_VERSION_CUF_FONCTION"}
		status := map[string]string{"Approuvée": "APPROVED", "Obsolète": "OBSOLETE", "A retravailler": "WORK_IN_PROGRESS"}
		category := map[string]string{"EXIGENCE": "CRI", "PRECONISATION": "PRECO"}
		row = func(i int, r TrapRow) []any {
			project := "REM_" + r.REM + "_Radiologie [va2]"
			return []any{"C", project, "/" + project + "/" + r.ID, 40000 + i, r.ID, "Nom " + r.ID, "MAJOR",
				category[r.Nature], status[r.Status], "<p>" + r.Statement + "</p>", r.Profile, "INS_Identité", "Fonction"}
		}
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	for i, r := range TrapRows {
		cells := row(i, r)
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &cells); err != nil {
			return err
		}
	}
	return f.Write(w)
}
