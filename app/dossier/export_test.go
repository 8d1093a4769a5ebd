package dossier

// Store is the underlying store, for this package's tests only (callers
// outside get what they need: Service.OpenContent).
func (s *Service) Store() Store { return s.store }
