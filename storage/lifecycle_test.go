package storage

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// writeV2 builds a dossier file as schema version 2 wrote it: no deposits
// nor requests buckets, an identity without ID.
func writeV2(t *testing.T, path string) {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	db := openRaw(t, path)
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range topBuckets {
			if bytes.Equal(name, bucketDeposits) || bytes.Equal(name, bucketRequests) {
				continue
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(2))
		in := newInfo()
		in.ID = ""
		if err := put(tx.Bucket(bucketDossier), keyInfo, in); err != nil {
			return err
		}
		_, err := addCatalogue(tx, cat)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrateFromV2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.segur")
	writeV2(t, path)
	svc, err := dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	id := svc.Info().ID
	if len(id) != 32 {
		t.Fatalf("no dossier ID after migration: %q", id)
	}
	if _, err := svc.AddRequest([]string{"INS.01"}, "Compléter la capture", "2999-01-01", dossier.Complement); err != nil {
		t.Fatalf("request refused after migration: %v", err)
	}
	svc.Close()
	svc, err = dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if svc.Info().ID != id {
		t.Fatal("the dossier ID changed at the second open")
	}
	reqs, err := svc.Requests()
	if err != nil || len(reqs) != 1 || reqs[0].N != 1 || reqs[0].Reqs[0] != "RIS.INS.01" {
		t.Fatalf("request not kept: %+v %v", reqs, err)
	}
}

func TestDepositRoundsNumberedAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.segur")
	svc, err := dossier.Create(Opener{}, path, newInfo(), mustCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	pkg := dossier.FiledPackage{Name: "p.zip", DossierID: svc.Info().ID, ManifestSHA256: "aa", Files: map[string][]string{"RIS.INS.01": {"x"}}}
	d, err := svc.RecordDeposit(pkg, "", "premier dépôt")
	if err != nil || d.Round != 1 {
		t.Fatalf("deposit: %+v %v", d, err)
	}
	pkg.ManifestSHA256 = "bb"
	if d, err = svc.RecordDeposit(pkg, "", ""); err != nil || d.Round != 2 {
		t.Fatalf("second deposit: %+v %v", d, err)
	}
	svc.Close()
	svc, err = dossier.Open(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	deps, err := svc.Deposits()
	if err != nil || len(deps) != 2 || deps[0].Note != "premier dépôt" || deps[1].Files["RIS.INS.01"][0] != "x" {
		t.Fatalf("rounds not kept: %+v %v", deps, err)
	}
}

func mustCatalogue(t *testing.T) *dossier.Catalogue {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestRequestSavesStatesInTheSameWrite: a request puts its Prête
// requirement back to En cours in its own write, and each request action
// records its event, numbered; a refused one records nothing.
func TestRequestSavesStatesInTheSameWrite(t *testing.T) {
	_, svc := create(t)
	defer svc.Close()
	prete, offline, where := dossier.Prete, true, "déposée sur la plateforme"
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Status: &prete, Offline: &offline, Note: &where}); err != nil {
		t.Fatal(err)
	}
	head, _ := svc.JournalHead()
	r, err := svc.AddRequest([]string{"RIS.INS.01"}, "Capture illisible", "2999-01-01", dossier.Complement)
	if err != nil || r.N != 1 {
		t.Fatalf("request: %+v %v", r, err)
	}
	if row, _ := svc.Row("RIS.INS.01"); row.State.Status != dossier.EnCours {
		t.Fatalf("the state saved with the request: %+v", row.State)
	}
	if _, err := svc.CloseRequest(1, "fait"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CloseRequest(9, ""); !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoRequest}) {
		t.Fatalf("closing an unknown request: %v", err)
	}
	all, _ := svc.Requests()
	if len(all) != 1 || !all[0].Closed || all[0].CloseNote != "fait" {
		t.Fatalf("requests: %+v", all)
	}
	var events []string
	svc.Journal(head.Seq+1, func(ev dossier.Event) error { events = append(events, string(ev.Kind)+" "+ev.Subject); return nil })
	if strings.Join(events, ",") != "request 1,request_closed 1" {
		t.Fatalf("events of the request: %v", events)
	}
}
