//go:build !windows && !darwin && !js && !android

// Package envlocale makes the POSIX locale variables readable by Fyne before
// Fyne reads them. Fyne's lang package parses $LANGUAGE, $LC_ALL,
// $LC_MESSAGES or $LANG as language tags in its init and logs three lines on
// stderr for every value it cannot parse: "C.UTF-8", the default of
// containers and CI pipelines, is one. Such values carry no language, so this
// package sets $LANGUAGE to the entries Fyne can read ("en" when none is
// left), which is what Fyne falls back to anyway.
//
// It imports nothing but the standard library, so that Go (≥ 1.21, which
// initialises the packages that are ready in import-path order) runs its
// init before golang.org/x/text, hence before fyne.io/fyne/v2/lang. main
// imports it for that side effect; the CLI smoke test checks the result.
package envlocale

import (
	"os"
	"strings"
)

func init() {
	if v, ok := fix(os.Getenv); ok {
		os.Setenv("LANGUAGE", v)
	}
}

// fix returns the $LANGUAGE value that makes the locale readable, and false
// when the environment needs no change. It reads the variables the way
// github.com/jeandeaual/go-locale (Fyne's reader) does on Unix.
func fix(getenv func(string) string) (string, bool) {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	if locale == "C" || locale == "POSIX" {
		return "", false // read as "no locale": nothing is parsed
	}
	if l := getenv("LANGUAGE"); l != "" {
		locale = l
	}
	if locale == "" {
		return "", false
	}
	var good []string
	for _, l := range strings.Split(locale, ":") {
		if readable(l) {
			good = append(good, l)
		}
	}
	if len(good) == len(strings.Split(locale, ":")) {
		return "", false
	}
	if len(good) == 0 {
		return "en", true
	}
	return strings.Join(good, ":"), true
}

// readable tells whether go-locale turns l into a tag that parses: a
// language of 2 to 3 letters (not "C"), then optionally "_" and a region of
// 2 letters or 3 digits, then optionally ".encoding".
func readable(l string) bool {
	l, _, _ = strings.Cut(l, ".")
	l = strings.ReplaceAll(l, "-", "_")
	lang, region, hasRegion := strings.Cut(l, "_")
	if !letters(lang) || len(lang) < 2 || len(lang) > 3 {
		return false
	}
	if !hasRegion {
		return true
	}
	return (len(region) == 2 && letters(region)) || (len(region) == 3 && digits(region))
}

func letters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return s != ""
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
