package dossier

// Store is the underlying store, for this package's tests only (callers
// outside get what they need: Service.OpenContent).
func (s *Service) Store() Store { return s.store }

// The pieces of the summary rules, for the property test in
// summary_test.go.
var (
	UnknownProofs = unknownProofs
	ProofSetOf    = proofSetOf
	Detailed      = detailed
)
