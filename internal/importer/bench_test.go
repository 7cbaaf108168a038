package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/brief-ssg/brief/internal/scaffold"
	"github.com/brief-ssg/brief/internal/site"
)

// benchPagesDir is the shared extraction benchmark (131 pages saved as
// html/*.html.gz and as text/*.txt), next to the repository.
const benchPagesDir = "../../../shared/bench/extraction"

// BenchmarkImportBenchPages imports the shared benchmark pages into a new
// site per iteration, the way `brief import --source SITE DIR` does after
// `brief init SITE`: both passes, the duplicate index, the writes and their
// fsyncs on whatever file system holds the temporary folder. It reports
// pages per second (issue #5 asks for at least 150 on the project's 2-core
// machine):
//
//	go test ./internal/importer -run '^$' -bench ImportBenchPages -benchtime 3x -count 5 -cpuprofile cpu.prof
func BenchmarkImportBenchPages(b *testing.B) {
	for _, kind := range []string{"html", "text"} {
		b.Run(kind, func(b *testing.B) {
			dir := filepath.Join(benchPagesDir, kind)
			if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
				b.Skipf("benchmark pages not found at %s", dir)
			}
			pages := 0
			for b.Loop() {
				b.StopTimer()
				root := filepath.Join(b.TempDir(), "site")
				if _, err := scaffold.Create(root, scaffold.Options{}); err != nil {
					b.Fatal(err)
				}
				cfg, err := site.Load(os.DirFS(root), site.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := Import(context.Background(), []string{dir}, Options{Root: root, Site: cfg, Now: fixedNow})
				if err != nil {
					b.Fatal(err)
				}
				pages = len(res.Reports)
				if n := res.Count(Imported); n != pages {
					b.Fatalf("imported %d of %d pages", n, pages)
				}
			}
			b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
