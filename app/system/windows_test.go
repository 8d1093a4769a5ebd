//go:build windows

package system

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// These run on Windows (or under Wine: see .ci/windows).

func TestDocumentsDirIsTheKnownFolder(t *testing.T) {
	d := DocumentsDir()
	if !strings.EqualFold(filepath.Base(d), "Documents") && !strings.EqualFold(filepath.Base(d), "My Documents") {
		t.Errorf("DocumentsDir() = %q, not a Documents folder", d)
	}
}

func TestLocalDriveIsNotRemote(t *testing.T) {
	dir := scratchDir(t)
	if remoteFileSystem(filepath.Join(dir, "x.segur")) {
		t.Errorf("%s reported as a network drive", dir)
	}
	if err := CheckLocation(`C:\Users\Zoé\Documents\Candidature.segur`); err != nil {
		t.Errorf("C: refused: %v", err)
	}
}

func TestOpenFileMissingIsAFrenchFault(t *testing.T) {
	err := OpenFile(filepath.Join(scratchDir(t), "absent é.png"))
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoApplication}) {
		t.Errorf("OpenFile(missing) = %v, want a no_application fault", err)
	}
}
