package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Event is one entry of a dossier's journal: every change to a dossier
// appends exactly one, in the same transaction as the change (Tx.Record),
// so the journal and the dossier never disagree.
//
// Events form a hash chain: Prev is the Hash of the event before (the
// first event's Prev is GenesisPrev of the dossier's ID) and Hash is the
// SHA-256 of the event's canonical encoding (see Canonical). Editing,
// removing or reordering any event breaks the chain at that event, which
// VerifyJournal names. Hash is stable: it identifies the event across
// copies of the dossier (two copies share their events up to the point
// where they diverged — the common point a merge starts from).
//
// What is hashed is what is stored: the French Summary is written once,
// when the event is recorded (by the Summarizer registered by app/fr), and
// never re-rendered, so a later wording change cannot break old chains.
type Event struct {
	// Seq numbers the events of one journal from 1, without gaps.
	Seq uint64 `json:"seq"`
	// Time is the transaction's time, UTC, to the second.
	Time time.Time `json:"time"`
	// Operator is who made the change (see Operator.String); empty for
	// what the application did by itself (a migration).
	Operator string `json:"operator"`
	// Kind is what happened (the Event* constants).
	Kind EventKind `json:"kind"`
	// Subject is what changed: a requirement ID, an evidence number
	// ("#12"), a file name; empty for the dossier as a whole.
	Subject string `json:"subject"`
	// Summary is a short French sentence for people.
	Summary string `json:"summary"`
	// SHA256 is the digest (hex) of the content concerned, when there is
	// one: the evidence added or deleted, the package exported.
	SHA256 string `json:"sha256,omitempty"`
	// Fields are the values that changed, in a fixed order, so that a
	// merge can tell which field of which requirement each side changed.
	Fields []FieldChange `json:"fields,omitempty"`
	// Prev is the Hash of the event before (GenesisPrev for the first).
	Prev string `json:"prev"`
	// Origin is, for an event a merge copied from another copy of the
	// dossier, the Hash it had there (its Seq and Prev are this journal's;
	// its Time, Operator, Kind, Subject, Summary, SHA256 and Fields are
	// kept); empty otherwise. It lets a second merge see what it already
	// brought in.
	Origin string `json:"origin,omitempty"`
	// Hash is the SHA-256 (hex) of Canonical().
	Hash string `json:"hash"`
}

// FieldChange is one field an event changed: Field is a stable key (the
// Field* constants for a requirement's state), Old and New its values as
// text ("" for none).
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// EventKind tells what an event records. The values are stable keys
// (stored and hashed): add new ones, never rename one.
type EventKind string

// The kinds of events. Subject and Fields per kind are documented beside
// each; SHA256 is set where a content is concerned.
const (
	EventCreated         EventKind = "created"          // the dossier was created; Fields: name, vendor, product, version, profiles
	EventJournalStarted  EventKind = "journal_started"  // migration of a dossier that had no journal; Fields: requirements, evidence; SHA256: digest of the state found
	EventIdentity        EventKind = "identity"         // name, vendor, product, version changed; Fields: those that changed
	EventProfiles        EventKind = "profiles"         // profiles chosen; Fields: profiles
	EventState           EventKind = "state"            // a requirement's state; Subject: requirement; Fields: status, note, justification, offline that changed
	EventEvidenceAdded   EventKind = "evidence_added"   // Subject: requirement; Fields: evidence, name, proof, caption, annotations (count); SHA256: content
	EventEvidenceMoved   EventKind = "evidence_moved"   // Subject: new requirement; Fields: evidence, requirement; SHA256: content
	EventEvidenceCaption EventKind = "evidence_caption" // Subject: requirement; Fields: evidence, caption; SHA256: content
	EventEvidenceDeleted EventKind = "evidence_deleted" // Subject: requirement; Fields: evidence, name, replaced_by (an annotated copy); SHA256: content
	EventCatalogue       EventKind = "catalogue"        // the catalogue was switched; Fields: catalogue (title), requirements
	EventPolicy          EventKind = "policy"           // the file policy changed; Fields: policy
	EventCandidature     EventKind = "candidature"      // the application form changed; Fields: keys changed
	EventExport          EventKind = "export"           // a package was written; Subject: file name; Fields: draft; SHA256: manifest.json
	EventDeposit         EventKind = "deposit"          // a deposit round was recorded; Subject: round; SHA256: manifest
	EventRequest         EventKind = "request"          // an ANS request was recorded; Subject: its number; Fields: requirements
	EventRequestClosed   EventKind = "request_closed"   // an ANS request was closed; Subject: its number
	EventDecision        EventKind = "decision"         // the college's decision; Fields: outcome, date
	EventKeyCreated      EventKind = "key_created"      // the dossier's signing key was created; Fields: fingerprint
	EventSettingsChanged EventKind = "settings"         // a dossier setting changed; Fields: the settings changed
	EventReview          EventKind = "review"           // a reviewer's decision on a requirement (branch team-review); Subject: requirement
	EventMerge           EventKind = "merge"            // another copy was merged in (branch team-merge); Fields: both heads
	EventWorkingCopy     EventKind = "working_copy"     // this file was made as a working copy of another (branch team-merge)
)

// Fields of a requirement's state (EventState).
const (
	FieldStatus        = "status"
	FieldNote          = "note"
	FieldJustification = "justification"
	FieldOffline       = "offline"
)

// journalDomain prefixes every hashed encoding, so that no other SHA-256
// of the application (contents, manifests) can be mistaken for an event's.
const journalDomain = "dossier-segur journal v1\n"

// genesisDomain prefixes the first event's Prev.
const genesisDomain = "dossier-segur journal v1 genesis\n"

