package fr

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 avertissement", 1: "1 avertissement", 7: "7 avertissements", 1234: "1\u202f234 avertissements"} {
		if got := Plural(n, "avertissement", "avertissements"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 octet", 512: "512 octets", 1536: "1,5\u00a0Ko", 500 << 20: "500\u00a0Mo", 3 << 30: "3\u00a0Go"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestErrorIsOneSentenceWithoutCause(t *testing.T) {
	cause := errors.New("open x: no such file or directory")
	err := fmt.Errorf("opening: %w", dossier.E(dossier.FaultLocked, "d.segur", cause))
	got := Error(err)
	if strings.Contains(got, "no such file") || !strings.Contains(got, "d.segur") || !strings.HasSuffix(got, ".") {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultLocked}) || errors.Is(err, &dossier.Error{Fault: dossier.FaultDamaged}) {
		t.Error("errors.Is by fault does not hold")
	}
	if Error(cause) == "" || strings.Contains(Error(cause), "no such") {
		t.Errorf("untyped error shown as %q", Error(cause))
	}
}

func TestNoRoomSaysHowMuch(t *testing.T) {
	got := Error(dossier.ED(dossier.FaultNoRoom, "d.segur", "3221225472", errors.New("statfs")))
	if !strings.Contains(got, "3\u00a0Go") || !strings.Contains(got, "d.segur") || strings.Contains(got, "statfs") {
		t.Errorf("Error() = %q", got)
	}
}

func TestPolicyNamesTheRule(t *testing.T) {
	err := dossier.E(dossier.FaultPolicy, "demo.mp4", &dossier.Violation{Rule: dossier.RuleKind, Kind: dossier.KindOther})
	got := Error(err)
	if !strings.Contains(got, "«\u00a0autre") || !strings.Contains(got, "politique de fichiers") || strings.Contains(got, `"other"`) ||
		!strings.Contains(got, "«\u00a0demo.mp4\u00a0»") {
		t.Fatalf("policy sentence: %s", got)
	}
	if got := Error(dossier.E(dossier.FaultNoProof, "RIS.INS.01", nil)); !strings.Contains(got, "hors application") {
		t.Fatalf("no proof sentence: %s", got)
	}
}
