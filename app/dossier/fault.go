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

// The faults callers and the edge tell apart. Each has its French sentence
// in package fr; Subject and Detail say what the sentence may show.
const (
	FaultInternal Fault = "internal" // unexpected: the log has the cause

	// The dossier file.
	FaultLocked       Fault = "locked"        // Subject: the dossier; another instance holds it
	FaultNotDossier   Fault = "not_dossier"   // Subject: the file (empty, foreign, a folder)
	FaultDamaged      Fault = "damaged"       // Subject: the dossier, when known
	FaultNewerVersion Fault = "newer_version" // Subject: the dossier; written by a newer version
	FaultExists       Fault = "exists"        // Subject: a file that must not exist yet

	// Items of the dossier.
	FaultNotFound           Fault = "not_found"           // Subject: an item of the dossier
	FaultEvidenceNotFound   Fault = "evidence_not_found"  // Subject: the evidence number
	FaultEvidenceDamaged    Fault = "evidence_damaged"    // Subject: the evidence's file name
	FaultEvidenceMoved      Fault = "evidence_moved"      // Subject: the evidence number; Detail: the requirement it is under now
	FaultCatalogueChanged   Fault = "catalogue_changed"   // Subject: the file being added; the catalogue was switched meanwhile
	FaultRequirementChanged Fault = "requirement_changed" // Subject: the requirement as named; a catalogue switch dropped or changed it meanwhile
	FaultSwitchOutdated     Fault = "switch_outdated"     // Subject: the catalogue planned; the dossier's catalogue changed since the switch was planned
	FaultUnknownRequirement Fault = "unknown_requirement" // Subject: the requirement ID
	FaultNoProofSlots       Fault = "no_proof_slots"      // Subject: the requirement ID
	FaultUnknownProof       Fault = "unknown_proof"       // Subject: the proof number; Detail: the expected ones
	FaultUnknownProfile     Fault = "unknown_profile"     // Subject: what was asked; Detail: the choices
	FaultAmbiguousProfile   Fault = "ambiguous_profile"   // Subject: what was asked; Detail: the matches
	FaultJustification      Fault = "justification"       // Subject: the requirement ID
	FaultUnknownStatus      Fault = "unknown_status"      // Subject: the value given
	FaultMissingInfo        Fault = "missing_info"        // Detail: the fields to fill in
	FaultUnknownKind        Fault = "unknown_kind"        // Subject: the kind given; Detail: the kinds
	FaultBadSize            Fault = "bad_size"            // Subject: the size as written
	FaultBadCatalogue       Fault = "bad_catalogue"       // Subject: its title; Detail: the requirement concerned
	FaultInvalid            Fault = "invalid"             // Subject: the field; Detail: the value
	FaultIncomplete         Fault = "incomplete"          // Detail: the number of blocking gaps
	FaultCancelled          Fault = "cancelled"           // the user cancelled; nothing was changed
	FaultPolicy             Fault = "policy"              // Subject: the file; the file policy refuses it

	// Files of the computer.
	FaultFileNotFound    Fault = "file_not_found"   // Subject: the path
	FaultFolderNotFound  Fault = "folder_not_found" // Subject: the folder
	FaultNotFolder       Fault = "not_folder"       // Subject: a path that should be a folder
	FaultIsFolder        Fault = "is_folder"        // Subject: a folder given where a file to read is expected
	FaultTargetIsFolder  Fault = "target_is_folder" // Subject: a folder given where a file to write is expected
	FaultNotRegular      Fault = "not_regular"      // Subject: a device, pipe or socket
	FaultEmptyEvidence   Fault = "empty_evidence"   // Subject: a file to attach that is empty
	FaultUnsupportedFile Fault = "unsupported_file" // Subject: the file; Detail: why, as data
	FaultPermission      Fault = "permission"       // Subject: the path
	FaultDiskFull        Fault = "disk_full"        // Subject: the path being written
	FaultUnreadable      Fault = "unreadable"       // Subject: a file that cannot be read
	FaultUnwritable      Fault = "unwritable"       // Subject: a file that cannot be written
	FaultFileGrew        Fault = "file_grew"        // Subject: a file that grew while it was read
	FaultFileShrank      Fault = "file_shrank"      // Subject: a file that shrank while it was read
	FaultFileGone        Fault = "file_gone"        // Subject: a file that vanished while it was read
	FaultFileChanged     Fault = "file_changed"     // Subject: a file replaced or modified while it was read
	FaultNoApplication   Fault = "no_application"   // Subject: a file no application opened; Detail: where it is
	FaultFileTooLarge    Fault = "file_too_large"   // Subject: the file; Detail: the limit

	// Submission packages.
	FaultNotPackage       Fault = "not_package"        // Subject: a file that is not a readable ZIP
	FaultNoManifest       Fault = "no_manifest"        // Subject: the package
	FaultBadManifest      Fault = "bad_manifest"       // Subject: the package
	FaultUnsafePath       Fault = "unsafe_path"        // Subject: the dangerous entry name
	FaultPackageIsDossier Fault = "package_is_dossier" // Subject: the package path, which names the dossier
	FaultTampered         Fault = "tampered"           // Detail: altered/missing/extra counts
	FaultStrayData        Fault = "stray_data"         // Subject: the package; Detail: how many stray byte ranges

	// Screen capture.
	FaultNoDisplay     Fault = "no_display"      // no screen to capture
	FaultNoSuchDisplay Fault = "no_such_display" // Subject: the index asked; Detail: how many there are
	FaultCaptureFailed Fault = "capture_failed"  // the capture failed after retries
	FaultNoImage       Fault = "no_image"        // nothing captured yet
	FaultBadCrop       Fault = "bad_crop"        // the crop area lies outside the image or is empty
	FaultImageTooLarge Fault = "image_too_large" // the image is too large to edit
	FaultTranslucent   Fault = "translucent"     // a redaction colour that is not opaque
	FaultBadImage      Fault = "bad_image"       // Subject: an image the editor cannot decode

	// The clipboard (paste).
	FaultClipboardEmpty       Fault = "clipboard_empty"       // nothing to paste
	FaultClipboardUnsupported Fault = "clipboard_unsupported" // Detail: the clipboard's types
	FaultClipboardTooLarge    Fault = "clipboard_too_large"   // Detail: the limit in bytes (decimal)
	FaultClipboardUnavailable Fault = "clipboard_unavailable" // the clipboard could not be read

	// The command line.
	FaultUnknownCommand   Fault = "unknown_command"   // Subject: the command
	FaultUnknownOption    Fault = "unknown_option"    // Subject: the option
	FaultMissingValue     Fault = "missing_value"     // Subject: the option
	FaultBadOptionValue   Fault = "bad_option_value"  // Subject: the option; Detail: the value given
	FaultMissingArgument  Fault = "missing_argument"  // Subject: the arguments missing
	FaultExtraArgument    Fault = "extra_argument"    // Subject: the first one too many
	FaultMissingOption    Fault = "missing_option"    // Subject: the options missing
	FaultConflictingFlags Fault = "conflicting_flags" // Subject: the option; Detail: the ones it excludes
	FaultSomeFailed       Fault = "some_failed"       // Subject: how many failed; Detail: out of how many
	FaultFlagsTogether    Fault = "flags_together"    // Subject: the options that go together

	// Opening and using the dossier on this computer.
	FaultNetworkDrive Fault = "network_drive" // Subject: a dossier path on a network drive
	FaultNoText       Fault = "no_text"       // Subject: a PDF with no extractable text (scan)
	FaultNoProof      Fault = "no_proof"      // Prête without any proof; Subject: the requirement
	FaultOfflineNote  Fault = "offline_note"  // proof filed outside the app without a note; Subject: the requirement
	FaultNoRoom       Fault = "no_room"       // Subject: the dossier; Detail: bytes needed (decimal)
	FaultNotAllAdded  Fault = "not_all_added" // Subject: the requirement; Detail: "failed/asked" files
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
