// Package storage keeps a dossier in one bbolt file: its identity, the
// catalogue versions it used, requirement states, evidence metadata and
// evidence content. It implements the interfaces of app/dossier.
//
// Bucket tree (schema version 3):
//
//	meta/
//	  schema_version       -> uint64, big-endian
//	dossier/
//	  info                 -> record(dossier.Info)
//	catalogues/
//	  current              -> uint64 key of the catalogue in use
//	  <uint64 seq>         -> record(dossier.Catalogue), one per version imported
//	states/
//	  <requirement ID>     -> record(dossier.ReqState)
//	evidence/
//	  <uint64 seq>         -> record(dossier.Evidence)
//	evidence_by_req/
//	  <requirement ID> 0x00 <uint64 seq> -> empty (prefix Seek lists one requirement)
//	blobs/
//	  <sha256, 32 bytes>/  -> one bucket per content:
//	    info               -> record(blobInfo): size, reference count
//	    chunks/
//	      <uint64 first>/  -> one bucket per write transaction of the ingest
//	        <uint64 index> -> chunk of at most 1 MiB (indexes count from 0
//	                          across batches)
//	pending/
//	  <uint64 seq>/        -> an ingest not yet linked; swept at open
//	    chunks/            -> as above; the final transaction moves this
//	                          bucket under blobs/<sha256>/ (bbolt MoveBucket,
//	                          no copy) or drops it when the content exists
//	deposits/
//	  <uint64 round>       -> record(dossier.Deposit): a package filed, its
//	                          manifest digest and per requirement the proof
//	                          digests it carried
//	requests/
//	  <uint64 n>           -> record(dossier.Request): an ANS request, open
//	                          or closed, with the proof digests it saw
//
// Keys made from integers are fixed-width big-endian so that byte order is
// numeric order. Values are JSON records {"v": version, "data": …}.
//
// History: version 1 kept a single catalogue under catalogue/current and
// had no evidence buckets; migrateV1toV2 moves it under catalogues/.
// Version 2 had no deposits/ nor requests/ and no dossier ID in info;
// migrateV2toV3 adds them (the identity, decision and referenced
// requirements live in record(dossier.Info), fields that version 2 files
// simply lack).
package storage

// SchemaVersion is the version this code writes.
const SchemaVersion = 3

var (
	bucketMeta          = []byte("meta")
	bucketDossier       = []byte("dossier")
	bucketCatalogues    = []byte("catalogues")
	bucketStates        = []byte("states")
	bucketEvidence      = []byte("evidence")
	bucketEvidenceByReq = []byte("evidence_by_req")
	bucketBlobs         = []byte("blobs")
	bucketPending       = []byte("pending")
	bucketDeposits      = []byte("deposits")
	bucketRequests      = []byte("requests")

	keySchemaVersion = []byte("schema_version")
	keyInfo          = []byte("info")
	keyCurrent       = []byte("current")
)

// topBuckets are the buckets every current dossier has.
var topBuckets = [][]byte{
	bucketMeta, bucketDossier, bucketCatalogues, bucketStates,
	bucketEvidence, bucketEvidenceByReq, bucketBlobs, bucketPending,
	bucketDeposits, bucketRequests,
}
