package dossier

import (
	"errors"
	"fmt"
)

// Fault classifies an error for the edge (ui, cli) that tells the user. The
// edge turns a fault, with the error's Subject and Detail, into one French
// sentence (package fr); the whole chain goes to the log. Faults are stable
// English identifiers, usable in JSON output.
type Fault string

// The faults callers and the edge tell apart.
const (
	FaultInternal           Fault = "internal"            // unexpected: the log has the cause
	FaultLocked             Fault = "locked"              // another instance holds the dossier
	FaultNotDossier         Fault = "not_dossier"         // not a dossier file (empty, foreign)
	FaultDamaged            Fault = "damaged"             // a dossier or content that fails its checks
	FaultNewerVersion       Fault = "newer_version"       // written by a newer version of the application
	FaultNotFound           Fault = "not_found"           // an item of the dossier (evidence, row…)
	FaultUnknownRequirement Fault = "unknown_requirement" // Subject: the requirement ID
	FaultUnknownProfile     Fault = "unknown_profile"     // Subject: what was asked; Detail: the choices
	FaultAmbiguousProfile   Fault = "ambiguous_profile"   // Subject: what was asked; Detail: the matches
	FaultJustification      Fault = "justification"       // Non applicable without justification
	FaultInvalid            Fault = "invalid"             // Subject: the field; Detail: the value or rule
	FaultUnsupportedFile    Fault = "unsupported_file"    // Subject: the file; Detail: why
	FaultFileNotFound       Fault = "file_not_found"      // Subject: the path
	FaultPermission         Fault = "permission"          // Subject: the path
	FaultDiskFull           Fault = "disk_full"           // Subject: the path being written
	FaultFileChanged        Fault = "file_changed"        // a file changed while it was read
	FaultPolicy             Fault = "policy"              // the file policy refuses a file
	FaultIncomplete         Fault = "incomplete"          // blocking gaps remain
	FaultCancelled          Fault = "cancelled"           // the user cancelled
	FaultNoRoom             Fault = "no_room"             // Subject: the dossier; Detail: bytes needed (decimal)
	FaultNetworkDrive       Fault = "network_drive"       // Subject: a dossier path on a network drive
	FaultNoApplication      Fault = "no_application"      // Subject: a file no application could open
	FaultNoText             Fault = "no_text"             // Subject: a PDF with no extractable text (scan)
	FaultNoProof            Fault = "no_proof"            // Prête without any proof; Subject: the requirement
	FaultOfflineNote        Fault = "offline_note"        // proof filed outside the app without a note; Subject: the requirement
)

// Error is an error of a known fault: what it concerns and its cause. Its
// Error text is English, for logs; people read fr.Error(err).
type Error struct {
	Fault Fault
	// Subject is what the error concerns, as people name it: a file name,
	// a requirement ID, a field.
	Subject string
	// Detail is data the sentence may show (a value, a limit, a list of
	// choices): never prose, never OS or library text.
	Detail string
	// Err is the cause, for the log.
	Err error
}

// E makes an *Error of fault about subject, caused by cause (may be nil).
func E(f Fault, subject string, cause error) error {
	return &Error{Fault: f, Subject: subject, Err: cause}
}

// ED is E with a Detail.
func ED(f Fault, subject, detail string, cause error) error {
	return &Error{Fault: f, Subject: subject, Detail: detail, Err: cause}
}

func (e *Error) Error() string {
	s := string(e.Fault)
	if e.Subject != "" {
		s += " " + fmt.Sprintf("%q", e.Subject)
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, &Error{Fault: k}) true for any error of fault k:
// a bare fault value (no subject, detail nor cause) matches by fault.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Subject == "" && t.Detail == "" && t.Err == nil && t.Fault == e.Fault
}

// FaultOf is the fault of the outermost *Error in err's chain, FaultInternal
// when there is none, "" for a nil error.
func FaultOf(err error) Fault {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Fault
	}
	return FaultInternal
}

// AsError is the outermost *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
