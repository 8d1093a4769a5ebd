package rem

import (
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Statuses as the ANS writes them: in French in its workbooks
// ("Approuvée", "Obsolète", "A retravailler", "En cours d'instruction"),
// in English in Squash TM ("APPROVED", "OBSOLETE", "UNDER_REVIEW",
// "WORK_IN_PROGRESS"), and the publication statuses of the published REM
// ("Inchangée", "Modifiée", "Nouvelle").

// obsoleteStatus tells whether a status withdraws the requirement.
func obsoleteStatus(s string) bool {
	f := dossier.Fold(s)
	return strings.Contains(f, "obsolete") || strings.Contains(f, "supprime") || f == "retiree" || f == "deprecated"
}

// nonFinalStatus tells whether a status says the requirement may still
// change: it is imported and flagged "non définitive".
func nonFinalStatus(s string) bool {
	f := strings.NewReplacer("_", " ", "-", " ").Replace(dossier.Fold(s))
	for _, w := range []string{"retravailler", "work in progress", "under review", "instruction", "brouillon", "draft", "a valider", "en cours", "a revoir", "en attente"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}
