package dossier

// Faults of the dossier's life after the first export: identity, deposit
// rounds, ANS requests and the college's decision.
const (
	FaultInvalidDate      Fault = "invalid_date"      // Subject: the field; Detail: the value
	FaultFutureDate       Fault = "future_date"       // Subject: the field; Detail: the date
	FaultBeforeCreation   Fault = "before_creation"   // Subject: the field; Detail: the creation day
	FaultPastDue          Fault = "past_due"          // Subject: the field; Detail: the date
	FaultInvalidSIREN     Fault = "invalid_siren"     // Subject: the value given
	FaultInvalidIdentity  Fault = "invalid_identity"  // Subject: the key; Detail: the expected form
	FaultForeignPackage   Fault = "foreign_package"   // Subject: the package file
	FaultAlteredPackage   Fault = "altered_package"   // Subject: the package file
	FaultDraftPackage     Fault = "draft_package"     // Subject: the package file
	FaultAlreadyDeposited Fault = "already_deposited" // Subject: the package file; Detail: the round
	FaultNoDeposit        Fault = "no_deposit"        // no deposit round recorded yet
	FaultNothingChanged   Fault = "nothing_changed"   // Detail: the day of the last round
	FaultOpenRequest      Fault = "open_request"      // Subject: the requirement; Detail: the request number
	FaultNoRequest        Fault = "no_request"        // Subject: the request number
	FaultNotReferenced    Fault = "not_referenced"    // Subject: the reference dossier
	FaultBadValue         Fault = "bad_value"         // Subject: the option or field; Detail: what it accepts
	FaultProfileTaken     Fault = "profile_taken"     // Subject: the profile already applied for
)
