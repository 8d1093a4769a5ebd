package storage

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// keySigning holds the dossier's Ed25519 signing key under dossier/.
var keySigning = []byte("signing_key")

// signingKey is the stored form of the key: its 32-byte seed (the
// private key is derived from it, RFC 8032).
type signingKey struct {
	Seed []byte `json:"seed"`
}

var _ dossier.KeyStore = (*Store)(nil)

// ensureSigningKey makes the dossier's key pair if it has none and
// returns its public key's fingerprint.
func ensureSigningKey(btx *bbolt.Tx) (string, error) {
	b := btx.Bucket(bucketDossier)
	var k signingKey
	ok, err := get(b, keySigning, &k)
	if err != nil {
		return "", err
	}
	if !ok {
		k.Seed = make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(k.Seed); err != nil {
			return "", err
		}
		if err := put(b, keySigning, k); err != nil {
			return "", err
		}
	}
	priv, err := k.private()
	if err != nil {
		return "", err
	}
	return dossier.Fingerprint(priv.Public().(ed25519.PublicKey)), nil
}

func (k signingKey) private() (ed25519.PrivateKey, error) {
	if len(k.Seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w: signing key of %d bytes", errCorrupt, len(k.Seed))
	}
	return ed25519.NewKeyFromSeed(k.Seed), nil
}

// SigningKey implements dossier.KeyStore.
func (s *Store) SigningKey() (ed25519.PrivateKey, error) {
	var priv ed25519.PrivateKey
	err := s.view(func(btx *bbolt.Tx) error {
		var k signingKey
		ok, err := get(btx.Bucket(bucketDossier), keySigning, &k)
		if err != nil {
			return err
		}
		if !ok {
			return dossier.E(dossier.FaultNoSigningKey, s.path, nil)
		}
		priv, err = k.private()
		return err
	})
	return priv, err
}
