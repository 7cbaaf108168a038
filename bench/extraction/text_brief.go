package main

import (
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/textdump"
)

func briefText(p *page) (string, error) {
	a, err := textdump.Extract(p.Dump, article.Options{URL: p.URL})
	if err != nil {
		return "", err
	}
	return a.Text, nil
}
