package main

import "github.com/brief-ssg/brief/internal/extract"

var briefText = func(p *page) (string, error) {
	a, err := extract.Text(p.Dump, extract.Options{URL: p.URL})
	if err != nil {
		return "", err
	}
	return a.Text, nil
}
