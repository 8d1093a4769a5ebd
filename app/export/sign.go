package export

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"golang.org/x/crypto/blake2b"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// SignatureName is the detached signature of manifest.json.
const SignatureName = "manifest.json.sig"

// SignatureRef, in manifest.json, names the key manifest.json.sig was
// made with. The signature is in minisign's format, so that anyone can
// check it without this application: its prehashed "ED" algorithm (an
// Ed25519 signature of the BLAKE2b-512 of manifest.json, minisign's
// default since 0.8, which lets the export sign a manifest it streams
// out); verify also accepts the legacy "Ed" form (an Ed25519 signature of
// the bytes themselves) of packages written before:
//
//	minisign -V -P <public_key> -m manifest.json -x manifest.json.sig
//
// (the public key is in manifest.json, signature.public_key). Trusting the
// key is another matter: compare Fingerprint with the one the vendor
// gives (verify --key).
type SignatureRef struct {
	File      string `json:"file"`
	Algorithm string `json:"algorithm"`
	// Fingerprint is dossier.Fingerprint of the public key.
	Fingerprint string `json:"fingerprint"`
	// KeyID is minisign's key identifier (upper-case hex, as minisign
	// prints it).
	KeyID string `json:"key_id"`
	// PublicKey is the minisign public key: base64 of "Ed", the 8-byte key
	// ID and the 32-byte Ed25519 public key.
	PublicKey string `json:"public_key"`
}

// signatureRef describes pub for the manifest.
func signatureRef(pub ed25519.PublicKey) SignatureRef {
	id := dossier.KeyID(pub)
	raw := append(append([]byte("Ed"), id[:]...), pub...)
	return SignatureRef{File: SignatureName, Algorithm: "Ed25519 (minisign)", Fingerprint: dossier.Fingerprint(pub),
		KeyID: keyIDText(id), PublicKey: base64.StdEncoding.EncodeToString(raw)}
}

// keyIDText is a key ID as minisign prints it: the 8 bytes read as a
// little-endian integer, in upper-case hex.
func keyIDText(id [8]byte) string {
	return fmt.Sprintf("%016X", binary.LittleEndian.Uint64(id[:]))
}

// Minisign's signature algorithms: Ed25519 of the message (legacy) and of
// its BLAKE2b-512 (prehashed).
const (
	algLegacy    = "Ed"
	algPrehashed = "ED"
)

// newPrehash is the hash minisign's prehashed signatures sign.
func newPrehash() hash.Hash {
	h, _ := blake2b.New512(nil) // without a key it cannot fail
	return h
}

// minisign writes the minisign signature file (prehashed form) of the
// message whose BLAKE2b-512 is prehash: the untrusted comment, the
// signature line, the trusted comment and the global signature (over the
// signature and the trusted comment).
func minisign(priv ed25519.PrivateKey, prehash []byte, trusted string) []byte {
	id := dossier.KeyID(priv.Public().(ed25519.PublicKey))
	sig := ed25519.Sign(priv, prehash)
	line := append(append([]byte(algPrehashed), id[:]...), sig...)
	global := ed25519.Sign(priv, append(append([]byte(nil), sig...), trusted...))
	var b bytes.Buffer
	fmt.Fprintf(&b, "untrusted comment: signature Dossier Ségur de manifest.json (clé %s)\n", keyIDText(id))
	fmt.Fprintf(&b, "%s\ntrusted comment: %s\n%s\n", base64.StdEncoding.EncodeToString(line), trusted,
		base64.StdEncoding.EncodeToString(global))
	return b.Bytes()
}

// errBadSignature is a signature that does not match the manifest or key.
var errBadSignature = errors.New("signature does not verify")

// checkMinisign verifies a minisign signature file against the minisign
// public key pubText (base64), trusted comment included, and returns the
// Ed25519 public key. signed gives what a signature of its algorithm
// signs: the message's BLAKE2b-512 (prehashed) or, legacy, its bytes.
func checkMinisign(pubText string, signed func(alg string) ([]byte, error), sigFile []byte) (ed25519.PublicKey, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(pubText))
	if err != nil || len(raw) != 2+8+ed25519.PublicKeySize || string(raw[:2]) != algLegacy {
		return nil, fmt.Errorf("public key: %w", errBadSignature)
	}
	pub := ed25519.PublicKey(raw[10:])
	lines := make([]string, 0, 4)
	sc := bufio.NewScanner(bytes.NewReader(sigFile))
	for sc.Scan() && len(lines) < 5 {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "untrusted comment:") || !strings.HasPrefix(lines[2], "trusted comment: ") {
		return nil, fmt.Errorf("signature file layout: %w", errBadSignature)
	}
	line, err := base64.StdEncoding.DecodeString(lines[1])
	if err != nil || len(line) != 2+8+ed25519.SignatureSize || !bytes.Equal(line[2:10], raw[2:10]) {
		return nil, fmt.Errorf("signature line: %w", errBadSignature)
	}
	alg, sig := string(line[:2]), line[10:]
	if alg != algLegacy && alg != algPrehashed {
		return nil, fmt.Errorf("signature algorithm %q: %w", alg, errBadSignature)
	}
	global, err := base64.StdEncoding.DecodeString(lines[3])
	trusted := strings.TrimPrefix(lines[2], "trusted comment: ")
	if err != nil || !ed25519.Verify(pub, append(append([]byte(nil), sig...), trusted...), global) {
		return nil, errBadSignature
	}
	msg, err := signed(alg)
	if err != nil {
		return nil, err
	}
	if !ed25519.Verify(pub, msg, sig) {
		return nil, errBadSignature
	}
	return pub, nil
}

// readLimited reads r whole, refusing more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = errBadSignature
	}
	return b, err
}
