//go:build !unix

package output

import "context"

// LockDest is not available here: builds into one folder are not kept
// apart, so run one at a time (see README).
func LockDest(ctx context.Context, dest string, waiting func()) (release func(), err error) {
	return func() {}, nil
}
