package system

import "github.com/segur-dossier/dossier-segur/app/dossier"

// Opener is a dossier.Opener that refuses locations CheckLocation refuses
// before the wrapped opener touches anything.
type Opener struct {
	dossier.Opener
}

// Create implements dossier.Opener.
func (o Opener) Create(path string, info dossier.Info, cat *dossier.Catalogue, first dossier.Event) (dossier.Store, error) {
	if err := CheckLocation(path); err != nil {
		return nil, err
	}
	return o.Opener.Create(path, info, cat, first)
}

// Open implements dossier.Opener.
func (o Opener) Open(path string) (dossier.Store, error) {
	if err := CheckLocation(path); err != nil {
		return nil, err
	}
	return o.Opener.Open(path)
}

// OpenProgress implements dossier.ProgressOpener (a plain Open when the
// wrapped opener cannot report progress).
func (o Opener) OpenProgress(path string, progress dossier.Progress) (dossier.Store, error) {
	if err := CheckLocation(path); err != nil {
		return nil, err
	}
	if po, ok := o.Opener.(dossier.ProgressOpener); ok {
		return po.OpenProgress(path, progress)
	}
	return o.Opener.Open(path)
}

// OpenReadOnly implements dossier.Opener.
func (o Opener) OpenReadOnly(path string) (dossier.Store, error) {
	if err := CheckLocation(path); err != nil {
		return nil, err
	}
	return o.Opener.OpenReadOnly(path)
}
