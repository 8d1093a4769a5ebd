package storage

import (
	"fmt"
	"sync"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// catalogueCache keeps the current catalogue decoded, under its key in the
// catalogues bucket. A stored version is never rewritten (addCatalogue
// makes a new key each time, compaction copies keys as they are), so the
// key names its content: a transaction reads the key of the catalogue in
// use, a few bytes, and decodes the catalogue only when it changed.
type catalogueCache struct {
	mu  sync.Mutex
	seq uint64
	cat *dossier.Catalogue
}

// current is the catalogue in use as btx sees it. A nil cache decodes it.
func (c *catalogueCache) current(btx *bbolt.Tx) (*dossier.Catalogue, error) {
	b := btx.Bucket(bucketCatalogues)
	key := b.Get(keyCurrent)
	if key == nil {
		return nil, fmt.Errorf("%w: no catalogue", errCorrupt)
	}
	seq := fromU64(key)
	if cat := c.get(seq); cat != nil {
		return cat, nil
	}
	var cat dossier.Catalogue
	ok, err := get(b, key, &cat)
	if err == nil && !ok {
		err = fmt.Errorf("%w: no current catalogue", errCorrupt)
	}
	if err != nil {
		return nil, err
	}
	if err := cat.Validate(); err != nil {
		return nil, err
	}
	c.put(seq, &cat)
	return &cat, nil
}

// get is the cached catalogue stored under seq, or nil.
func (c *catalogueCache) get(seq uint64) *dossier.Catalogue {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cat != nil && c.seq == seq {
		return c.cat
	}
	return nil
}

// put caches cat as the catalogue stored under seq.
func (c *catalogueCache) put(seq uint64, cat *dossier.Catalogue) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq, c.cat = seq, cat
}
