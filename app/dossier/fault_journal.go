package dossier

// Faults of the journal and of the dossier's signing key.
const (
	FaultJournalBroken Fault = "journal_broken" // Subject: the first broken event's number; Detail: the Break* reason
	FaultNoJournal     Fault = "no_journal"     // Subject: the dossier; it keeps no journal
	FaultNoSigningKey  Fault = "no_signing_key" // Subject: the dossier; it holds no signing key
)
