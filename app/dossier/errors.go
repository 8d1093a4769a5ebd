package dossier

import (
	"errors"
	"os"
	"syscall"
)

// Sentinel errors callers must tell apart: bare *Error values, so that
// errors.Is(err, ErrLocked) holds for any error of that fault, with or
// without a subject. Their text is English; people read fr.Error(err).
var (
	ErrLocked             error = &Error{Fault: FaultLocked}
	ErrNotDossier         error = &Error{Fault: FaultNotDossier}
	ErrNewerVersion       error = &Error{Fault: FaultNewerVersion}
	ErrNotFound           error = &Error{Fault: FaultNotFound}
	ErrUnknownRequirement error = &Error{Fault: FaultUnknownRequirement}
	ErrUnknownProfile     error = &Error{Fault: FaultUnknownProfile}
	ErrAmbiguousProfile   error = &Error{Fault: FaultAmbiguousProfile}
	ErrJustification      error = &Error{Fault: FaultJustification}
	ErrInvalid            error = &Error{Fault: FaultInvalid}
	ErrUnsupportedFile    error = &Error{Fault: FaultUnsupportedFile}
	ErrCancelled          error = &Error{Fault: FaultCancelled}
	ErrDamaged            error = &Error{Fault: FaultDamaged}
)

// PathError classifies an error of the operating system about path (open,
// stat, create, write): missing file, refused access, full disk, or, for
// anything else, unreadable when reading and unwritable when writing.
func PathError(path string, err error, writing bool) error {
	switch {
	case err == nil:
		return nil
	case AsError(err) != nil:
		return err // already classified
	case errors.Is(err, os.ErrNotExist):
		return E(FaultFileNotFound, path, err)
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		return E(FaultPermission, path, err)
	case errors.Is(err, syscall.ENOSPC):
		return E(FaultDiskFull, path, err)
	case errors.Is(err, os.ErrExist):
		return E(FaultExists, path, err)
	case errors.Is(err, syscall.EISDIR):
		return E(FaultIsFolder, path, err)
	case writing:
		return E(FaultUnwritable, path, err)
	}
	return E(FaultUnreadable, path, err)
}
