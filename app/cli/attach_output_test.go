package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestNotAddedGroupsOneReasonOnOneLine(t *testing.T) {
	var failed []dossier.AttachResult
	stop := dossier.E(dossier.FaultCancelled, "", dossier.ErrCancelled)
	for i := range 15 {
		failed = append(failed, dossier.AttachResult{Path: fmt.Sprintf("/logs/l%02d.log", i), Err: fmt.Errorf("l%02d.log non ajouté : %w", i, stop)})
	}
	failed = append(failed, dossier.AttachResult{Path: "/x/vide.txt", Err: dossier.E(dossier.FaultEmptyEvidence, "/x/vide.txt", nil)})
	var out bytes.Buffer
	printNotAdded(&out, failed)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one per reason:\n%s", len(lines), out.String())
	}
	if !strings.Contains(lines[0], "15 fichiers non ajoutés : l00.log, l01.log") || !strings.Contains(lines[0], "l09.log et 5 autres") ||
		strings.Contains(lines[0], "l10.log") || !strings.Contains(lines[0], "annulée") {
		t.Fatalf("grouped line: %s", lines[0])
	}
	if !strings.Contains(lines[1], "vide.txt\u00a0» est vide") {
		t.Fatalf("single failure: %s", lines[1])
	}
}
