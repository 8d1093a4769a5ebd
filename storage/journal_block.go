package storage

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// A block is how version 9 stores events, in the tail and in journal/:
// consecutive events in one value, kept under the number of the first.
// It is blockMark, the number of events as a uvarint, then each event as
// a uvarint length and its packed form (dossier.Event.AppendPacked). A
// block's first event always names its operator; the next ones may leave
// it out (it is then the one before's, in the same block). Its last 32
// bytes are its last event's hash (a packed form ends with its hash).
//
// The tail holds one block, which grows by one event at each change; when
// it is full, it moves into journal/ as it is, in one value: one key and
// one value more in journal/'s last leaf every several changes, however
// many events the block holds.
const blockMark = 'b'

// minPacked is the smallest packed event: its mark, a time, an operator,
// five empty strings, no field, and the hash.
const minPacked = 1 + 1 + 1 + 4 + 1 + 1 + 32

// isBlock tells whether a stored value is a block (the other forms start
// with 'p', 'l', 'd' or '{').
func isBlock(v []byte) bool { return len(v) > 0 && v[0] == blockMark }

// blockHeader is the number of events the block v holds and the bytes
// after its header; ok is false when the header does not read or counts
// more events than the block has room for.
func blockHeader(v []byte) (n uint64, events []byte, ok bool) {
	if !isBlock(v) {
		return 0, nil, false
	}
	n, w := binary.Uvarint(v[1:])
	if w <= 0 || n == 0 {
		return 0, nil, false
	}
	events = v[1+w:]
	if n > uint64(len(events))/(1+minPacked) {
		return 0, nil, false
	}
	return n, events, true
}

// blockLink is what the next event chains from when the block v, stored
// under key k, is the journal's last: its last event's number and hash.
func blockLink(k, v []byte) (uint64, string, error) {
	n, _, ok := blockHeader(v)
	if !ok {
		return 0, "", brokenEvent(k, fmt.Errorf("%w: journal block", errCorrupt))
	}
	return fromU64(k) + n - 1, hex.EncodeToString(v[len(v)-32:]), nil
}

// blockWalk reads a block's packed events one after the other.
type blockWalk struct {
	// seq is the number of the next event; left how many are still to
	// read; rest the bytes from the next one.
	seq, left uint64
	rest      []byte
}

// walkBlock starts reading the block v stored under key k.
func walkBlock(k, v []byte) (blockWalk, error) {
	n, events, ok := blockHeader(v)
	if !ok {
		return blockWalk{}, brokenEvent(k, fmt.Errorf("%w: journal block", errCorrupt))
	}
	return blockWalk{seq: fromU64(k), left: n, rest: events}, nil
}

// next is the next event's number and packed form; done once all were
// read. An event whose length does not read, or bytes left after the
// last, break the journal at that event's number.
func (w *blockWalk) next() (seq uint64, packed []byte, done bool, err error) {
	if w.left == 0 {
		if len(w.rest) != 0 {
			return w.seq, nil, false, brokenEvent(u64(w.seq), fmt.Errorf("%w: bytes after a journal block's events", errCorrupt))
		}
		return 0, nil, true, nil
	}
	size, n := binary.Uvarint(w.rest)
	if n <= 0 || size < minPacked || size > uint64(len(w.rest)-n) {
		return w.seq, nil, false, brokenEvent(u64(w.seq), fmt.Errorf("%w: journal event length", errCorrupt))
	}
	packed, w.rest = w.rest[n:n+int(size)], w.rest[n+int(size):]
	seq, w.seq, w.left = w.seq, w.seq+1, w.left-1
	return seq, packed, false, nil
}

// newBlock is a block of one event, packed.
func newBlock(packed []byte) []byte {
	b := make([]byte, 0, 2+binary.MaxVarintLen64+len(packed))
	b = append(b, blockMark, 1)
	b = binary.AppendUvarint(b, uint64(len(packed)))
	return append(b, packed...)
}

// blockWith is the block v (of n events, whose header ends before
// events) with packed added at its end, in a new slice.
func blockWith(n uint64, events, packed []byte) []byte {
	b := make([]byte, 0, 1+2*binary.MaxVarintLen64+len(events)+len(packed))
	b = append(b, blockMark)
	b = binary.AppendUvarint(b, n+1)
	b = append(b, events...)
	b = binary.AppendUvarint(b, uint64(len(packed)))
	return append(b, packed...)
}

// blockGrowth is how many bytes adding an event of size bytes to a block
// of n events adds to it.
func blockGrowth(n uint64, size int) int {
	return uvarintLen(uint64(size)) + size + uvarintLen(n+1) - uvarintLen(n)
}

func uvarintLen(x uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], x)
}

// lastOperatorIs tells whether the last event of the block whose events
// are events (n of them) has operator op — false when a block's event
// does not read (the next event then names its operator).
func lastOperatorIs(n uint64, events []byte, op string) bool {
	w := blockWalk{left: n, rest: events}
	var last []byte
	for {
		_, packed, done, err := w.next()
		if err != nil {
			return false
		}
		if done {
			return last != nil && string(last) == op
		}
		o, same, err := dossier.PackedOperatorBytes(packed)
		switch {
		case err != nil:
			return false
		case !same:
			last = o
		}
	}
}
