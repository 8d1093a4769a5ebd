// Package storage keeps a dossier in one bbolt file: its identity, the
// catalogue versions it used, requirement states, evidence metadata and
// evidence content. It implements the interfaces of app/dossier.
//
// Bucket tree (schema version 9):
//
//	meta/
//	  schema_version       -> uint64, big-endian
//	  migrating            -> present while migrateV3toV4 runs (see there)
//	  orphans              -> present when chunk_index may hold zero counts
//	dossier/
//	  info                 -> record(dossier.Info)
//	  signing_key          -> record(signingKey): the Ed25519 seed the
//	                          exports' manifest.json is signed with
//	catalogues/
//	  current              -> uint64 key of the catalogue in use
//	  <uint64 seq>         -> record(dossier.Catalogue), one per version imported
//	states/
//	  <requirement ID>     -> record(dossier.ReqState)
//	evidence/
//	  <uint64 seq>         -> record(dossier.Evidence)
//	evidence_by_req/
//	  <requirement ID> 0x00 <uint64 seq> -> the evidence's facts (encodeFacts:
//	                          digest, size, kind, proof number, name), so
//	                          that status and check scan this small index,
//	                          not every record; a prefix Seek lists one
//	                          requirement
//	evidence_summary/
//	  <requirement ID>     -> record(dossier.ProofSummary) of its entries
//	                          above (count, bytes, kinds, extensions, proof
//	                          numbers, proof-set digest), for every
//	                          requirement with evidence: what status, check
//	                          and the dashboard read (evidence_summary.go)
//	evidence_summary_dirty/
//	  <requirement ID>     -> empty: its entries changed in this write
//	                          transaction; the transaction's end recomputes
//	                          its summary and deletes the mark
//	chunks/
//	  <uint64 seq>/        -> one bucket per write transaction that stored
//	                          chunks, so that no transaction rewrites the
//	                          pages of an earlier one
//	    <uint64 n>         -> chunk of at most 1 MiB, stored once however
//	                          many contents hold it
//	chunk_index/
//	  <sha256 of the chunk> -> 3 uint64: its seq and n under chunks/, and
//	                          how many list entries (contents/*/list and
//	                          pending/*/list) name it
//	contents/
//	  <sha256 of the file>/ -> one bucket per content:
//	    info               -> record(contentInfo): size, evidence references
//	    list/
//	      <uint64 index>   -> sha256 of chunk <index> (indexes from 0)
//	pending/
//	  <uint64 seq>/        -> an ingest not yet linked; swept at open
//	    list/              -> as above, its chunks counted in chunk_index; the
//	                          linking transaction moves this bucket under
//	                          contents/<sha256>/ (bbolt MoveBucket, no copy)
//	                          or releases it when the content exists
//	deposits/
//	  <uint64 round>       -> record(dossier.Deposit): a package filed, its
//	                          manifest digest and per requirement the proof
//	                          digests it carried
//	requests/
//	  <uint64 n>           -> record(dossier.Request): an ANS request, open
//	                          or closed, with the proof digests it saw
//	journal/
//	  <uint64 seq>         -> record(dossier.Event), one per change, from 1,
//	                          hash-chained (see dossier.Event), appended by
//	                          Tx.Record in the change's own transaction (see
//	                          journal_read.go for the forms an event is
//	                          stored in)
//	journal_mid/
//	  <uint64 seq>         -> blocks of events, which follow journal/'s, on
//	                          one page at most: the tail's blocks, each
//	                          moved here as it is; their events move into
//	                          journal/ when the page is full (see
//	                          appendEvent)
//	journal_tail/
//	  <uint64 seq>         -> one block: the newest events, which follow
//	                          journal_mid/'s: at most a quarter of a page,
//	                          so that bbolt keeps this bucket inline in the
//	                          root page that every commit rewrites; moved
//	                          into journal_mid/ when full
//
// Keys made from integers are fixed-width big-endian so that byte order is
// numeric order. Values are JSON records {"v": version, "data": …}.
//
// History: version 1 kept a single catalogue under catalogue/current and
// had no evidence buckets; migrateV1toV2 moves it under catalogues/.
// Version 2 had no deposits/ nor requests/ and no dossier ID in info;
// migrateV2toV3 adds them (the identity, decision and referenced
// requirements live in record(dossier.Info), fields that version 2 files
// simply lack). Version 3 stored each content's chunks under
// blobs/<sha256>/chunks/, once per content but never shared between
// contents; migrateV3toV4 converts them to the shared chunks above.
// Version 4 had no journal/ and no signing key; migrateV4toV5 adds both,
// the journal starting with an event that records the state found.
// Version 5 kept every event in journal/, so that each change wrote the
// journal's leaf and branch pages besides its own; migrateV5toV6 adds the
// empty journal_tail/ (an older version, which would not read the tail,
// refuses a version 6 file).
// Version 6 left evidence_by_req values empty; migrateV6toV7 writes every
// entry's facts from its record.
// Version 7 had no evidence_summary/ (status and check read every entry
// of evidence_by_req); migrateV7toV8 computes every summary from the
// entries.
// Version 8 kept one event per key in journal_tail/ and moved them into
// journal/ every 9 or so changes; migrateV8toV9 moves the tail's events
// into journal/ as they are and adds journal_mid/, after which the tail
// holds a block (an older version, which would not read blocks, refuses
// a version 9 file).
//
// Review and sign-off added fields, not buckets: record(dossier.Info) may
// hold "signoff" (the review rules) and record(dossier.ReqState)
// "signoff" (the last reviewer's decision, with the proof digests it was
// made on). A file without them reads as review off and no decision, so
// no migration is needed; Evidence's "added_by" (who attached it, which
// the self-review rule reads) was always there, empty or "inconnu" when
// unknown.
package storage

// SchemaVersion is the version this code writes.
const SchemaVersion = 9

var (
	bucketMeta          = []byte("meta")
	bucketDossier       = []byte("dossier")
	bucketCatalogues    = []byte("catalogues")
	bucketStates        = []byte("states")
	bucketEvidence      = []byte("evidence")
	bucketEvidenceByReq = []byte("evidence_by_req")
	bucketChunks        = []byte("chunks")
	bucketChunkIndex    = []byte("chunk_index")
	bucketContents      = []byte("contents")
	bucketPending       = []byte("pending")
	bucketDeposits      = []byte("deposits")
	bucketRequests      = []byte("requests")
	bucketJournal       = []byte("journal")
	bucketJournalTail   = []byte("journal_tail")
	bucketJournalMid    = []byte("journal_mid")
	bucketSummaries     = []byte("evidence_summary")
	bucketSummaryDirty  = []byte("evidence_summary_dirty")

	keySchemaVersion = []byte("schema_version")
	keyInfo          = []byte("info")
	keyCurrent       = []byte("current")
	keyMigrating     = []byte("migrating")
	keyOrphans       = []byte("orphans")
	keyList          = []byte("list")
)

// topBuckets are the buckets every current dossier has.
var topBuckets = [][]byte{
	bucketMeta, bucketDossier, bucketCatalogues, bucketStates,
	bucketEvidence, bucketEvidenceByReq, bucketChunks, bucketChunkIndex,
	bucketContents, bucketPending, bucketDeposits, bucketRequests,
	bucketJournal, bucketJournalMid, bucketJournalTail, bucketSummaries, bucketSummaryDirty,
}
