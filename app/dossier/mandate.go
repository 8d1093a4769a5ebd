package dossier

import (
	"context"
	"os"
	"path/filepath"
)

// AttachMandate stores the file at path as the group application's
// mandate, in its own slot (MandateReqID) beside the requirements. The
// checks of AttachFile apply (a readable, non-empty, regular file).
func (s *Service) AttachMandate(ctx context.Context, path, operator string) (Evidence, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Evidence{}, fileError(path, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return Evidence{}, ED(FaultUnsupportedFile, filepath.Base(path), "fichier vide ou qui n'est pas un fichier ordinaire", nil)
	}
	f, err := os.Open(path)
	if err != nil {
		return Evidence{}, fileError(path, err)
	}
	defer f.Close()
	mandate := &Requirement{ID: MandateReqID}
	src := &steadyReader{r: f, path: path, start: fi}
	return s.attach(ctx, mandate, "", Evidence{Name: filepath.Base(path)}, src, AttachOptions{Caption: "Mandat du groupement", Operator: operator}, nil)
}

// Mandates lists the mandate documents attached.
func (s *Service) Mandates() ([]Evidence, error) { return s.store.ListEvidence(MandateReqID) }
