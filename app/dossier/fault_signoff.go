package dossier

// Faults of review and sign-off (signoff.go).
const (
	FaultSelfReview    Fault = "self_review"    // Subject: the requirement; Detail: the reviewer
	FaultNotReviewable Fault = "not_reviewable" // Subject: the requirement; Detail: its status's label
	FaultSignoffOff    Fault = "signoff_off"    // review is turned off for the dossier
	FaultNoComment     Fault = "no_comment"     // Subject: the requirement; "à corriger" needs a comment
	FaultNoOperator    Fault = "no_operator"    // no operator name for an action that records one
	FaultOutOfScope    Fault = "out_of_scope"   // Subject: the requirement, outside the dossier's profiles
	FaultPreconisation Fault = "preconisation"  // Subject: a préconisation, which is not reviewed
)
