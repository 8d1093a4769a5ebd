// Package dossier is the domain of the application: the REM catalogue
// (sections, profiles, requirements), a vendor's proof dossier, the state
// of each requirement, the evidence attached to it, and the rules that say
// which requirements apply and when a dossier is complete.
//
// It uses the standard library only and declares the narrow interfaces it
// consumes (Store, Opener, ...), which the storage package implements.
// User-facing error messages are French sentences, since both the CLI and
// the GUI show them as they are.
package dossier
