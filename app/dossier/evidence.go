package dossier

import (
	"context"
	"io"
	"time"
)

// Kind is what an evidence file is, detected from its content.
type Kind string

// The kinds of evidence the app tells apart.
const (
	KindImage   Kind = "image"
	KindVideo   Kind = "video"
	KindPDF     Kind = "pdf"
	KindText    Kind = "text"  // text and logs
	KindEmail   Kind = "email" // e-mail source (.eml)
	KindXML     Kind = "xml"
	KindHL7     Kind = "hl7"
	KindArchive Kind = "archive"
	KindOther   Kind = "other"
)

// CaptureInfo records where a screen capture was taken.
type CaptureInfo struct {
	Display int `json:"display"` // -1: all displays
	X       int `json:"x"`
	Y       int `json:"y"`
	Width   int `json:"width"`
	Height  int `json:"height"`
}

// Evidence is one proof file attached to a requirement. Its content lives
// in the content store under SHA256; identical content is stored once.
type Evidence struct {
	ID      uint64       `json:"id"`
	ReqID   string       `json:"req"`
	ProofID string       `json:"proof,omitempty"` // expected proof number it answers, if any
	Name    string       `json:"name"`            // original file name
	Size    int64        `json:"size"`
	SHA256  string       `json:"sha256"` // hex
	Kind    Kind         `json:"kind"`
	AddedAt time.Time    `json:"added_at"`
	AddedBy string       `json:"added_by"`
	Caption string       `json:"caption"`
	Capture *CaptureInfo `json:"capture,omitempty"`
	// Annotations are the marks drawn into an annotated capture, in the
	// order drawn (absent in dossiers written before annotations).
	Annotations []Annotation `json:"annotations,omitempty"`
}

// Facts is ev with only the fields the completeness check, the overview,
// the review and the deposit tracking read: ID, ReqID, ProofID, Name,
// Size, SHA256 and Kind. A store can keep them beside its index, so that
// `status`, `check` and the dashboard read every item without decoding its
// whole record (caption, capture, annotations).
func Facts(ev Evidence) Evidence {
	return Evidence{ID: ev.ID, ReqID: ev.ReqID, ProofID: ev.ProofID, Name: ev.Name, Size: ev.Size, SHA256: ev.SHA256, Kind: ev.Kind}
}

// Progress reports bytes done out of total (total < 0 when unknown).
type Progress func(done, total int64)

// EvidenceStore keeps evidence metadata and content. Content is streamed:
// no method holds a whole file in memory.
type EvidenceStore interface {
	// AddEvidence streams r into the content store (chunks written in
	// bounded transactions under a pending key), then records ev in one
	// final transaction, in which link (when not nil) runs with the
	// recorded item: what link reads is current and what it writes is
	// committed with the item, or nothing is. ID, Size and SHA256 are
	// filled in from the content.
	AddEvidence(ctx context.Context, r io.Reader, ev Evidence, link func(Tx, Evidence) error, progress Progress) (Evidence, error)
	// ListEvidence lists one requirement's evidence in the order added,
	// or every evidence item (ordered by ID) when reqID is "".
	ListEvidence(reqID string) ([]Evidence, error)
	// EvidenceFacts lists every evidence item, ordered by ID, with only
	// its facts (see Facts): what the completeness check, the overview,
	// the review and the deposit tracking read, without whole records.
	EvidenceFacts() ([]Evidence, error)
	// GetEvidence returns one item, or ErrNotFound.
	GetEvidence(id uint64) (Evidence, error)
	// OpenContent streams the content with this SHA-256 (hex), a chunk at
	// a time; ErrNotFound when no evidence holds it.
	OpenContent(sha256 string) (io.ReadCloser, error)
	// Compact rewrites the file to give freed space back.
	Compact(ctx context.Context, progress Progress) error
}

// RoomEstimator is a store that can tell, before it writes much, whether
// the disk has room: for a compaction's copy, and for a content of a known
// size (the store may reuse space freed inside its file).
type RoomEstimator interface {
	CompactRoom() (need, free int64, err error)
	// CheckRoom fails with FaultNoRoom when size bytes cannot be stored.
	CheckRoom(size int64) error
}