// GenesisPrev is the Prev of a journal's first event: the SHA-256 (hex)
// of genesisDomain followed by the dossier's ID as a netstring. A journal
// is therefore bound to its dossier: another dossier's journal does not
// verify against this one's ID.
func GenesisPrev(dossierID string) string {
	b := append([]byte(genesisDomain), netstring(nil, dossierID)...)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Canonical is the byte string an event's Hash is computed over:
// journalDomain, then each of these as a netstring ("<decimal length>:<bytes>,"):
// seq (decimal), time (RFC 3339 UTC to the second, "2006-01-02T15:04:05Z"),
// operator, kind, subject, summary, sha256, the number of fields (decimal)
// then each field's name, old and new value, then prev and origin. Strings
// are UTF-8 as stored; Hash itself is not part of it.
func (ev Event) Canonical() []byte { return ev.appendCanonical(make([]byte, 0, 512)) }

// appendCanonical appends Canonical() to b.
func (ev Event) appendCanonical(b []byte) []byte {
	b = append(b, journalDomain...)
	b = ev.appendBody(b)
	b = netstring(b, ev.Prev)
	return netstring(b, ev.Origin)
}

// appendBody appends the netstrings of Canonical from seq to the fields.
func (ev Event) appendBody(b []byte) []byte {
	var num [20]byte
	b = netstring(b, strconv.AppendUint(num[:0], ev.Seq, 10))
	var tm [len(time.RFC3339)]byte
	b = netstring(b, ev.Time.UTC().AppendFormat(tm[:0], time.RFC3339))
	b = netstring(b, ev.Operator)
	b = netstring(b, string(ev.Kind))
	b = netstring(b, ev.Subject)
	b = netstring(b, ev.Summary)
	b = netstring(b, ev.SHA256)
	b = netstring(b, strconv.AppendInt(num[:0], int64(len(ev.Fields)), 10))
	for _, f := range ev.Fields {
		b = netstring(b, f.Field)
		b = netstring(b, f.Old)
		b = netstring(b, f.New)
	}
	return b
}

// ComputeHash is the SHA-256 (hex) of Canonical: what Hash must be.
func (ev Event) ComputeHash() string {
	buf := canonicalBufs.Get().(*[]byte)
	*buf = ev.appendCanonical((*buf)[:0])
	sum := sha256.Sum256(*buf)
	// A long note's buffer is not kept.
	if cap(*buf) <= 16<<10 {
		canonicalBufs.Put(buf)
	}
	return hex.EncodeToString(sum[:])
}

// canonicalBufs are buffers for encodings that are hashed and dropped
// (ComputeHash, Chained): recording or verifying an event allocates only
// what it keeps.
var canonicalBufs = sync.Pool{New: func() any { b := make([]byte, 0, 640); return &b }}

// Chained completes ev as event seq following prev: dated at unless it
// already has a time (an event a merge copies keeps its own), its
// summary written (when empty) by the registered Summarizer, and its hash
// computed. Stores call it from Tx.Record.
func (ev Event) Chained(seq uint64, at time.Time, prev string) Event {
	ev = ev.completed(seq, at, prev)
	ev.Hash = ev.ComputeHash()
	return ev
}

// ChainedStored is Chained, also returning the event's stored form
// (AppendStored), made from the same canonical encoding as its hash.
func (ev Event) ChainedStored(seq uint64, at time.Time, prev string) (Event, []byte) {
	ev = ev.completed(seq, at, prev)
	b := ev.appendCanonical(make([]byte, 0, 640))
	sum := sha256.Sum256(b)
	ev.Hash = hex.EncodeToString(sum[:])
	return ev, netstring(b, ev.Hash)
}

// completed is ev numbered seq after prev, dated and summarised as
// Chained says, not yet hashed.
func (ev Event) completed(seq uint64, at time.Time, prev string) Event {
	if ev.Time.IsZero() {
		ev.Time = at
	}
	ev.Seq, ev.Time, ev.Prev = seq, ev.Time.UTC().Truncate(time.Second), prev
	if ev.Summary == "" {
		ev.Summary = Summarize(ev)
	}
	return ev
}

// netstring appends s (text or bytes) to b as "<len>:<s>,".
func netstring[T string | []byte](b []byte, s T) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	b = append(b, s...)
	return append(b, ',')
}

// Changed appends to fields the change of field from old to new, if
// they differ: the way an action lists what it changed.
func Changed(fields []FieldChange, field, old, new string) []FieldChange {
	if old == new {
		return fields
	}
	return append(fields, FieldChange{Field: field, Old: old, New: new})
}

// Field is the change of field in ev, if ev changed it.
func (ev Event) Field(field string) (FieldChange, bool) {
	for _, f := range ev.Fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldChange{}, false
}

// StateChanges lists the fields of a requirement's state that differ
// from old to new (EventState's Fields).
func StateChanges(old, new ReqState) []FieldChange {
	var f []FieldChange
	f = Changed(f, FieldStatus, string(old.Status), string(new.Status))
	f = Changed(f, FieldNote, old.Note, new.Note)
	f = Changed(f, FieldJustification, old.Justification, new.Justification)
	f = Changed(f, FieldOffline, strconv.FormatBool(old.Offline), strconv.FormatBool(new.Offline))
	return f
}

// Concerns tells whether ev is about requirement reqID: its subject, or a
// field naming it (an ANS request's requirements, "status:ID" changes).
func (ev Event) Concerns(reqID string) bool {
	if ev.Subject == reqID {
		return true
	}
	for _, f := range ev.Fields {
		if strings.HasSuffix(f.Field, ":"+reqID) {
			return true
		}
		if f.Field == "requirements" || f.Field == "requirement" {
			for _, v := range [2]string{f.Old, f.New} {
				if slices.Contains(strings.Split(v, ","), reqID) {
					return true
				}
			}
		}
	}
	return false
}
