package dossier_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestPackedFormRoundTrips: an event's packed form reads back as the
// event, given its number and the hash (and operator) of the event
// before; it is less than half its stored form.
func TestPackedFormRoundTrips(t *testing.T) {
	prev := dossier.GenesisPrev("id")
	at := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	for _, ev := range []dossier.Event{
		{Kind: dossier.EventState, Subject: "INS.01", Operator: "Alice <alice@exemple.fr>",
			Fields: []dossier.FieldChange{{Field: dossier.FieldStatus, Old: "a_faire", New: "en_cours"}, {Field: dossier.FieldNote, Old: "", New: "é:1,\x00"}}},
		{Kind: dossier.EventEvidenceAdded, Subject: "#12", SHA256: "ab12", Origin: "cd34", Summary: "déjà résumé"},
		{Kind: dossier.EventCreated, Time: time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC)},
	} {
		ev, stored := ev.ChainedStored(70_000, at, prev)
		for _, same := range []bool{false, true} {
			packed, err := ev.AppendPacked(nil, same)
			if err != nil {
				t.Fatal(err)
			}
			before := "Bruno"
			if same {
				before = ev.Operator
			}
			back, err := dossier.ParsePacked(packed, ev.Seq, prev, before)
			if err != nil || !reflect.DeepEqual(back, ev) || back.ComputeHash() != ev.Hash {
				t.Fatalf("same operator %v: read back %+v, %v; want %+v", same, back, err, ev)
			}
			op, gotSame, err := dossier.PackedOperator(packed)
			if err != nil || gotSame != same || (!same && op != ev.Operator) {
				t.Fatalf("operator %q, same %v, %v", op, gotSame, err)
			}
			if dossier.PackedHash(packed) != ev.Hash || !dossier.IsPacked(packed) || dossier.IsLinked(packed) {
				t.Fatal("hash or form not told")
			}
		}
		if packed, _ := ev.AppendPacked(nil, true); 2*len(packed) > len(stored) {
			t.Errorf("packed %d bytes, stored %d", len(packed), len(stored))
		}
	}
	if _, err := (dossier.Event{Hash: "zz"}).AppendPacked(nil, false); err == nil {
		t.Error("an event without a hash has a packed form")
	}
}

// TestPackedFormRefusesDamage: every truncation and a few hostile
// lengths of a packed form are refused, never read past or panicked on.
func TestPackedFormRefusesDamage(t *testing.T) {
	ev := dossier.Event{Kind: dossier.EventState, Subject: "INS.01", Operator: "Alice",
		Fields: []dossier.FieldChange{{Field: dossier.FieldNote, Old: "a", New: "b"}}}.Chained(3, time.Now(), "p")
	packed, err := ev.AppendPacked(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(packed) - 32 {
		bad := append(append([]byte(nil), packed[:n]...), packed[len(packed)-32:]...)
		if _, err := dossier.ParsePacked(bad, 3, "p", ""); err == nil {
			t.Errorf("cut at %d: parsed", n)
		}
		dossier.PackedOperator(bad)
	}
	// A huge operator length, a huge field count, a trailing byte.
	body := packed[1 : len(packed)-32]
	hash := packed[len(packed)-32:]
	for _, mid := range [][]byte{
		{body[0], body[1], body[2], body[3], body[4], 0xff, 0xff, 0xff, 0xff, 0x0f},
		append(append([]byte(nil), body[:len(body)-10]...), 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0, 0, 0, 0),
		append(append([]byte(nil), body...), 0),
	} {
		bad := append(append([]byte{'p'}, mid...), hash...)
		if _, err := dossier.ParsePacked(bad, 3, "p", ""); err == nil {
			t.Errorf("%q parsed", bad)
		}
		dossier.PackedOperator(bad)
	}
}
