package main

import (
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/textdump"
)

func briefText(p *page) (output, error) {
	a, err := textdump.Extract(p.Dump, article.Options{URL: p.URL})
	if err != nil {
		return output{}, err
	}
	return output{text: a.Text, md: a.Markdown}, nil
}
