// Package export writes the submission package of a dossier (a ZIP
// organised by section and requirement, with manifests, a Convergence-style
// workbook and a PDF report) and verifies a package against its manifest.
//
// Content is streamed from the dossier into the ZIP while it is hashed; no
// evidence file is ever held whole in memory. The package is written to a
// temporary file beside the target and renamed only once complete.
package export
