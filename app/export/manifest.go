package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Names of the generated files at the root of the package.
const (
	ManifestName    = "manifest.json"
	ManifestCSVName = "manifest.csv"
	WorkbookName    = "exigences-convergence.xlsx"
	ReportName      = "rapport.pdf"
	// FormatID identifies the manifest format; Verify refuses others.
	FormatID = "dossier-segur/paquet/1"
)

// Manifest is manifest.json: what the package holds and who it is for.
type Manifest struct {
	Format string `json:"format"`
	// Draft is true for a package exported with blocking gaps; Mention is
	// then "BROUILLON" (else "DÉFINITIF").
	Draft   bool   `json:"draft"`
	Mention string `json:"mention"`
	// ExportedAt is the export time: the time of the dossier's last
	// recorded change unless the caller gave another (Options.Now), so
	// that the same dossier always gives the same package.
	ExportedAt time.Time      `json:"exported_at"`
	Dossier    Identity       `json:"dossier"`
	Catalogue  CatalogueRef   `json:"catalogue"`
	Totals     Totals         `json:"totals"`
	Check      dossier.Report `json:"check"`
	// Package says whether the package is complete or a delta since a
	// deposit round; Requirements lists every applicable requirement,
	// carried or not; Requests the open ANS requests; Decision the
	// college's decision (lifecycle.go).
	Package      PackageInfo        `json:"package"`
	Requirements []RequirementEntry `json:"requirements"`
	Requests     []RequestEntry     `json:"requests,omitempty"`
	Decision     *dossier.Decision  `json:"decision,omitempty"`
	Files        []FileEntry        `json:"files"`
	// Generated lists the other files of the package (journal.jsonl,
	// manifest.csv, the workbook and the report) with their digest;
	// manifest.json and its signature are the only files not listed.
	Generated []GeneratedEntry `json:"generated"`
	// Journal is the dossier's journal carried in the package (journal.go)
	// and Signature the key manifest.json.sig is made with (sign.go); both
	// absent from packages of earlier versions, which verify refuses.
	Journal   *JournalRef   `json:"journal,omitempty"`
	Signature *SignatureRef `json:"signature,omitempty"`
}

// Identity is the applicant and product.
type Identity struct {
	// ID identifies the dossier: a deposit refuses a package of another.
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Vendor   string   `json:"vendor"`
	Product  string   `json:"product"`
	Version  string   `json:"version"`
	Profiles []string `json:"profiles"`
	// Candidature is the application's "Fiche candidature".
	Candidature *dossier.Candidature `json:"candidature,omitempty"`
}

// CatalogueRef names the REM catalogue the dossier was checked against.
type CatalogueRef struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version,omitempty"`
}

// Totals sums the package up.
type Totals struct {
	Requirements  int   `json:"requirements"` // applicable
	Ready         int   `json:"ready"`
	NotApplicable int   `json:"not_applicable"`
	Files         int   `json:"files"`
	Bytes         int64 `json:"bytes"`
}

// FileEntry is one evidence file of the package.
type FileEntry struct {
	Path         string    `json:"path"`
	Requirement  string    `json:"requirement"`
	Section      string    `json:"section"`
	Profiles     []string  `json:"profiles"`
	Nature       string    `json:"nature"`
	Status       string    `json:"status"`
	ProofNumber  string    `json:"proof_number,omitempty"`
	Order        int       `json:"order"`
	Kind         string    `json:"kind"`
	Size         int64     `json:"size"`
	SHA256       string    `json:"sha256"`
	AddedAt      time.Time `json:"added_at"`
	AddedBy      string    `json:"added_by"`
	Caption      string    `json:"caption,omitempty"`
	OriginalName string    `json:"original_name"`
	// Annotations describes the marks drawn into an annotated capture
	// ("Étape 1 : champ INS"), in the order drawn.
	Annotations []string `json:"annotations,omitempty"`
}

// GeneratedEntry is a file the export produced.
type GeneratedEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

func mention(draft bool) string {
	if draft {
		return "BROUILLON"
	}
	return "DÉFINITIF"
}

// manifestOf builds the manifest of a plan but its Files, which are
// written from the plan's entries as the manifest streams out
// (writeManifest); Generated is filled in later.
func manifestOf(p *plan, draft bool, exportedAt time.Time) Manifest {
	in, cat := p.snap.Info, p.snap.Catalogue
	m := Manifest{
		Format: FormatID, Draft: draft, Mention: mention(draft), ExportedAt: exportedAt.UTC(),
		Dossier:   Identity{ID: in.ID, Name: in.Name, Vendor: in.Vendor, Product: in.Product, Version: in.ProductVersion, Profiles: in.Profiles, Candidature: in.Candidature},
		Catalogue: CatalogueRef{ID: cat.ID, Title: cat.Title, Version: cat.Version},
		Check:     p.check,
		Generated: []GeneratedEntry{},
	}
	addLifecycle(&m, p)
	m.Totals.Requirements = len(p.reqs)
	for _, r := range p.reqs {
		switch dossier.StateOf(p.snap.States, r.ID).Status {
		case dossier.Prete:
			m.Totals.Ready++
		case dossier.NonApplicable:
			m.Totals.NotApplicable++
		}
	}
	for i := range p.entries {
		m.Totals.Files++
		m.Totals.Bytes += p.entries[i].ev.Size
	}
	return m
}

// fileEntryOf is the manifest's line of one evidence file of the plan.
func fileEntryOf(e *entry) FileEntry {
	return FileEntry{
		Path: e.path, Requirement: e.req.ID, Section: e.section, Profiles: e.req.Profiles,
		Nature: e.req.Nature.Label(), Status: e.status.Label(), ProofNumber: e.ev.ProofID, Order: e.order,
		Kind: string(e.ev.Kind), Size: e.ev.Size, SHA256: e.ev.SHA256, AddedAt: e.ev.AddedAt.UTC(), AddedBy: e.ev.AddedBy,
		Caption: e.ev.Caption, OriginalName: e.ev.Name, Annotations: dossier.DescribeAll(e.ev.Annotations),
	}
}

// csvHeader is the header row of manifest.csv.
func csvHeader() []string {
	return []string{"chemin", "exigence", "section", "profils", "nature", "statut", "n_preuve", "ordre",
		"type", "taille", "sha256", "ajoute_le", "ajoute_par", "legende", "nom_origine", "mention"}
}

// writeCSV writes manifest.csv: one row per evidence file of p, ';'-separated
// with a UTF-8 byte order mark so that a French spreadsheet opens it
// directly; each row ends with mention. The dossier's identity is in
// manifest.json.
func writeCSV(w io.Writer, p *plan, mention string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(csvHeader()); err != nil {
		return err
	}
	for i := range p.entries {
		f := fileEntryOf(&p.entries[i])
		row := []string{f.Path, f.Requirement, f.Section, joinProfiles(f.Profiles), f.Nature, f.Status, f.ProofNumber,
			strconv.Itoa(f.Order), f.Kind, strconv.FormatInt(f.Size, 10), f.SHA256, f.AddedAt.Format(time.RFC3339),
			inert(f.AddedBy), inert(f.Caption), inert(f.OriginalName), mention}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// inert keeps a spreadsheet from reading user text as a formula (CSV
// injection): a cell starting with = + - @ or a control character gets a
// leading apostrophe, which spreadsheets show as text. manifest.json keeps
// the text as it is.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func joinProfiles(p []string) string {
	out := ""
	for i, s := range p {
		if i > 0 {
			out += " ; "
		}
		out += s
	}
	return out
}
