package archivebench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// BenchmarkImportWARC imports one generated crawl twice, side by side in
// one run: from the WARC, and from a folder of the same pages as HTML
// files, each time with the brief binary into a new site, and reports
// pages per second, the CPU time and the peak resident memory of each
// import (the process's, as the kernel counts them). BRIEF_BENCH_WARC_MB sets the
// archive's size (default 64); RUNS how many times each import runs
// (default 3; the medians are reported). The crawl is kept in
// BRIEF_BENCH_WORK (default /tmp/brief-bench-warc) between runs.
//
//	BRIEF_BENCH_WARC_MB=1024 RUNS=3 go test ./bench/archive -run '^$' -bench ImportWARC -benchtime 1x -timeout 2h
func BenchmarkImportWARC(b *testing.B) {
	mb := envInt("BRIEF_BENCH_WARC_MB", 64)
	runs := envInt("RUNS", 3)
	work := os.Getenv("BRIEF_BENCH_WORK")
	if work == "" {
		work = "/tmp/brief-bench-warc"
	}
	data := filepath.Join(work, fmt.Sprintf("crawl-%dmb", mb))
	warc := filepath.Join(data, "crawl.warc.gz")
	if _, err := os.Stat(warc); err != nil {
		os.RemoveAll(data)
		start := time.Now()
		n, err := Generate(data, int64(mb)<<20)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d pages in %s (%v)", n, data, time.Since(start).Round(time.Second))
	}
	info, err := os.Stat(warc)
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "brief")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/brief-ssg/brief/cmd/brief").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	inputs := []struct{ name, path string }{
		{"WARC (.warc.gz)", warc},
		{"folder of HTML files", filepath.Join(data, "pages")},
	}
	type result struct {
		pages int
		secs  []float64
		// cpu is the import's user and system time: under the shared
		// machine's load, wall times swing with the other work, CPU time
		// much less.
		cpu   []float64
		rssMB []float64
	}
	results := make([]result, len(inputs))
	for run := range runs {
		for i, in := range inputs {
			site := filepath.Join(b.TempDir(), fmt.Sprintf("site-%d-%d", run, i))
			if out, err := exec.Command(bin, "init", site).CombinedOutput(); err != nil {
				b.Fatalf("brief init: %v\n%s", err, out)
			}
			cmd := exec.Command(bin, "import", "--source", site, in.path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			err := cmd.Run()
			secs := time.Since(start).Seconds()
			// A page that fails is reported and exits 1; the summary says so.
			m := summary.FindSubmatch(out.Bytes())
			if m == nil {
				b.Fatalf("brief import %s: %v, no summary line:\n%s", in.path, err, tail(out.Bytes()))
			}
			if string(m[2]) != "0" {
				b.Logf("brief import %s: %s failed", in.name, m[2])
			}
			imported, _ := strconv.Atoi(string(m[1]))
			results[i].pages = imported
			results[i].secs = append(results[i].secs, secs)
			results[i].cpu = append(results[i].cpu, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())
			results[i].rssMB = append(results[i].rssMB, float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)/1024)
			os.RemoveAll(site)
		}
	}
	b.Logf("archive: %s, %.0f MB; %d runs each, medians", warc, float64(info.Size())/(1<<20), runs)
	for i, in := range inputs {
		r := results[i]
		s, rss := median(r.secs), median(r.rssMB)
		b.Logf("%-22s %6d pages imported  %7.1f s  %6.1f pages/s  CPU %7.1f s  peak RSS %6.0f MB  (runs: %v s, CPU %v s, %v MB)",
			in.name, r.pages, s, float64(r.pages)/s, median(r.cpu), rss, rounded(r.secs), rounded(r.cpu), rounded(r.rssMB))
	}
	if results[0].pages != results[1].pages {
		b.Errorf("the WARC gave %d articles and the folder %d: the same pages must give the same articles", results[0].pages, results[1].pages)
	}
	b.ReportMetric(float64(results[0].pages)/median(results[0].secs), "warc-pages/s")
	b.ReportMetric(float64(results[1].pages)/median(results[1].secs), "folder-pages/s")
	b.ReportMetric(median(results[0].cpu), "warc-cpu-s")
	b.ReportMetric(median(results[1].cpu), "folder-cpu-s")
	b.ReportMetric(median(results[0].rssMB), "warc-peak-MB")
	b.ReportMetric(median(results[1].rssMB), "folder-peak-MB")
}

var summary = regexp.MustCompile(`(?m)^imported (\d+), skipped \d+ as duplicates, failed (\d+)`)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func rounded(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(int(x*10+0.5)) / 10
	}
	return out
}

func tail(out []byte) []byte {
	if len(out) > 4000 {
		return out[len(out)-4000:]
	}
	return out
}
