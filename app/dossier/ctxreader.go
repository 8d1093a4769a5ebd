package dossier

import (
	"context"
	"io"
)

// CancelReader returns a reader of r that fails, with an error wrapping
// ErrCancelled, once ctx is done: a long copy stops between two reads.
func CancelReader(ctx context.Context, r io.Reader) io.Reader {
	return cancelReader{ctx, r}
}

type cancelReader struct {
	ctx context.Context
	r   io.Reader
}

func (c cancelReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, E(FaultCancelled, "", err)
	}
	return c.r.Read(p)
}
