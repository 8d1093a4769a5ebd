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
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
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

func TestRequestSavesStatesInTheSameWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.segur")
	svc, err := dossier.Create(Opener{}, path, newInfo(), mustCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	svc.Close()
	opened, err := Opener{}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer opened.Close()
	st := opened.(*Store)
	r, err := st.SaveRequest(dossier.Request{Reqs: []string{"RIS.INS.01"}, Due: "2999-01-01"},
		[]dossier.ReqState{{ReqID: "RIS.INS.01", Status: dossier.EnCours}}, dossier.Event{Kind: dossier.EventRequest})
	if err != nil || r.N != 1 {
		t.Fatalf("save: %+v %v", r, err)
	}
	states, _ := st.States()
	if states["RIS.INS.01"].Status != dossier.EnCours {
		t.Fatal("the state saved with the request is missing")
	}
	r.Closed = true
	if _, err := st.SaveRequest(r, nil, dossier.Event{Kind: dossier.EventRequestClosed}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveRequest(dossier.Request{N: 9}, nil, dossier.Event{Kind: dossier.EventRequestClosed}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoRequest}) {
		t.Fatalf("replacing an unknown request: %v", err)
	}
	all, _ := st.Requests()
	if len(all) != 1 || !all[0].Closed {
		t.Fatalf("requests: %+v", all)
	}
	// Each save recorded its event, numbered; the refused one nothing.
	var subjects []string
	st.Journal(2, func(ev dossier.Event) error { subjects = append(subjects, string(ev.Kind)+" "+ev.Subject); return nil })
	if strings.Join(subjects, ",") != "request 1,request_closed 1" {
		t.Fatalf("events after the creation: %v", subjects)
	}
}
