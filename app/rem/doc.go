// Package rem imports the official REM (Référentiel d'Exigences Minimales)
// published by the ANS, as a spreadsheet (XLSX, published or Convergence
// layout) or as a PDF table, into a dossier.Catalogue, with a dry-run
// Report of what was recognised and what was skipped.
//
// The format is detected from the content, never from the file name.
// Every user-facing error is a French sentence; errors wrap the sentinel
// errors of package dossier (ErrUnsupportedFile, ErrInvalid) and the ones
// declared here, so callers can tell them apart.
package rem
