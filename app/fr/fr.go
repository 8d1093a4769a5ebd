// Package fr is the French of the application's edge: the one place where
// an error becomes a sentence for people, and where counts and sizes are
// written the French way. The ui and the cli both use it; the layers below
// speak English in typed errors (dossier.Error).
package fr

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Error is one French sentence for err: what happened and what to do.
// It never shows the cause's chain (OS or library text): log that.
func Error(err error) string {
	if err == nil {
		return ""
	}
	e := dossier.AsError(err)
	if e == nil {
		return "Une erreur inattendue s'est produite ; le détail est dans le journal de l'application."
	}
	return Sentence(message(e))
}

// message is the sentence for one fault, with its subject and detail.
func message(e *dossier.Error) string {
	if m, ok := remMessage(e); ok {
		return m
	}
	s, d := e.Subject, e.Detail
	if m, ok := lifecycleMessage(e); ok {
		return m
	}
	switch e.Fault {
	case dossier.FaultLocked:
		return "le dossier " + Quote(s) + " est déjà ouvert par une autre fenêtre ou un autre poste ; fermez-le là-bas puis recommencez"
	case dossier.FaultNotDossier:
		return Quote(s) + " n'est pas un dossier Ségur ; choisissez un fichier .segur créé par Dossier Ségur"
	case dossier.FaultDamaged:
		return "le dossier " + Quote(s) + " est endommagé et n'a pas été modifié ; restaurez une sauvegarde"
	case dossier.FaultNewerVersion:
		return "le dossier " + Quote(s) + " a été créé par une version plus récente de l'application ; mettez-la à jour"
	case dossier.FaultCancelled:
		return "opération annulée ; rien n'a été modifié"
	case dossier.FaultNoRoom:
		need, _ := strconv.ParseInt(d, 10, 64)
		return "il n'y a pas assez de place sur le disque du dossier " + Quote(s) + " : il faut " + Size(need) + " libres ; libérez de la place puis recommencez (le dossier n'a pas été modifié)"
	case dossier.FaultNetworkDrive:
		return "le dossier " + Quote(s) + " est sur un lecteur réseau, où son verrou n'est pas fiable et où deux postes pourraient l'abîmer ; copiez-le sur un disque de ce poste (dans Documents par exemple) et ouvrez la copie"
	case dossier.FaultNoApplication:
		return "aucune application n'a pu ouvrir " + Quote(s) + " ; installez une application pour ce type de fichier, ou extrayez la pièce et ouvrez-la depuis le gestionnaire de fichiers"
	case dossier.FaultPolicy:
		why := "il ne respecte pas la politique de fichiers"
		var v *dossier.Violation
		if errors.As(e.Err, &v) {
			why = v.Text()
		}
		return "le fichier " + Quote(s) + " est refusé : " + why + " ; joignez un autre fichier ou changez la politique de fichiers du dossier"
	case dossier.FaultNoProof:
		return "l'exigence " + s + " ne peut pas être « Prête » sans preuve ; joignez un fichier ou indiquez une preuve déposée hors application, avec une note disant où elle se trouve"
	case dossier.FaultOfflineNote:
		return "une preuve déposée hors application demande une note disant où elle se trouve (exigence " + s + ") ; saisissez la note"
	}
	if d != "" {
		return fmt.Sprintf("%s : %s", s, d)
	}
	return "une erreur inattendue s'est produite (" + s + ") ; le détail est dans le journal de l'application"
}

// Quote puts s between French quotation marks with non-breaking spaces.
func Quote(s string) string { return "«\u00a0" + s + "\u00a0»" }

// Sentence capitalises the first letter and ends with a full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// Plural writes n with the singular or plural noun: "1 avertissement",
// "7 avertissements", "0 avertissement" (French uses the singular below 2).
func Plural(n int, singular, plural string) string {
	if n < 2 && n > -2 {
		return fmt.Sprintf("%d %s", n, singular)
	}
	return fmt.Sprintf("%s %s", Int(n), plural)
}

// Int writes n with a narrow non-breaking space between thousands.
func Int(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Size writes a byte count in the units French software uses (octets, Ko,
// Mo, Go, To; 1 Ko = 1 024 octets) with a decimal comma: "1,5 Mo".
func Size(n int64) string {
	if n < 1024 {
		return Plural(int(n), "octet", "octets")
	}
	units := []string{"Ko", "Mo", "Go", "To"}
	v := float64(n) / 1024
	u := 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	var s string
	if v >= 100 {
		s = fmt.Sprintf("%.0f", v)
	} else {
		s = fmt.Sprintf("%.1f", v)
		s = strings.TrimSuffix(s, ".0")
	}
	return strings.Replace(s, ".", ",", 1) + "\u00a0" + units[u]
}
