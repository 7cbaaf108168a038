package htmlpage

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// kindPage wraps an article's markup in a page with the usual furniture:
// a menu, a most-read rail and a footer.
func kindPage(title, body string) string {
	return `<!doctype html><html lang="en"><head><title>` + title + ` | Valley Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/weather">Weather</a></nav>
<main>` + body + `</main>
<div class="sidebar"><h3>Most read</h3><ul><li><a href="/x1">Bakery wins county prize for its rye loaf</a></li>
<li><a href="/x2">Bridge closed for two nights of repairs</a></li><li><a href="/x3">Choir seeks new tenors before winter</a></li></ul></div>
<footer><p>© 2022 Valley Gazette</p></footer></body></html>`
}

// kindParas are story paragraphs shared by the pages below, so that each
// page differs only in the construct it tests.
const kindParas = `<p>The river authority opened the new flood gates at Millbrook on Monday, three years after the winter storms that left two hundred homes on the lower bank under water for a week.</p>
<p>Engineers tested each of the four gates in turn while residents watched from the footbridge, and the authority said the whole barrier can now be closed in under twenty minutes.</p>
<p>The scheme cost more than was first planned, because the old quay wall turned out to be hollow and had to be rebuilt from its foundations before the gates could be fitted.</p>
`

// TestBodyKinds holds one example per kind of body fault, each written
// differently from the shared case of the same kind: what the text must
// hold and what it must not.
func TestBodyKinds(t *testing.T) {
	cases := []struct {
		kind, title, body string
		want, notWant     []string
	}{
		{
			kind: "data table is the article", title: "Tide times for the week",
			body: `<article><h1>Tide times for the week</h1><div class="entry">
<p>High and low water at the harbour mouth for the coming week are listed below.</p>
<p>Times are local and may shift by a few minutes in strong winds.</p>
<table><tr><th>Day</th><th>High</th><th>Low</th></tr><tr><td>Mon</td><td>06:12</td><td>12:30</td></tr>
<tr><td>Tue</td><td>06:55</td><td>13:14</td></tr><tr><td>Wed</td><td>07:40</td><td>13:58</td></tr>
<tr><td>Thu</td><td>08:21</td><td>14:40</td></tr><tr><td>Fri</td><td>09:05</td><td>15:22</td></tr></table></div></article>`,
			want: []string{"High and low water", "Wed", "15:22"},
		},
		{
			kind: "quoted post between paragraphs", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="story">` + kindParas + `
<figure class="embed-social-post"><blockquote><p>Watched the gates swing shut from the footbridge this morning. Quietest twenty minutes of my year.</p>— Ffion Rudd (@ffionr) June 6, 2022</blockquote></figure>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want: []string{"Quietest twenty minutes", "Ffion Rudd", "sleep better"},
		},
		{
			kind: "lead box beside a marked body", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="wrap"><div class="key-points"><h4>Key points</h4><ul>
<li>Four new flood gates now protect the lower bank at Millbrook.</li><li>The barrier can be closed in under twenty minutes.</li></ul></div>
<div class="articleBody">` + kindParas + `</div></div></article>`,
			want:    []string{"river authority opened", "hollow"},
			notWant: []string{"Key points", "Four new flood gates"},
		},
		{
			kind: "datelines with agency or label", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text"><div>Valley Wire Service, 6 June 2022 14:10</div>` + kindParas +
				`<div>First published on Monday 6 June 2022 at 15:02</div></div></article>`,
			want:    []string{"river authority opened", "hollow"},
			notWant: []string{"Valley Wire", "First published"},
		},
		{
			kind: "trailing calls to action", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas +
				`<p>Have a story about the river? Email our newsroom at desk@valley-gazette.example today.</p>
<p>Follow us on Mastodon for flood warnings and weekend traffic news from the whole valley.</p></div></article>`,
			want:    []string{"hollow"},
			notWant: []string{"newsroom", "Mastodon"},
		},
		{
			kind: "furniture under a long headline", title: "Four new flood gates at Millbrook finally protect the two hundred homes on the lower bank that were flooded in the winter storms",
			body: `<article><h1>Four new flood gates at Millbrook finally protect the two hundred homes on the lower bank that were flooded in the winter storms</h1>
<div class="text"><div class="u-link"><a href="/s/k3x">Copy link to this page</a></div>` + kindParas + `</div></article>`,
			want:    []string{"river authority opened"},
			notWant: []string{"Copy link"},
		},
		{
			kind: "unmarked caption under an image", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<div><img src="/g.jpg" alt=""></div>
<p><i>The third gate closing during Monday's test, seen from the footbridge</i></p>
<p>The authority will test the barrier again in the autumn, before the spring tides, and has promised to publish the results on its website for residents to read.</p></div></article>`,
			want:    []string{"hollow", "test the barrier again"},
			notWant: []string{"third gate closing"},
		},
		{
			kind: "heading over partly linked story list", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<h4>More from our archive</h4><ol>
<li><a href="/a1">The night the river rose</a>, and the families who stayed</li>
<li><a href="/a2">Why the quay wall was hollow</a> and who knew</li>
<li><a href="/a3">Who pays for flood defences?</a> The long argument explained</li></ol></div></article>`,
			want:    []string{"hollow"},
			notWant: []string{"archive", "night the river rose", "long argument"},
		},
		{
			kind: "closing credit kept", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p>Edited by Owain Lake</p></div></article>`,
			want: []string{"hollow", "Edited by Owain Lake"},
		},
		{
			kind: "inline card with links", title: "Flood gates open",
			body:    `<article><h1>Flood gates open</h1><div class="text"><p>Chief engineer <a href="/p/rudd">Ffion Rudd</a><span class="profile-tooltip"><a href="/p/rudd">Profile</a> <a href="/s/9">Rudd on the quay wall</a> <a href="/s/8">Rudd answers readers</a></span> said the test went better than she had hoped.</p>` + kindParas + `</div></article>`,
			want:    []string{"Chief engineer Ffion Rudd said the test went better"},
			notWant: []string{"answers readers"},
		},
		{
			kind: "story list that says subscribe", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p>To get warnings when the gates close:</p><ul>
<li>Subscribe to the authority's flood alerts by text message.</li><li>Check the river level page before travelling.</li><li>Subscribe to the parish council's emergency list.</li></ul>
<p>The authority says it expects to close the gates two or three times a year, mostly during spring tides with a strong wind from the west.</p></div></article>`,
			want: []string{"flood alerts by text message", "emergency list", "two or three times"},
		},
		{
			kind: "header of a section inside the story", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<section class="faq"><header><h3>Questions residents asked</h3></header>
<p>Will the footbridge close during tests? Only for the few minutes the third gate is moving.</p></section></div></article>`,
			want: []string{"hollow", "Questions residents asked", "footbridge close"},
		},
		{
			kind: "furniture-named link mid-sentence", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text"><p>The work was paid for by the <a class="related-entity" href="/org/ra">river authority</a> and the <span class="meta-topic">parish council</span>, who shared the overrun.</p>` + kindParas + `</div></article>`,
			want: []string{"paid for by the river authority and the parish council, who shared"},
		},
		{
			kind: "article inside aside", title: "Flood gates open",
			body: `<div class="gdpr-banner"><p>This site stores small files on your device to measure visits and show you relevant offers. Continuing means you accept our terms and our privacy notice.</p></div>
<aside class="entry"><h1>Flood gates open</h1>` + kindParas + `</aside>`,
			want:    []string{"river authority opened", "hollow"},
			notWant: []string{"small files"},
		},
		{
			kind: "several articles, the titled one wins", title: "Flood gates open",
			body: `<div class="stream"><article><h2>Library extends its opening hours over the summer holidays</h2><p>The town library will open until eight in the evening through July and August, the council said, after a survey found that working parents could rarely visit before it closed.</p>
<p>Staff will run reading games for children on Tuesday and Thursday evenings, and the café will stay open as long as the library does for the first time.</p></article>
<article><h2>Flood gates open</h2>` + kindParas + `</article>
<article><h2>Cricket club repaints its pavilion</h2><p>Volunteers from the cricket club spent two weekends repainting the pavilion in the club's old green and white, using paint donated by a builders' merchant in the next village.</p></article></div>`,
			want:    []string{"river authority opened", "hollow"},
			notWant: []string{"library", "pavilion"},
		},
		{
			kind: "subscriber-only prose paragraphs", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text"><p>The river authority opened the new flood gates at Millbrook on Monday, three years after the winter storms flooded the lower bank.</p>
<p class="subscription-required">Engineers tested each of the four gates in turn while residents watched from the footbridge, and the authority said the barrier can be closed quickly.</p>
<p class="subscription-required">The scheme cost more than was first planned, because the old quay wall turned out to be hollow and had to be rebuilt from its foundations.</p></div></article>`,
			want: []string{"four gates in turn", "hollow"},
		},
		{
			kind: "linked promotion in capitals between paragraphs", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p><b><a href="/app">TAKE THE GAZETTE WITH YOU: DOWNLOAD OUR APP</a></b></p>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow", "sleep better"},
			notWant: []string{"DOWNLOAD OUR APP"},
		},
		{
			kind: "linked click-here line between paragraphs", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p><a href="/nl">Tap here for the river level every morning</a></p>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow", "sleep better"},
			notWant: []string{"Tap here"},
		},
		{
			kind: "related label in another language", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p>Leia também: <a href="/r1">Nova ponte sobre o rio em estudo</a></p>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow", "sleep better"},
			notWant: []string{"Leia", "Nova ponte"},
		},
		{
			kind: "related label over a list", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<div><b>Related news</b></div>
<h3><a href="/r2">Millbrook bakery reopens after the flood with a new oven and longer hours</a></h3>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow", "sleep better"},
			notWant: []string{"Related news", "bakery reopens"},
		},
		{
			kind: "inline card without a furniture name", title: "Flood gates open",
			body:    `<article><h1>Flood gates open</h1><div class="text"><p>The barrier was designed by <span class="pp"><a href="/p/lake">Owain Lake</a><span class="pp-box"><span><a href="/p/lake">Owain Lake</a><a href="/s/1">Lake on building in mud</a> <a href="/s/2">The engineer who loves rivers</a> <a href="/p/lake">ALL</a></span></span></span> of the county's design office.</p>` + kindParas + `</div></article>`,
			want:    []string{"designed by Owain Lake of the county's design office"},
			notWant: []string{"loves rivers"},
		},
		{
			kind: "opening sentence whose names are links", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text"><p><a href="/p/rudd">Ffion Rudd</a> has been named chief engineer of the <a href="/org/river">Valley River Flood Defence Authority board</a>.</p>` + kindParas + `</div></article>`,
			want: []string{"Ffion Rudd has been named chief engineer of the Valley River Flood Defence Authority board."},
		},
		{
			kind: "trailing offer that says click here", title: "Flood gates open",
			body:    `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p>Get the Gazette's print edition at home every Saturday for half price this month. Click here to find out more.</p></div></article>`,
			want:    []string{"hollow"},
			notWant: []string{"print edition"},
		},
		{
			kind: "linked share label", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<div class="x-btn"><a href="sms:?body=gates">Share this story by text message</a></div>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow"},
			notWant: []string{"Share this"},
		},
		{
			kind: "gallery counters between paragraphs", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<div class="g"><div>Photo 1 of 3</div><div>Photo 2 of 3</div></div>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow", "sleep better"},
			notWant: []string{"Photo 1", "of 3"},
		},
		{
			kind: "control labels between paragraphs", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<div class="w"><span>View all (7)</span></div><div class="v"><span>Video</span></div>
<p>Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.</p></div></article>`,
			want:    []string{"hollow", "sleep better"},
			notWant: []string{"View all", "Video"},
		},
		{
			kind: "list of short facts ending the story", title: "Flood gates open",
			body: `<article><h1>Flood gates open</h1><div class="text">` + kindParas + `<p>The gates at a glance are listed below.</p><h4>Gate widths</h4><ul>
<li>North gate: 12 metres</li><li>Mill gate: 9 metres</li><li>Quay gate: 9 metres</li><li>South gate: 14 metres</li></ul></div></article>`,
			want: []string{"hollow", "North gate: 12 metres", "South gate: 14 metres"},
		},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			a, err := Extract([]byte(kindPage(c.title, c.body)), article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(a.Text), " ")
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, a.Text)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(text, w) {
					t.Errorf("text holds %q:\n%s", w, a.Text)
				}
			}
		})
	}
}
