// Package capture is the screen-capture core of the "Preuves" feature: it
// grabs one display or the whole desktop, applies the user's edit (masking
// rectangles, then an optional crop) and encodes the result as a PNG with no
// metadata.
//
// Screenshots taken by a QA engineer often show patient identities, so
// masking is irreversible: masked pixels are replaced by a solid colour in
// the full-resolution image before anything else happens, never blurred or
// drawn as an overlay.
//
// The package holds no UI code; app/ui builds the preview editor on top of
// it. User-facing error messages are French sentences.
package capture
