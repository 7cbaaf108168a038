//go:build !brieftext

package main

// briefText is nil until internal/extract has a text-dump extractor; build
// with -tags brieftext once it does.
var briefText func(p *page) (string, error)
