package render

// ListedTopics is how many of its topics an article's entry in a list
// names (see ListTopics); its own page names them all. Without a cap, a
// site whose broad topics each take most articles writes every topic
// into every entry of every topic's list: output that grows with topics
// squared times articles (2,000 topics over 200 articles: 44 GB).
const ListedTopics = 5

// ListTopics are the topics an article's entry in a list names: the
// first ListedTopics of them, in the site's order.
func (a *Article) ListTopics() []Link {
	return a.Topics[:min(len(a.Topics), ListedTopics)]
}

// MoreTopics is how many of the article's topics its entry in a list
// leaves out, for an "and N more" linking to the article's page.
func (a *Article) MoreTopics() int {
	return max(0, len(a.Topics)-ListedTopics)
}
