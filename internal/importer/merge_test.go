package importer

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/archive/warctest"
	"github.com/brief-ssg/brief/internal/extract/article"
)

// copySite copies a site folder.
func copySite(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tree reads every file of a site's content/ folder.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	dir := filepath.Join(root, "content")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// strikeStory is a page of one of several outlets' stories under one
// headline: the same title, different words.
func strikeStory(host string, n int) string {
	words := map[int][]string{
		1: {"Ferry crews walked out at dawn over the new rota, leaving the morning crossings to a single relief vessel.", "The union said talks would resume on Thursday; the company called the stoppage unnecessary."},
		2: {"Passengers queued for hours at the terminal as only one boat ran, and the council opened the school hall for those stranded.", "Hauliers warned that fresh produce for the island shops would be late for a second day."},
		3: {"The strike is the first on the route in twenty years, a retired captain recalled, and it has split opinion in the harbour.", "Some islanders backed the crews; others said the timing, at the start of the tourist season, was cruel."},
	}[n]
	return storyHTML("Ferry crews strike over new rota", "2024-05-02T06:00:00Z", words...) + "<!-- " + host + " -->"
}

// gazette is a page of harbour.example, whose pages open with a standing
// paragraph that a single page cannot tell from the article.
func gazette(title string, paragraphs ...string) string {
	return storyHTML(title, "2024-05-04T08:00:00Z", append([]string{
		"The Harbour Gazette has reported on the island's harbour, its boats and the people who work them since the spring of 1921."}, paragraphs...)...)
}

// TestShardsMergeLikeOneImport imports two archives as two shards, each
// into its own copy of the site, merges the shards, and checks that the
// site's content is byte for byte what one import of both archives
// writes: the same files under the same names, title clashes between the
// shards named as one run names them, and an article that both shards
// hold imported once, from the first.
func TestShardsMergeLikeOneImport(t *testing.T) {
	base, cfg := newSite(t)
	writeInput(t, base, "content/articles/by-hand.md", "---\ntitle: Written by the editor\ndate: 2024-04-01\n---\nThe editor's own words.\n")
	in := t.TempDir()
	// The wire copy is in both shards, and harbour.example's pages are
	// split between them: only both together show its subscription box
	// on two pages.
	wire := storyHTML("Island ferry fares frozen for a year", "2024-05-03T09:00:00Z",
		"The ferry company will hold fares at this year's prices until next spring, its chief executive said on Friday.",
		"Fuel costs had fallen enough, he said, to absorb the rise in crew wages agreed after the strike.")
	// The pier story is in both shards too, as its page and a copy under
	// another address (a second capture, or its AMP page): only one
	// import of both, or shards that replay each other's pages in order,
	// can tell it is one article and not the site's standing text.
	pier := gazette("Pier repairs to finish by July",
		"Divers finished the survey of the old pier's piles this week, and the council expects the repairs to be done by July.",
		"The pier has been closed to cars since a storm in January loosened its outer deck.")
	shardA := writeInput(t, in, "a.warc.gz", string(warctest.WARC(true,
		warctest.HTMLPage("https://harbour.example/strike", strikeStory("harbour.example", 1)),
		warctest.HTMLPage("https://harbour.example/fares", wire),
		warctest.HTMLPage("https://harbour.example/timetable", timetableStory()),
		warctest.HTMLPage("https://harbour.example/pier", pier),
	)))
	shardB := writeInput(t, in, "b.warc.gz", string(warctest.WARC(true,
		warctest.HTMLPage("https://islandpost.example/news/strike", strikeStory("islandpost.example", 2)),
		warctest.HTMLPage("https://islandpost.example/news/fares-frozen", wire),
		warctest.HTMLPage("https://coastwatch.example/strike-day", strikeStory("coastwatch.example", 3)),
		warctest.HTMLPage("https://coastwatch.example/ferry", ferryStory()),
		warctest.HTMLPage("https://harbour.example/amp/pier", pier+"<!-- captured again -->"),
		warctest.HTMLPage("https://harbour.example/lifeboat", gazette("New lifeboat named after volunteer",
			"The station's new all-weather lifeboat will carry the name of a volunteer who served on its crew for forty years.",
			"It arrives from the boatyard in September, after trials along the coast.")),
	)))

	one := filepath.Join(t.TempDir(), "one")
	copySite(t, base, one)
	single, err := Import(context.Background(), []string{shardA, shardB}, options(one, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if single.Count(Imported) != 8 || single.Count(Duplicate) != 2 {
		t.Fatalf("one import: %+v, want 8 imported, and the wire copy's and the pier story's second pages duplicates", single.Reports)
	}
	want := tree(t, one)
	for name, data := range want {
		if strings.Contains(data, "Harbour Gazette") {
			t.Errorf("one import kept the standing paragraph in %s", name)
		}
	}

	// Each shard's blocks are learnt on its own machine, saved, and
	// added up; each shard then imports with the sum.
	learnt := article.NewBoilerplate()
	for _, in := range []string{shardA, shardB} {
		bp, err := LearnBlocks(context.Background(), []string{in}, options(base, cfg))
		if err != nil {
			t.Fatal(err)
		}
		var saved bytes.Buffer
		if _, err := bp.WriteTo(&saved); err != nil {
			t.Fatal(err)
		}
		if err := learnt.Add(&saved); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(learnt *article.Boilerplate) (*MergeResult, string, []string) {
		var shards []string
		for _, in := range []string{shardA, shardB} {
			s := filepath.Join(t.TempDir(), "shard")
			copySite(t, base, s)
			opt := options(s, cfg)
			opt.Learnt = learnt
			if _, err := Import(context.Background(), []string{in}, opt); err != nil {
				t.Fatal(err)
			}
			shards = append(shards, s)
		}
		merged := filepath.Join(t.TempDir(), "merged")
		copySite(t, base, merged)
		res, err := Merge(context.Background(), MergeOptions{Root: merged, Site: cfg, Shards: shards})
		if err != nil {
			t.Fatal(err)
		}
		return res, merged, shards
	}
	// Without the shared blocks, shard a sees the standing paragraph on
	// one page only and keeps it in the pier story (shard b has two pages
	// with it, its copy of the pier story and the lifeboat story): the
	// learning phase is what makes shards exact.
	_, alone, _ := merge(nil)
	n := 0
	for _, data := range tree(t, alone) {
		if strings.Contains(data, "Harbour Gazette") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("shards imported without the shared blocks kept the standing paragraph in %d articles, want 1 (this test no longer shows the need for the shared blocks)", n)
	}
	res, merged, shards := merge(learnt)
	if res.Count(Imported) != 8 || res.Count(Duplicate) != 2 || res.Count(Failed) != 0 {
		t.Errorf("merge: %+v, want 8 merged and 2 duplicates", res.Reports)
	}

	got := tree(t, merged)
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s: merged\n%s\none import\n%s", name, got[name], data)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: merged, not in one import", name)
		}
	}
	// The clash of titles was real: three articles share one headline.
	n = 0
	for name := range want {
		if strings.HasPrefix(name, "articles/ferry-crews-strike-over-new-rota") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d articles named after the shared headline, want 3: %v", n, keys(want))
	}

	// Merging again adds nothing.
	again, err := Merge(context.Background(), MergeOptions{Root: merged, Site: cfg, Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	if again.Count(Imported) != 0 {
		t.Errorf("second merge: %+v, want nothing new", again.Reports)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
