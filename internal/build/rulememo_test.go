package build

import (
	"slices"
	"testing"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/topics"
)

// TestRuleAnswersArePerTopic: an article's memo keeps each topic's answer
// while that topic's slug and rules stay the same, so adding a topic runs
// only its rules; a changed topic runs again, a removed one is forgotten,
// and a topic without rules never needs the body.
func TestRuleAnswersArePerTopic(t *testing.T) {
	harbour := site.Topic{Slug: "harbour", Match: topics.Rules{Any: []string{"harbour"}}}
	ports := site.Topic{Slug: "ports", Match: topics.Rules{Any: []string{"harbour"}}}
	manual := site.Topic{Slug: "manual"}
	narrowed := harbour
	narrowed.Match.None = []string{"strike"}

	a := &content.Article{Path: "content/articles/a.md", Title: "Dock news", Body: "A strike at the harbour."}
	// The memo says harbour does not take the article, which its body
	// contradicts: a rerun would show.
	mm := &articleMemo{HasBody: true, Article: a, Rules: []ruleHit{{ruleSum(harbour), false}}}
	m := &Model{Config: &site.Config{}, memos: map[*content.Article]*articleMemo{a: mm}}

	steps := []struct {
		name   string
		topics []site.Topic
		body   bool // the body is there to read
		want   []string
	}{
		{"a topic without rules added", []site.Topic{harbour, manual}, false, nil},
		{"a topic with rules added", []site.Topic{harbour, manual, ports}, true, []string{"ports"}},
		{"nothing changed", []site.Topic{harbour, manual, ports}, false, []string{"ports"}},
		{"topics reordered", []site.Topic{ports, harbour, manual}, false, []string{"ports"}},
		{"a rule narrowed", []site.Topic{ports, narrowed, manual}, true, []string{"ports"}},
		{"a topic removed", []site.Topic{narrowed}, false, nil},
	}
	for _, st := range steps {
		m.Config.Topics = st.topics
		sums := make([]uint64, len(st.topics))
		for i, tp := range st.topics {
			sums[i] = ruleSum(tp)
		}
		// Without the body (no file to read it from), a topic that needs
		// it fails the match.
		mm.HasBody = st.body
		m.in = &inputs{}
		err := m.matchRules(a, mm, sums)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !slices.Equal(mm.Matched, st.want) {
			t.Errorf("%s: matched %q, want %q", st.name, mm.Matched, st.want)
		}
		if len(mm.Rules) != len(st.topics) {
			t.Errorf("%s: %d answers kept for %d topics", st.name, len(mm.Rules), len(st.topics))
		}
	}
}
