package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Authenticity is what Verify finds beyond the digests: who signed the
// manifest, whether the journal's chain holds, and whether the other files
// agree with the manifest on the draft flag and the identity.
type Authenticity struct {
	// Signed: the package has a signature; SignatureOK: it verifies
	// against the public key the manifest names, whose Fingerprint this
	// is (compare it with the vendor's: verify --key).
	Signed      bool   `json:"signed"`
	SignatureOK bool   `json:"signature_ok"`
	Fingerprint string `json:"fingerprint,omitempty"`
	// JournalOK: journal.jsonl's chain recomputes from the dossier's ID to
	// the head the manifest names; JournalBrokenAt is the first event that
	// does not follow.
	JournalEvents   uint64 `json:"journal_events"`
	JournalHead     string `json:"journal_head,omitempty"`
	JournalOK       bool   `json:"journal_ok"`
	JournalBrokenAt uint64 `json:"journal_broken_at,omitempty"`
	// Inconsistent lists the files that disagree with manifest.json on
	// the draft flag or the identity (manifest.csv, the spreadsheet, the
	// report).
	Inconsistent []string `json:"inconsistent"`
}

// ok tells whether the package is authentic.
func (a Authenticity) ok() bool {
	return a.Signed && a.SignatureOK && a.JournalOK && len(a.Inconsistent) == 0
}

// maxSignatureSize bounds manifest.json.sig (a real one is 300 bytes).
const maxSignatureSize = 4 << 10

// maxLegacySigned bounds the manifest a legacy ("Ed") signature signs,
// which is read whole to check it (the prehashed form streams).
const maxLegacySigned = 64 << 20

// authenticate fills in a from the package's files; prehash is the
// manifest's BLAKE2b-512, computed as it streamed.
func authenticate(files map[string]*zip.File, manifest *zip.File, m Manifest, prehash []byte) Authenticity {
	a := Authenticity{Inconsistent: []string{}}
	if sf, ok := files[SignatureName]; ok && m.Signature != nil {
		a.Signed = true
		if sig, err := readAll(sf, maxSignatureSize); err == nil {
			signed := func(alg string) ([]byte, error) {
				if alg == algPrehashed {
					return prehash, nil
				}
				return readAll(manifest, maxLegacySigned)
			}
			if pub, err := checkMinisign(m.Signature.PublicKey, signed, sig); err == nil {
				a.Fingerprint = dossier.Fingerprint(pub)
				a.SignatureOK = a.Fingerprint == m.Signature.Fingerprint
			}
		}
	}
	if jf, ok := files[JournalName]; ok && m.Journal != nil {
		a.JournalEvents, a.JournalHead = m.Journal.Events, m.Journal.Head
		err := checkJournal(jf, *m.Journal, m.Dossier.ID)
		a.JournalOK = err == nil
		a.JournalBrokenAt, _, _ = dossier.BrokenAt(err)
	}
	stamp := stampOf(&m)
	for name, agrees := range map[string]func(*zip.File) bool{
		ManifestCSVName: func(f *zip.File) bool { return csvMentions(f, m.Mention) },
		WorkbookName:    func(f *zip.File) bool { return workbookStamp(f) == stamp },
		ReportName:      func(f *zip.File) bool { return pdfKeywords(f) == stamp },
	} {
		if f, ok := files[name]; ok && !agrees(f) {
			a.Inconsistent = append(a.Inconsistent, name)
		}
	}
	slices.Sort(a.Inconsistent)
	return a
}

// readAll reads a small entry whole, refusing one larger than limit.
func readAll(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readLimited(rc, limit)
}

// csvMentions tells whether every row of manifest.csv carries mention.
func csvMentions(f *zip.File, mention string) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	r := csv.NewReader(bufio.NewReader(rc))
	r.Comma = ';'
	r.FieldsPerRecord = len(csvHeader())
	if _, err := r.Read(); err != nil {
		return false
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			return true
		}
		if err != nil || row[len(row)-1] != mention {
			return false
		}
	}
}

// maxWorkbookSize bounds the spreadsheet read to check its metadata.
const maxWorkbookSize = 256 << 20

// workbookStamp is the spreadsheet's keywords ("" when unreadable).
func workbookStamp(f *zip.File) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	x, err := excelize.OpenReader(io.LimitReader(rc, maxWorkbookSize))
	if err != nil {
		return ""
	}
	defer x.Close()
	p, err := x.GetDocProps()
	if err != nil {
		return ""
	}
	return p.Keywords
}

// pdfKeywords is the report's /Keywords string ("" when absent), read
// as the PDF streams by.
func pdfKeywords(f *zip.File) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	const key = "/Keywords ("
	br := bufio.NewReaderSize(rc, 64<<10)
	var tail []byte
	buf := make([]byte, 64<<10)
	for {
		n, err := br.Read(buf)
		chunk := append(tail, buf[:n]...)
		if i := bytes.Index(chunk, []byte(key)); i >= 0 {
			rest := chunk[i+len(key):]
			for j := bytes.IndexByte(rest, ')'); j < 0 && err == nil; j = bytes.IndexByte(rest, ')') {
				more := make([]byte, 512)
				m, rerr := br.Read(more)
				rest, err = append(rest, more[:m]...), rerr
				if len(rest) > 4096 {
					return ""
				}
			}
			if j := bytes.IndexByte(rest, ')'); j >= 0 {
				return strings.TrimSpace(string(rest[:j]))
			}
			return ""
		}
		if err != nil {
			return ""
		}
		if len(chunk) > len(key) {
			tail = append([]byte(nil), chunk[len(chunk)-len(key):]...)
		} else {
			tail = chunk
		}
	}
}
