package dossier

import (
	"encoding/binary"
	"encoding/hex"
	"time"
)

// packedMark starts an event's packed form (AppendPacked). The other
// forms start with 'd' (stored), 'l' (linked) or '{' (JSON).
const packedMark = 'p'

// MaxSameOperator bounds how many packed events in a row may name their
// operator as "the event before's": a reader walks back at most this far
// to find it (see AppendPacked).
const MaxSameOperator = 64

// AppendPacked appends ev's packed form to b: what the journal's order
// does not give, in binary, after the packedMark — the time as a varint
// of Unix seconds; then, each as a uvarint length and its bytes, the
// operator, kind, subject, summary and sha256; the number of fields as a
// uvarint and each field's name, old and new value; origin; and last
// Hash as 32 raw bytes. Seq is the key the store keeps it under and Prev
// the hash of the event before, so neither is written. When
// sameOperator, the operator is written as a lone 0 (its length is
// written plus one otherwise): it is the operator of the event before,
// which the store resolves (PackedOperator). It is about half the size of
// the stored form and reads back without parsing decimal text. It fails
// when Hash is not a SHA-256 in hex (Chained makes one).
func (ev Event) AppendPacked(b []byte, sameOperator bool) ([]byte, error) {
	sum, err := rawHash(ev.Hash)
	if err != nil {
		return b, err
	}
	b = append(b, packedMark)
	b = binary.AppendVarint(b, ev.Time.Unix())
	if sameOperator {
		b = append(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(ev.Operator))+1)
		b = append(b, ev.Operator...)
	}
	for _, s := range [...]string{string(ev.Kind), ev.Subject, ev.Summary, ev.SHA256} {
		b = packString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(ev.Fields)))
	for _, f := range ev.Fields {
		b = packString(packString(packString(b, f.Field), f.Old), f.New)
	}
	b = packString(b, ev.Origin)
	return append(b, sum[:]...), nil
}

// packString appends s as a uvarint length and its bytes.
func packString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// IsPacked tells whether b is an event's packed form.
func IsPacked(b []byte) bool { return len(b) > 32 && b[0] == packedMark }

// PackedHash is the Hash of the event whose packed form is b, without
// reading the rest.
func PackedHash(b []byte) string { return hex.EncodeToString(b[len(b)-32:]) }

// PackedOperator is the operator the packed form b names; same tells
// that it names none: the operator is the event before's.
func PackedOperator(b []byte) (operator string, same bool, err error) {
	op, same, err := PackedOperatorBytes(b)
	return string(op), same, err
}

// PackedOperatorBytes is PackedOperator without a copy: the operator's
// bytes within b.
func PackedOperatorBytes(b []byte) (operator []byte, same bool, err error) {
	if !IsPacked(b) {
		return nil, false, errStored
	}
	p := packParser{b: b[1 : len(b)-32]}
	p.varint()
	n := p.uvarint()
	if n == 0 || p.bad {
		return nil, !p.bad, p.err()
	}
	if n-1 > uint64(len(p.b)) {
		return nil, false, errStored
	}
	return p.b[:n-1], false, nil
}

// ParsePacked reads the event stored as b (AppendPacked) under number
// seq; prev is the hash of the event before (GenesisPrev for the first)
// and operatorBefore its operator, used when b names none. Hash is taken
// as stored: ChainChecker recomputes it.
func ParsePacked(b []byte, seq uint64, prev, operatorBefore string) (Event, error) {
	if !IsPacked(b) {
		return Event{}, errStored
	}
	p := packParser{b: b[1 : len(b)-32]}
	ev := Event{Seq: seq, Time: time.Unix(p.varint(), 0).UTC(), Operator: operatorBefore}
	if n := p.uvarint(); n > 0 {
		ev.Operator = p.bytes(n - 1)
	}
	ev.Kind = EventKind(p.text())
	ev.Subject, ev.Summary, ev.SHA256 = p.text(), p.text(), p.text()
	// Each field takes at least 3 bytes: more is a damaged count.
	if n := p.uvarint(); n > uint64(len(p.b))/3 {
		p.bad = true
	} else if n > 0 {
		ev.Fields = make([]FieldChange, n)
		for i := range ev.Fields {
			ev.Fields[i] = FieldChange{Field: p.text(), Old: p.text(), New: p.text()}
		}
	}
	ev.Origin = p.text()
	if err := p.err(); err != nil || len(p.b) != 0 {
		return Event{}, errStored
	}
	ev.Prev, ev.Hash = prev, PackedHash(b)
	return ev, nil
}

// packParser reads a packed form's varints and strings one after the
// other; bad is set once one does not parse (and every later read is
// empty).
type packParser struct {
	b   []byte
	bad bool
}

func (p *packParser) varint() int64 {
	v, n := binary.Varint(p.b)
	return skipVarint(p, n, v)
}

func (p *packParser) uvarint() uint64 {
	v, n := binary.Uvarint(p.b)
	return skipVarint(p, n, v)
}

// skipVarint moves p past a varint of n bytes (n <= 0: none read) and
// gives back its value v, or zero once something did not parse.
func skipVarint[T int64 | uint64](p *packParser, n int, v T) T {
	if p.bad || n <= 0 {
		p.bad = true
		return 0
	}
	p.b = p.b[n:]
	return v
}

// bytes reads the next n bytes as text.
func (p *packParser) bytes(n uint64) string {
	if p.bad || n > uint64(len(p.b)) {
		p.bad = true
		return ""
	}
	s := string(p.b[:n])
	p.b = p.b[n:]
	return s
}

// text reads a uvarint length and that many bytes.
func (p *packParser) text() string { return p.bytes(p.uvarint()) }

func (p *packParser) err() error {
	if p.bad {
		return errStored
	}
	return nil
}
