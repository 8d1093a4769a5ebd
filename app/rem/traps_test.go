package rem

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
)

func trapsFixture(t *testing.T, layout remfixture.TrapLayout) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := remfixture.WriteTrapsXLSX(&buf, layout); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Every trap of the ANS's real files, in each of its layouts: mixed ID
// grammars, NBSP, HTML and CRLF, "---" profile, obsolete and non-final
// statuses, a placeholder ID, two REMs in one sheet sharing an ID.
func TestReadTraps(t *testing.T) {
	for name, layout := range map[string]remfixture.TrapLayout{"published 2024": remfixture.Published2024,
		"working workbook": remfixture.Working, "squash": remfixture.Squash} {
		t.Run(name, func(t *testing.T) {
			data := trapsFixture(t, layout)
			res, err := readBytes(data, "REM_va2.xlsx")
			if !errors.Is(err, &dossier.Error{Fault: dossier.FaultChooseREM}) || res == nil {
				t.Fatalf("without a choice: err %v", err)
			}
			if want := map[string]int{"RIS": 9, "DPI": 2}; !reflect.DeepEqual(res.Report.Perimetres, want) {
				t.Errorf("perimetres %v, want %v", res.Report.Perimetres, want)
			}
			res, err = ReadWith(data, "REM_va2.xlsx", Options{Perimeter: "ris"})
			if err != nil {
				t.Fatal(err)
			}
			rep, c := res.Report, res.Catalogue
			var ids []string
			for _, r := range c.Requirements {
				ids = append(ids, r.ID)
			}
			want := []string{"DB.VI-CO.11", "DB.VI_SO.04", "DB/VI_SO.04", "DB.SO.100", "SC.DMP/CONF.01", "SC.DMP/HISTO.01",
				"SGL.CDA/DD.05", "PSC.01", "INS/va1.01"}
			if !strings.HasSuffix(c.Title, " — RIS") || !strings.HasSuffix(c.ID, "-ris") {
				t.Errorf("catalogue %q (%s) not named after its REM", c.Title, c.ID)
			}
			if !reflect.DeepEqual(ids, want) {
				t.Errorf("IDs %q, want %q", ids, want)
			}
			if rep.Perimetre != "RIS" || rep.Obsolete != 1 || !reflect.DeepEqual(rep.NonFinal, []string{"DB.SO.100"}) ||
				!reflect.DeepEqual(rep.NoProfile, []string{"SC.DMP/HISTO.01"}) || rep.Preconisations != 1 || len(rep.Duplicates) != 0 {
				t.Errorf("report %+v", rep)
			}
			if len(rep.Skipped) != 2 || !strings.Contains(rep.Skipped[0].Reason, "obsolète") || !strings.Contains(rep.Skipped[1].Reason, "provisoire") {
				t.Errorf("skipped %+v, want the obsolete row and the placeholder, each with its reason", rep.Skipped)
			}
			conf, _ := c.Requirement("SC.DMP/CONF.01")
			if conf.Statement != "Le système DOIT être conforme :\n- au DMP\n- à l'INS" {
				t.Errorf("HTML statement read as %q", conf.Statement)
			}
			histo, _ := c.Requirement("SC.DMP/HISTO.01")
			if histo.Statement != "Le système DOIT\nalimenter l'historique." || !histo.NoProfile || !reflect.DeepEqual(histo.Profiles, []string{"Général"}) {
				t.Errorf("--- requirement %+v", histo)
			}
			so, _ := c.Requirement("DB.SO.100")
			if so.NonFinal == "" {
				t.Error("DB.SO.100 not flagged non-final")
			}
			ins, _ := c.Requirement("INS/va1.01")
			if ins.Statement != "Le système DOIT appeler INSi." {
				t.Errorf("NBSP statement %q", ins.Statement)
			}
			if layout == remfixture.Published2024 && !reflect.DeepEqual(ins.PreviousIDs, []string{"INS.01"}) {
				t.Errorf("VA N-1 %v", ins.PreviousIDs)
			}
			if layout == remfixture.Working && len(ins.ProofSlots()) != 2 {
				t.Errorf("proof lines read as %+v", ins.Scenarios)
			}
			res, err = ReadWith(data, "REM_va2.xlsx", Options{Perimeter: "DPI"})
			if err != nil || res.Report.Requirements != 2 {
				t.Fatalf("DPI: %v %+v", err, res)
			}
			if _, err := ReadWith(data, "x.xlsx", Options{Perimeter: "LGC"}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultUnknownREM}) {
				t.Errorf("unknown REM: %v", err)
			}
			if _, err := ReadWith(data, "x.xlsx", Options{Sheet: "nope"}); !errors.Is(err, &dossier.Error{Fault: dossier.FaultUnknownSheet}) {
				t.Errorf("unknown sheet: %v", err)
			}
		})
	}
}

// A layout nobody knows is not a dead end: the headings found are
// reported, and the user's column mapping reads it.
func TestReadUnknownLayoutWithColumns(t *testing.T) {
	data := hostileXLSX(t, func(w io.Writer) error {
		inlineRow(w, 1, "Réf.", "Texte", "Qui")
		inlineRow(w, 2, "INS.01", "Le système DOIT lire l'INS.", "Général")
		return inlineRow(w, 3, "INS.02", "Le système PEUT afficher l'INS.", "Opérateur Mailiz")
	}, nil)
	res, err := readBytes(data, "maison.xlsx")
	if !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoTable}) || res == nil ||
		!reflect.DeepEqual(res.Report.Headings, []string{"A : Réf.", "B : Texte", "C : Qui"}) {
		t.Fatalf("err %v, report %+v", err, res)
	}
	cols, err := ParseColumns("id=A, enonce=B,profil=C")
	if err != nil {
		t.Fatal(err)
	}
	res, err = ReadWith(data, "maison.xlsx", Options{Columns: cols})
	if err != nil || res.Report.Layout != "colonnes indiquées" || res.Report.Requirements != 2 || res.Report.Preconisations != 1 || res.Report.Profiles["Opérateur Mailiz"] != 1 || len(res.Report.Skipped) != 0 {
		t.Fatalf("mapped: %v %+v", err, res)
	}
	for _, bad := range []string{"id=A", "enonce=B", "id=A,enonce=B,couleur=C", "id=1,enonce=B"} {
		if _, err := ParseColumns(bad); !errors.Is(err, &dossier.Error{Fault: dossier.FaultBadColumns}) {
			t.Errorf("ParseColumns(%q) = %v", bad, err)
		}
	}
}
