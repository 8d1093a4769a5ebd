package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
)

// recentKey is the preference holding recent dossier paths, most recent
// first.
const recentKey = "recent_dossiers"

// recentMax is how many recent dossiers are remembered.
const recentMax = 8

// recentList keeps the recent dossiers in the application preferences.
type recentList struct {
	prefs fyne.Preferences
}

func newRecentList(p fyne.Preferences) recentList {
	return recentList{prefs: p}
}

// paths lists the recent dossiers, most recent first.
func (r recentList) paths() []string {
	if r.prefs == nil {
		return nil
	}
	return r.prefs.StringList(recentKey)
}

// add puts path first, removing an older entry for it.
func (r recentList) add(path string) {
	if r.prefs == nil {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	out := []string{path}
	for _, p := range r.paths() {
		if p != path && len(out) < recentMax {
			out = append(out, p)
		}
	}
	r.prefs.SetStringList(recentKey, out)
}

// remove forgets path.
func (r recentList) remove(path string) {
	if r.prefs == nil {
		return
	}
	var out []string
	for _, p := range r.paths() {
		if p != path {
			out = append(out, p)
		}
	}
	r.prefs.SetStringList(recentKey, out)
}
