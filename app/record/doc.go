// Package record is the screen-recording core of the "Preuves" feature:
// it grabs a region of the screen at a steady rate, paints the user's
// fixed masks in solid black on every frame before anything encodes it
// (the masked pixels never reach the file), and streams the frames to a
// video file beside the dossier: H.264 MP4 through ffmpeg when it is
// installed, else Motion-JPEG AVI written by github.com/icza/mjpeg, so
// that recording works on any workstation. A recording can be paused,
// resumed and stopped; after it stops, Trim keeps the part between a start
// and an end, and Store streams the result into the dossier.
//
// The file being written is a temporary file of package scratch, held
// while the recording runs: if the application is killed, the next opening
// of a dossier in that folder removes it and the dossier is untouched.
//
// The package holds no UI code; the errors are *dossier.Error values.
package record
