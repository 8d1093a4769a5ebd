package dossier

import "errors"

// Sentinel errors callers must tell apart. Their text is French because it
// reaches users as it is, usually wrapped with the object it concerns.
var (
	ErrLocked             = errors.New("dossier déjà ouvert par une autre instance de l'application")
	ErrNotDossier         = errors.New("ce fichier n'est pas un dossier Ségur valide")
	ErrNewerVersion       = errors.New("ce dossier a été créé par une version plus récente de l'application")
	ErrNotFound           = errors.New("élément introuvable")
	ErrUnknownRequirement = errors.New("exigence inconnue")
	ErrUnknownProfile     = errors.New("profil inconnu")
	ErrAmbiguousProfile   = errors.New("profil ambigu")
	ErrJustification      = errors.New("une justification est obligatoire pour « Non applicable »")
	ErrInvalid            = errors.New("valeur invalide")
	ErrUnsupportedFile    = errors.New("fichier non pris en charge")
	ErrCancelled          = errors.New("opération annulée")
)
