package dossiertest_test

import (
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

func TestMemStoreContract(t *testing.T) {
	dossiertest.StoreContract(t, func(t *testing.T) dossier.Store {
		return dossiertest.NewMemStore(dossier.Info{Name: "Essai"}, &dossier.Catalogue{})
	})
}
