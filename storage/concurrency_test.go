package storage

import (
	"sync"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestConcurrentActionsLoseNothing runs what the GUI does at once (an
// identity edit while background work records states) and checks that no
// change overwrites another.
func TestConcurrentActionsLoseNothing(t *testing.T) {
	path, svc := create(t)
	cat := svc.Catalogue()
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			st := dossier.EnCours
			if _, err := svc.UpdateState(cat.Requirements[i].ID, dossier.StateChange{Status: &st}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := svc.UpdateInfo("Renommé", "Éditeur", "RIS", "2.0"); err != nil {
			t.Error(err)
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := svc.SetFilePolicy(&dossier.FilePolicy{MaxFileSize: 1 << 20}); err != nil {
			t.Error(err)
		}
	}()
	wg.Wait()
	svc.Close()

	svc, err := dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	in := svc.Info()
	if in.Name != "Renommé" || in.ProductVersion != "2.0" {
		t.Errorf("identity change lost: %+v", in)
	}
	if in.FilePolicy == nil || in.FilePolicy.MaxFileSize != 1<<20 {
		t.Errorf("policy change lost: %+v", in.FilePolicy)
	}
	o, _ := svc.Overview()
	if got := o.ByStatus[dossier.EnCours]; got != 20 {
		t.Errorf("%d states recorded, want 20", got)
	}
}
