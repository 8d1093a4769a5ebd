package storage

import (
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// TestStoreContract holds the bbolt store to the behaviour the in-memory
// fake of the UI and domain tests has.
func TestStoreContract(t *testing.T) {
	dossiertest.StoreContract(t, func(t *testing.T) dossier.Store {
		s, _ := storeOf(t)
		return s
	})
}
