package textdump

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// TestBodyKinds holds small dumps, one a kind of fault in telling the
// article's lines from the page's, with the body each should give
// (paragraphs one a line, compared word by word as the shared cases are).
func TestBodyKinds(t *testing.T) {
	tests := []struct {
		name string
		dump string
		want string
	}{
		{
			// A blog's comments heading quotes the post's title, so it is
			// longer than the short headings that end an article; and when
			// the dump's first line does not repeat the heading, nothing
			// else closes the article above the comments, which outweigh it.
			name: "comments heading quoting the title",
			dump: `Allotment diary: the year of the slugs – Greenfinger Notes
- Home
- Diary
- About
Allotment diary, week 31
Posted on 3 August 2021
This summer the slugs ate everything that was not nailed down, from the lettuce seedlings to the young beans, and they started on the marigolds I had planted to protect them.
I tried beer traps, copper tape and evening patrols with a torch, and none of it did more than slow them down for a night or two before they came back in greater numbers.
Next year I will grow more in raised beds and pots, which seem to suffer less, and I will ask the neighbours what has worked for them on the far side of the site.
4 thoughts on “Allotment diary: the year of the slugs, and what I will do differently next spring”
Margot
4 August 2021 at 9:12 am
We had the same trouble on our plot this year and found that wool pellets around the young plants kept most of them away, though they cost more than I would like and the rain washes them out.
Petra
4 August 2021 at 11:40 am
Ducks! A neighbour borrowed two ducks for a fortnight and the slugs vanished, but the ducks also ate the strawberries, so it was not a clean victory by any means.
Margot
5 August 2021 at 8:03 am
Ha, I would take that trade gladly after the summer we have had. I might ask around about ducks next year and see whether anyone on the committee minds them.
Leave a Reply`,
			want: `This summer the slugs ate everything that was not nailed down, from the lettuce seedlings to the young beans, and they started on the marigolds I had planted to protect them.
I tried beer traps, copper tape and evening patrols with a torch, and none of it did more than slow them down for a night or two before they came back in greater numbers.
Next year I will grow more in raised beds and pots, which seem to suffer less, and I will ask the neighbours what has worked for them on the far side of the site.`,
		},
		{
			// "You may also like" in another language, trailing off in an
			// ellipsis; under it, summaries of other posts stand alone
			// between share bars, each long enough to bridge the heading.
			name: "related heading in Portuguese over lone teasers",
			dump: `Receita de pão caseiro — Cozinha da Avó
- Início
- Receitas
- Contato
Receita de pão caseiro
Compartilhar Facebook WhatsApp
Misture a farinha, o sal e o fermento numa tigela grande, junte a água morna aos poucos e sove a massa por dez minutos, até que fique lisa e elástica e se solte das mãos sem esforço.
Deixe a massa descansar coberta por uma hora, modele o pão, espere mais meia hora e leve ao forno quente por quarenta minutos, até a casca ficar dourada e soar oca quando batida.
Você pode gostar...
Compartilhar Facebook WhatsApp
O bolo de fubá da nossa família leva erva-doce e fica pronto em menos de uma hora, perfeito para o café da tarde com os vizinhos e para levar aos piqueniques de domingo no parque.
Compartilhar Facebook WhatsApp
A sopa de legumes que aquece o inverno inteiro usa o que sobrou na geladeira, um pouco de macarrão e muito carinho, e rende o bastante para uma família grande jantar duas vezes.
Compartilhar Facebook WhatsApp
A geleia de goiaba caseira dura meses na despensa quando bem fechada, e o segredo está em mexer sem parar no fim do cozimento para que o açúcar não queime no fundo da panela.
Compartilhar Facebook WhatsApp
- Termos de uso
- Privacidade`,
			want: `Misture a farinha, o sal e o fermento numa tigela grande, junte a água morna aos poucos e sove a massa por dez minutos, até que fique lisa e elástica e se solte das mãos sem esforço.
Deixe a massa descansar coberta por uma hora, modele o pão, espere mais meia hora e leve ao forno quente por quarenta minutos, até a casca ficar dourada e soar oca quando batida.`,
		},
		{
			// Sites stack their notes after the story: the writer's bio,
			// a newsletter box, a forum invitation, with teaser lines
			// between them. Each reads as a paragraph; the first one
			// after which the story does not go on ends it.
			name: "author bio and promotions appended",
			dump: `Tide gauge shows record surge on the estuary | Coastline Weekly
Tide gauge shows record surge on the estuary
The tide gauge at the old pier recorded its highest reading in forty years on Sunday night, when a storm surge met a spring tide and pushed water over the promenade in two places.
Engineers from the harbour board said the flood wall held, but they will inspect its foundations this week because the water stood against it for longer than it was designed for.
Residents of the lower streets were told to move cars to higher ground, and most did so before midnight, the board said, thanking the volunteers who knocked on doors along the front.
Ingrid Salvesen is a staff reporter at Coastline Weekly covering the harbour, shipping and the weather. She has written about the estuary for twelve years.
More from the coast
Ferry timetable changes for the winter
Need more news from the coast? Subscribe to our weekly newsletter and get every story in your inbox on Friday morning.
Join our readers' forum to talk about this story with your neighbours, and send us your photos of the storm.
Lifeboat crews rescue two kayakers
Regular updates on tides, storms and shipping, straight to you.
No spam, we promise. You can unsubscribe at any time.`,
			want: `The tide gauge at the old pier recorded its highest reading in forty years on Sunday night, when a storm surge met a spring tide and pushed water over the promenade in two places.
Engineers from the harbour board said the flood wall held, but they will inspect its foundations this week because the water stood against it for longer than it was designed for.
Residents of the lower streets were told to move cars to higher ground, and most did so before midnight, the board said, thanking the volunteers who knocked on doors along the front.`,
		},
		{
			// A story may end on a sentence too short to count as prose
			// on its own; furniture after it still goes.
			name: "short closing line",
			dump: `Council delays vote on parking charges - Riverside Bulletin
Council delays vote on parking charges
The council postponed Tuesday's vote on new parking charges in the town centre after traders presented a petition with more than two thousand signatures against the plan.
The finance committee will now look again at the figures, including a proposal to keep the first hour free on market days, and report back to the full council in March.
A spokesperson for the traders' association welcomed the delay but said its members would keep collecting signatures until the plan was dropped for good.
The mayor did not comment.
Subscribe to our channel for more local news:
- Video: the market square at dawn
- Video: council meeting highlights
Most read`,
			want: `The council postponed Tuesday's vote on new parking charges in the town centre after traders presented a petition with more than two thousand signatures against the plan.
The finance committee will now look again at the figures, including a proposal to keep the first hour free on market days, and report back to the full council in March.
A spokesperson for the traders' association welcomed the delay but said its members would keep collecting signatures until the plan was dropped for good.
The mayor did not comment.`,
		},
		{
			// A line after the story that ends in a colon announces a
			// list; when it is a label for other pages, the list is
			// theirs, not the story's.
			name: "colon after a related label announces no list",
			dump: `How to read a tide table | Harbourside Guides
How to read a tide table
A tide table lists the times and heights of high and low water for one place, and the first thing to check is which port it was made for, because times shift along the coast.
Heights are given above chart datum, the lowest water you can normally expect, so a figure of zero point four metres means there is very little water over the sand bars at that hour.
Related guides from the Boating Basics series for beginners:
Choosing your first dinghy
Knots every crew member should know
Reading the weather before you sail
© Harbourside Guides`,
			want: `A tide table lists the times and heights of high and low water for one place, and the first thing to check is which port it was made for, because times shift along the coast.
Heights are given above chart datum, the lowest water you can normally expect, so a figure of zero point four metres means there is very little water over the sand bars at that hour.`,
		},
		{
			// A "Related" box inside the story: its headlines are short
			// fragments that the paragraphs around it would carry in.
			// Headlines of other stories and app plugs set in capitals go
			// too, but a subheading asked in capitals stays.
			name: "related box and shouted lines inside the story",
			dump: `Village hall reopens after flood repairs - Dale Gazette
Village hall reopens after flood repairs
The village hall reopened on Saturday, eight months after floodwater filled it to the height of the stage and ruined the floor, the kitchen and most of the chairs.
Volunteers raised a third of the cost with quiz nights and a sponsored walk, and the rest came from the parish council and an insurance payment that took months to agree.
Related
Flood defences for the lower valley approved
Parish council sets next year's budget
The new floor is laid on a raised frame so that water can pass beneath it, and the sockets have been moved a metre up the walls on the advice of the fire service.
DOWNLOAD OUR APP FOR ALERTS FROM YOUR VILLAGE
WHAT HAPPENS NEXT?
The hall committee plans a reopening dance in the spring and hopes to have the stage curtains, which are being cleaned and repaired, back in place by then.
Bookings for weddings and birthday parties have already filled most weekends until the summer, the committee's secretary said, and the playgroup returns on Monday.`,
			want: `The village hall reopened on Saturday, eight months after floodwater filled it to the height of the stage and ruined the floor, the kitchen and most of the chairs.
Volunteers raised a third of the cost with quiz nights and a sponsored walk, and the rest came from the parish council and an insurance payment that took months to agree.
The new floor is laid on a raised frame so that water can pass beneath it, and the sockets have been moved a metre up the walls on the advice of the fire service.
WHAT HAPPENS NEXT?
The hall committee plans a reopening dance in the spring and hopes to have the stage curtains, which are being cleaned and repaired, back in place by then.
Bookings for weddings and birthday parties have already filled most weekends until the summer, the committee's secretary said, and the playgroup returns on Monday.`,
		},
		{
			// Captions written out with their label, or with a gallery's
			// counter glued on, say what they are without a credit.
			name: "labelled captions",
			dump: `Lighthouse keeper's cottage opens to visitors | North Shore Times
Lighthouse keeper's cottage opens to visitors
The cottage beside the old lighthouse opened to visitors this week after a two-year restoration that brought back its coal range, its oil lamps and the keeper's logbooks.
Image caption The restored kitchen, with the range that heated the cottage and the water
Guides in period dress show visitors how the keepers trimmed the wicks and wound the clockwork that turned the lens through the long winter nights.
Media captionA short film about the last keeper, who left the cottage in 1962
1of2The logbooks record every ship that passed the point between 1880 and 1962
2of2The lens, made in Paris, weighs more than a tonne and floats on a bath of mercury
The cottage is open from Thursday to Sunday until the end of October, and tickets include a climb to the lantern room for those who can manage the narrow stairs.`,
			want: `The cottage beside the old lighthouse opened to visitors this week after a two-year restoration that brought back its coal range, its oil lamps and the keeper's logbooks.
Guides in period dress show visitors how the keepers trimmed the wicks and wound the clockwork that turned the lens through the long winter nights.
The cottage is open from Thursday to Sunday until the end of October, and tickets include a climb to the lantern room for those who can manage the narrow stairs.`,
		},
		{
			// The title line is repeated word for word only as a list
			// item, a link to this page between the lead and the rest;
			// the article does not start under that link.
			name: "title repeated only as a teaser link",
			dump: `Orchard trial: three new apple varieties tested - Farm Notes
Three new apples on trial at the county orchard
The county orchard has planted three new apple varieties bred to resist scab, and growers will judge them over the next five seasons on yield, taste and how well they store.
The trial is paid for by the growers' cooperative, which hopes to cut the number of times its members must spray their trees each summer by at least half.
- Orchard trial: three new apple varieties tested
The first fruit is expected in two years, and the cooperative will publish its tasting panel's scores for each variety on its website alongside the spray records.
Growers who want to visit the trial plots can join the open days in May and September, when the orchard staff will explain how the trees are grafted and pruned.`,
			want: `The county orchard has planted three new apple varieties bred to resist scab, and growers will judge them over the next five seasons on yield, taste and how well they store.
The trial is paid for by the growers' cooperative, which hopes to cut the number of times its members must spray their trees each summer by at least half.
The first fruit is expected in two years, and the cooperative will publish its tasting panel's scores for each variety on its website alongside the spray records.
Growers who want to visit the trial plots can join the open days in May and September, when the orchard staff will explain how the trees are grafted and pruned.`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if a, err := Extract([]byte(tt.dump), article.Options{}); err == nil {
				got = a.Text
			} else {
				t.Logf("extract: %v", err)
			}
			g := strings.Join(caseWord.FindAllString(got, -1), " ")
			w := strings.Join(caseWord.FindAllString(tt.want, -1), " ")
			if g != w {
				t.Errorf("body differs\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}
