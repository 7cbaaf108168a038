// Command briefcorpus writes a generated briefing site of N articles, the
// input of the build benchmark (bench/build). The same N always gives the
// same files.
//
//	briefcorpus -n 10000 -dest /tmp/corpus-10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/brief-ssg/brief/bench/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	dest := flag.String("dest", "", "folder to write the site into (must not hold a site)")
	seed := flag.Uint64("seed", 0, "vary the text (0: the benchmark's corpus)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: briefcorpus -n N -dest DIR [-seed S]\n\nWrites a deterministic briefing site of N generated articles.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *dest == "" || *n < 0 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.WriteDir(*dest, corpus.Options{Articles: *n, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "briefcorpus:", err)
		os.Exit(1)
	}
}
