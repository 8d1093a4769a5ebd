package ui

import (
	"log"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// fyneFrench completes Fyne's own French translation (its lang package
// ships base.fr.json) where it says "Parent".
const fyneFrench = `{
  "file.parent": {"other": "Dossier parent"}
}`

// useFrench makes Fyne's own strings (its dialogs' buttons, the file
// dialog, the entry's menu) French whatever the system's language: the
// application is French. Fyne's lang package reads the locale from the
// environment (LC_ALL, LC_MESSAGES, LANG, then LANGUAGE) when translations
// are added, so this sets it first, for this process only.
func useFrench() {
	set := func(k string) {
		if err := os.Setenv(k, "fr_FR.UTF-8"); err != nil {
			log.Printf("setenv %s: %v", k, err)
		}
	}
	if v := os.Getenv("LC_ALL"); v != "" {
		if !strings.HasPrefix(v, "fr") {
			set("LC_ALL")
		}
	} else if v := os.Getenv("LC_MESSAGES"); !strings.HasPrefix(v, "fr") {
		set("LC_MESSAGES")
	}
	os.Setenv("LANGUAGE", "fr")
	if err := lang.AddTranslationsForLocale([]byte(fyneFrench), fyne.Locale("fr")); err != nil {
		log.Printf("French translations: %v", err)
	}
}
