package fr

// French is err as an error whose text is its French sentence (for code
// that shows err.Error() to people) and which still unwraps to err (for
// errors.Is and the log).
func French(err error) error {
	if err == nil {
		return nil
	}
	return frenchError{err}
}

type frenchError struct{ err error }

func (e frenchError) Error() string { return Error(e.err) }
func (e frenchError) Unwrap() error { return e.err }
