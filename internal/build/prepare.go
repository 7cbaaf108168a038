package build

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/brief-ssg/brief/internal/content"
)

// prepare does, for every article the build will publish, the per-article
// work that dominates assembling a large site (indexing the body for topic
// rules, counting words), spread over all CPUs. The results land in the
// memo, so the sequential pass that links articles to topics and tags, and
// must stay in order to stay deterministic, finds them done.
func (m *Model) prepare(articles []*content.Article, opt Options) {
	if m.memo == nil {
		// A one-off build keeps its memo for this build only.
		m.memo = newMemo()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(articles)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(articles) {
					return
				}
				a := articles[i]
				if a.Draft && !opt.Drafts || a.Date.After(opt.Now) && !opt.Future {
					continue
				}
				m.ruleMatches(a)
				m.words(a)
			}
		}()
	}
	wg.Wait()
}
