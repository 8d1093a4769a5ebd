package dossier

// Faults of merging copies of a dossier and of working copies.
const (
	FaultMergeSelf        Fault = "merge_self"        // Subject: the dossier, given as its own copy
	FaultOtherDossier     Fault = "other_dossier"     // Subject: the other file, a copy of another dossier
	FaultCopyDamaged      Fault = "copy_damaged"      // Subject: the other file, damaged or truncated
	FaultCopyJournal      Fault = "copy_journal"      // Subject: the other file; Detail: the first event that does not verify
	FaultCopyOld          Fault = "copy_old"          // Subject: the other file, written by an older version
	FaultUnresolved       Fault = "unresolved"        // Detail: how many conflicts are left to resolve
	FaultChangedMeanwhile Fault = "changed_meanwhile" // Subject: the dossier, changed since the merge was planned
	FaultUnknownSection   Fault = "unknown_section"   // Subject: the section given; Detail: the choices
)
