//go:build !unix

package output

func isNotEmpty(err error) bool { return false }
