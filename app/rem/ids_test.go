package rem

import "testing"

// Every identifier form met in the ANS's real files is recognised and
// normalised; its prefix, short form and section are told apart.
func TestParseReqIDEveryGrammar(t *testing.T) {
	for in, want := range map[string]reqID{
		"RIS.INS.01":          {Full: "RIS.INS.01", Prefix: "RIS", Short: "INS.01", Section: "INS"},
		"INS.01":              {Full: "INS.01", Short: "INS.01", Section: "INS"},
		"INS/va1.01":          {Full: "INS/va1.01", Short: "INS/va1.01", Section: "INS"},
		"DMP/ALI/PROG.01":     {Full: "DMP/ALI/PROG.01", Short: "DMP/ALI/PROG.01", Section: "DMP"},
		"DB.CO.48":            {Full: "DB.CO.48", Prefix: "DB", Short: "CO.48", Section: "CO"},
		"DB.VI-CO.11":         {Full: "DB.VI-CO.11", Prefix: "DB", Short: "VI-CO.11", Section: "VI-CO"},
		"DB.VI_SO.04":         {Full: "DB.VI_SO.04", Prefix: "DB", Short: "VI_SO.04", Section: "VI_SO"},
		"DB/VI_SO.04":         {Full: "DB/VI_SO.04", Short: "DB/VI_SO.04", Section: "DB"},
		"DB.SO.100":           {Full: "DB.SO.100", Prefix: "DB", Short: "SO.100", Section: "SO"},
		"SC.DMP/CONF.01":      {Full: "SC.DMP/CONF.01", Prefix: "SC", Short: "DMP/CONF.01", Section: "DMP"},
		"SC. DMP/HISTO.01":    {Full: "SC.DMP/HISTO.01", Prefix: "SC", Short: "DMP/HISTO.01", Section: "DMP"},
		"SGL.CDA/DD.05 ":      {Full: "SGL.CDA/DD.05", Prefix: "SGL", Short: "CDA/DD.05", Section: "CDA"},
		"PSC.01":              {Full: "PSC.01", Short: "PSC.01", Section: "PSC"},
		"\u00a0DMP/HISTO.07":  {Full: "DMP/HISTO.07", Short: "DMP/HISTO.07", Section: "DMP"},
		"SSI/IE.30\u00a0":     {Full: "SSI/IE.30", Short: "SSI/IE.30", Section: "SSI"},
		"ORDN/CONF.01p":       {Full: "ORDN/CONF.01p", Short: "ORDN/CONF.01p", Section: "ORDN"},
		"SC.INS.01.01":        {Full: "SC.INS.01.01", Prefix: "SC", Short: "INS.01.01", Section: "INS"},
		"MSS/CONF.04\r\n":     {Full: "MSS/CONF.04", Short: "MSS/CONF.04", Section: "MSS"},
		"DMP/UX.06":           {Full: "DMP/UX.06", Short: "DMP/UX.06", Section: "DMP"},
		"  LGC.VACC/NOTE.04 ": {Full: "LGC.VACC/NOTE.04", Prefix: "LGC", Short: "VACC/NOTE.04", Section: "VACC"},
	} {
		got, ok := parseReqID(in)
		if !ok || got != want {
			t.Errorf("parseReqID(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
}

// Cells that are not identifiers are refused: words, Squash numeric ids,
// placeholders, bare numbers, sentences.
func TestNormalizeIDRefuses(t *testing.T) {
	for _, in := range []string{"", "NON", "25274", "LGC.VSM/va2.XX", "01.02", "Le système DOIT", "INS.", ".01",
		"INS..01", "INS/.01", "ins.01", "INS.01234", "Général", "MSS/CDA.x1"} {
		if id, ok := normalizeID(in); ok {
			t.Errorf("normalizeID(%q) = %q, accepted", in, id)
		}
	}
	if !placeholderID("LGC.VSM/va2.XX") || !placeholderID("VACC/va2.XX") || placeholderID("INS.01") || placeholderID("NON") {
		t.Error("placeholderID wrong")
	}
	if !looksLikeID("DB.VI-CO.11") || looksLikeID("34070") {
		t.Error("looksLikeID wrong")
	}
}
