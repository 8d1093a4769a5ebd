package dossier

// Faults of the journal and of the dossier's signing key.
const (
	FaultJournalBroken Fault = "journal_broken" // Subject: the first broken event's number; Detail: the Break* reason
	FaultNoJournal     Fault = "no_journal"     // Subject: the dossier; it keeps no journal
	FaultNoSigningKey  Fault = "no_signing_key" // Subject: the dossier; it holds no signing key
)

// Faults of a package's authenticity (verify).
const (
	FaultBadSignature   Fault = "bad_signature"   // Subject: the package; unsigned, or the signature does not verify
	FaultWrongKey       Fault = "wrong_key"       // Subject: the package; Detail: the fingerprint found
	FaultInconsistent   Fault = "inconsistent"    // Subject: the package; Detail: the files that disagree
	FaultPackageJournal Fault = "package_journal" // Subject: the package; Detail: the first broken event
)
