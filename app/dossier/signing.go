package dossier

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// KeyStore is a Store that holds the dossier's Ed25519 signing key, made
// when the dossier is created (or by the migration that gave older
// dossiers a journal). The export signs manifest.json with it. A copy of
// the dossier (copie de travail, merge) keeps the same key.
type KeyStore interface {
	// SigningKey is the dossier's private key; FaultNoSigningKey when it
	// has none.
	SigningKey() (ed25519.PrivateKey, error)
}

// FieldKey is the field of the creation (or journal_started) event that
// records the signing key's fingerprint.
const FieldKey = "key"

// KeyID is the 8-byte identifier of a public key: the first 8 bytes of
// its SHA-256. It is the key ID of the minisign formats (see the export's
// signature) and the start of Fingerprint.
func KeyID(pub ed25519.PublicKey) [8]byte {
	sum := sha256.Sum256(pub)
	var id [8]byte
	copy(id[:], sum[:8])
	return id
}

// Fingerprint names a public key for people: the first 16 bytes of its
// SHA-256 in upper-case hex, in groups of four ("1A2B-3C4D-…"), printed on
// the report and checked by `verify --key`.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	h := strings.ToUpper(hex.EncodeToString(sum[:16]))
	var b strings.Builder
	for i := 0; i < len(h); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(h[i : i+4])
	}
	return b.String()
}

// SameFingerprint compares two fingerprints as people type them: case,
// dashes and spaces do not matter.
func SameFingerprint(a, b string) bool {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || r == ' ' || r == ':' {
				return -1
			}
			return r
		}, strings.ToUpper(s))
	}
	return norm(a) != "" && norm(a) == norm(b)
}

// SigningKey is the dossier's private key (FaultNoSigningKey when its
// store keeps none).
func (s *Service) SigningKey() (ed25519.PrivateKey, error) {
	ks, ok := s.store.(KeyStore)
	if !ok {
		return nil, E(FaultNoSigningKey, s.Path(), nil)
	}
	return ks.SigningKey()
}

// SigningKeyFingerprint is the fingerprint of the dossier's public key.
func (s *Service) SigningKeyFingerprint() (string, error) {
	priv, err := s.SigningKey()
	if err != nil {
		return "", err
	}
	return Fingerprint(priv.Public().(ed25519.PublicKey)), nil
}
