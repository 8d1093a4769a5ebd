package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"go.etcd.io/bbolt"
)

// recordVersion is the version of the JSON records this code writes.
const recordVersion = 1

type record struct {
	V    int             `json:"v"`
	Data json.RawMessage `json:"data"`
}

func encode(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(record{V: recordVersion, Data: data})
}

// writtenPrefix is how encode begins every record this version writes.
var writtenPrefix = []byte(`{"v":1,"data":`)

func decode(raw []byte, v any) error {
	// What encode wrote is decoded once, not first as a record and then
	// again as its data: that halves the cost of listing evidence.
	if bytes.HasPrefix(raw, writtenPrefix) && len(raw) > len(writtenPrefix) && raw[len(raw)-1] == '}' {
		if err := json.Unmarshal(raw[len(writtenPrefix):len(raw)-1], v); err == nil {
			return nil
		}
	}
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		return fmt.Errorf("%w: unreadable record: %w", errCorrupt, err)
	}
	if r.V > recordVersion {
		return dossier.E(dossier.FaultNewerVersion, "", fmt.Errorf("record version %d", r.V))
	}
	return json.Unmarshal(r.Data, v)
}

func put(b *bbolt.Bucket, key []byte, v any) error {
	raw, err := encode(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

func get(b *bbolt.Bucket, key []byte, v any) (bool, error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	return true, decode(raw, v)
}

func u64(n uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, n)
	return k
}

func fromU64(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}
