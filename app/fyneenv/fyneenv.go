// Package fyneenv sets, before Fyne reads it, how long Fyne keeps what it
// caches for a canvas object or a text that is no longer drawn: renderers
// and, above all, the OpenGL texture of every text drawn (one per distinct
// text, size and colour). Fyne's default is one minute ($FYNE_CACHE, read
// once by fyne.io/fyne/v2/internal/cache's init); walking a large dossier
// shows hundreds of texts a minute (statements, file names, hashes), whose
// textures then pile up. Ten seconds still covers going back and forth
// between two requirements. Measured under Xvfb on the 2,000-proof dossier
// (.ci/bench-walk.sh), 60 moves: 190 MiB of RSS instead of 220 MiB, with
// no more CPU per move.
//
// Like app/envlocale, it imports nothing but the standard library, so that
// Go (≥ 1.21, which initialises the packages that are ready in import-path
// order) runs its init before Fyne's; main imports it for that side effect.
// A value already in the environment is kept.
package fyneenv

import "os"

// CacheDuration is the value given to $FYNE_CACHE.
const CacheDuration = "10s"

func init() {
	if _, ok := os.LookupEnv("FYNE_CACHE"); !ok {
		os.Setenv("FYNE_CACHE", CacheDuration)
	}
}
