//go:build !unix

package sources

import "context"

// lock is a no-op where flock is missing: run one fetch at a time there.
func lock(context.Context, string) (func(), error) { return func() {}, nil }
