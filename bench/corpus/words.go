package corpus

// The vocabulary below is invented for the generator: publishers, people and
// places are fictional or generic, and every sentence is assembled from these
// lists at random, so the corpus reads like news copy without quoting any.

// theme is one of the corpus's twelve topics: its site.yaml entry and the
// words an article about it leans on. Rule phrases are drawn from Terms, so
// an article gathered by a topic's rules really talks about it.
type theme struct {
	Slug, Title, Description string
	// Any, All and None become the topic's match rules.
	Any, All, None []string
	// Terms are the subject's own nouns and phrases, used in the body.
	Terms []string
	// Tags are the tags an article on this theme usually carries.
	Tags []string
}

var themes = []theme{
	{
		Slug: "economy", Title: "Economy and markets",
		Description: "Growth, prices, interest rates and the markets that price them.",
		Any:         []string{"inflation", "interest rates", "central bank", "bond yields", "recession"},
		Terms:       []string{"inflation", "interest rates", "central bank", "bond yields", "recession", "consumer prices", "wage growth", "the jobs report", "household spending", "the currency"},
		Tags:        []string{"Inflation", "Interest rates", "Central banks", "Bonds", "Jobs", "Currencies", "Recession"},
	},
	{
		Slug: "trade", Title: "Trade and industry",
		Description: "Tariffs, supply chains, factories and the deals between trading blocs.",
		Any:         []string{"tariffs", "supply chains", "export controls", "trade deal"},
		None:        []string{"sports league"},
		Terms:       []string{"tariffs", "supply chains", "export controls", "trade deal", "container shipping", "factory output", "customs checks", "the trade deficit", "steel quotas", "port congestion"},
		Tags:        []string{"Tariffs", "Supply chains", "Shipping", "Manufacturing", "Steel", "Export controls", "Trade talks"},
	},
	{
		Slug: "technology", Title: "Technology",
		Description: "Chips, software, platforms and the rules written for them.",
		Any:         []string{"semiconductors", "artificial intelligence", "data centres", "cloud computing", "chipmaker"},
		Terms:       []string{"semiconductors", "artificial intelligence", "data centres", "cloud computing", "the chipmaker", "open-source software", "a language model", "app stores", "encryption keys", "satellite broadband"},
		Tags:        []string{"Semiconductors", "Artificial intelligence", "Cloud", "Platforms", "Privacy", "Telecoms", "Start-ups"},
	},
	{
		Slug: "climate", Title: "Climate",
		Description: "Emissions, warming, adaptation and the politics of all three.",
		Any:         []string{"emissions", "carbon", "heatwave", "climate"},
		Terms:       []string{"emissions", "carbon pricing", "the heatwave", "climate finance", "sea-level rise", "net zero", "methane leaks", "drought relief", "flood defences", "the carbon market"},
		Tags:        []string{"Emissions", "Carbon markets", "Heatwaves", "Floods", "Adaptation", "Net zero", "Drought"},
	},
	{
		Slug: "energy", Title: "Energy",
		Description: "Oil, gas, power grids and the switch to cleaner supply.",
		Any:         []string{"pipeline", "power grid", "wind farms", "solar", "crude"},
		Terms:       []string{"the pipeline", "the power grid", "wind farms", "solar panels", "crude output", "gas storage", "nuclear reactors", "battery storage", "refinery margins", "the electricity price"},
		Tags:        []string{"Oil", "Natural gas", "Electricity", "Solar", "Wind power", "Nuclear", "Batteries"},
	},
	{
		Slug: "health", Title: "Health",
		Description: "Hospitals, medicines, public health and the people who run them.",
		Any:         []string{"hospitals", "vaccine", "public health", "clinical trial"},
		Terms:       []string{"hospitals", "the vaccine", "public health", "a clinical trial", "waiting lists", "drug prices", "nursing staff", "the outbreak", "mental health services", "the health ministry"},
		Tags:        []string{"Hospitals", "Vaccines", "Public health", "Medicines", "Outbreaks", "Nursing", "Mental health"},
	},
	{
		Slug: "security", Title: "Security and defence",
		Description: "Armed forces, alliances, arms control and conflict.",
		Any:         []string{"armed forces", "ceasefire", "missile", "defence ministry", "warship"},
		Terms:       []string{"the armed forces", "the ceasefire", "a missile test", "the defence ministry", "a warship", "military exercises", "the border patrol", "arms exports", "air defences", "the peace talks"},
		Tags:        []string{"Defence", "Alliances", "Arms control", "Border security", "Navy", "Ceasefires", "Intelligence"},
	},
	{
		Slug: "diplomacy", Title: "Diplomacy",
		Description: "Summits, envoys, sanctions and the long work between governments.",
		Any:         []string{"summit", "foreign minister", "sanctions", "envoy", "embassy"},
		Terms:       []string{"the summit", "the foreign minister", "sanctions", "a special envoy", "the embassy", "a joint statement", "the state visit", "treaty talks", "the diplomatic note", "an ambassador"},
		Tags:        []string{"Summits", "Sanctions", "Treaties", "Foreign policy", "United Nations", "Envoys", "Embassies"},
	},
	{
		Slug: "elections", Title: "Elections and politics",
		Description: "Campaigns, polls, parliaments and the parties that fill them.",
		Any:         []string{"election", "opinion poll", "coalition", "parliament", "ballot"},
		Terms:       []string{"the election", "an opinion poll", "the coalition", "parliament", "the ballot", "voter turnout", "the opposition leader", "the campaign trail", "a confidence vote", "party donors"},
		Tags:        []string{"Elections", "Polling", "Parliament", "Coalitions", "Campaign finance", "Referendums", "Parties"},
	},
	{
		Slug: "science", Title: "Science",
		Description: "Research, discovery, space and the institutions that pay for them.",
		Any:         []string{"researchers", "telescope", "laboratory", "peer-reviewed", "space agency"},
		Terms:       []string{"researchers", "the telescope", "the laboratory", "a peer-reviewed study", "the space agency", "research funding", "gene editing", "the particle collider", "fossil records", "ocean sensors"},
		Tags:        []string{"Research", "Space", "Genetics", "Physics", "Oceans", "Palaeontology", "Universities"},
	},
	{
		Slug: "culture", Title: "Culture",
		Description: "Books, film, museums, sport and the arguments around them.",
		Any:         []string{"museum", "festival", "novel", "box office", "sports league"},
		Terms:       []string{"the museum", "the festival", "a debut novel", "the box office", "the sports league", "streaming rights", "the orchestra", "heritage sites", "the art fair", "public broadcasters"},
		Tags:        []string{"Books", "Film", "Museums", "Music", "Sport", "Broadcasting", "Heritage"},
	},
	{
		Slug: "law", Title: "Law and courts",
		Description: "Courts, regulators, rulings and the laws that come out of them.",
		Any:         []string{"supreme court", "regulator", "lawsuit", "ruling", "antitrust"},
		Terms:       []string{"the supreme court", "the regulator", "a lawsuit", "the ruling", "antitrust rules", "the appeals court", "data protection law", "a class action", "the attorney general", "sentencing guidelines"},
		Tags:        []string{"Courts", "Regulation", "Antitrust", "Human rights", "Data protection", "Prosecutions", "Constitution"},
	},
}

// places are where stories happen; a few carry accents so the corpus
// exercises accent folding in slugs and topic rules.
var places = []string{
	"Brussels", "Geneva", "Nairobi", "Lagos", "Jakarta", "Manila", "Seoul", "Osaka",
	"Hanoi", "Dhaka", "Karachi", "Istanbul", "Cairo", "Casablanca", "Lisbon", "Madrid",
	"Warsaw", "Kraków", "Prague", "Vienna", "Zürich", "Oslo", "Helsinki", "Tallinn",
	"Reykjavík", "Dublin", "Glasgow", "Toronto", "Montréal", "Vancouver", "Chicago", "Houston",
	"Denver", "Mexico City", "Bogotá", "Lima", "Santiago", "São Paulo", "Buenos Aires", "Perth",
	"Auckland", "Singapore", "Kuala Lumpur", "Taipei", "Ulaanbaatar", "Almaty", "Tbilisi", "Accra",
}

// countries add a second kind of place name for tags and titles.
var countries = []string{
	"Kenya", "Nigeria", "Indonesia", "the Philippines", "South Korea", "Japan", "Vietnam",
	"Bangladesh", "Pakistan", "Turkey", "Egypt", "Morocco", "Portugal", "Spain", "Poland",
	"Czechia", "Austria", "Switzerland", "Norway", "Finland", "Estonia", "Iceland", "Ireland",
	"Canada", "Mexico", "Colombia", "Peru", "Chile", "Brazil", "Argentina", "Australia",
	"New Zealand", "Malaysia", "Mongolia", "Kazakhstan", "Georgia", "Ghana", "Senegal",
}

// nouns are the general-purpose subjects and objects of sentences.
var nouns = []string{
	"agency", "agreement", "allowance", "analyst", "announcement", "archive", "assembly",
	"audit", "backlog", "balance", "bargain", "barrier", "benchmark", "bill", "board",
	"border", "budget", "bureau", "cabinet", "campaign", "capacity", "cap", "charter",
	"coalition", "committee", "community", "company", "compromise", "conference", "consortium",
	"contract", "council", "county", "crisis", "critic", "cut", "deadline", "debate",
	"decision", "deficit", "delegation", "demand", "department", "deputy", "detail",
	"district", "draft", "economist", "effort", "estimate", "executive", "expert",
	"facility", "figure", "firm", "forecast", "framework", "fund", "gap", "guidance",
	"hearing", "household", "index", "inquiry", "investor", "issue", "judge", "lender",
	"licence", "lobby", "mandate", "margin", "measure", "memo", "merger", "minister",
	"ministry", "mission", "network", "negotiator", "official", "operator", "outlook",
	"package", "panel", "partner", "payment", "pension", "permit", "plan", "platform",
	"pledge", "policy", "premium", "president", "pressure", "price", "programme", "project",
	"proposal", "province", "quota", "rate", "region", "reform", "regime", "report",
	"reserve", "resident", "review", "risk", "rule", "scheme", "sector", "settlement",
	"shortage", "spokesperson", "spending", "stake", "standard", "statement", "strategy",
	"subsidy", "supplier", "survey", "target", "tax", "team", "tender", "threshold",
	"timetable", "union", "vote", "warning", "watchdog", "worker", "workforce", "yield",
}

// verbs hold the present (third person) and past forms.
var verbs = [][2]string{
	{"announces", "announced"}, {"approves", "approved"}, {"backs", "backed"},
	{"blocks", "blocked"}, {"cuts", "cut"}, {"delays", "delayed"}, {"defends", "defended"},
	{"doubles", "doubled"}, {"drops", "dropped"}, {"eases", "eased"}, {"expands", "expanded"},
	{"extends", "extended"}, {"freezes", "froze"}, {"halts", "halted"}, {"launches", "launched"},
	{"lifts", "lifted"}, {"loosens", "loosened"}, {"opens", "opened"}, {"overhauls", "overhauled"},
	{"pauses", "paused"}, {"proposes", "proposed"}, {"questions", "questioned"}, {"raises", "raised"},
	{"rejects", "rejected"}, {"revises", "revised"}, {"revives", "revived"}, {"scraps", "scrapped"},
	{"signals", "signalled"}, {"slows", "slowed"}, {"splits", "split"}, {"tightens", "tightened"},
	{"trims", "trimmed"}, {"unveils", "unveiled"}, {"weighs", "weighed"}, {"widens", "widened"},
	{"challenges", "challenged"}, {"reviews", "reviewed"}, {"restores", "restored"},
}

var adjectives = []string{
	"annual", "broad", "cautious", "central", "contested", "costly", "critical", "crucial",
	"delayed", "domestic", "early", "emergency", "expected", "federal", "final", "first",
	"fragile", "full", "global", "gradual", "heavy", "independent", "initial", "joint",
	"key", "landmark", "large", "late", "local", "long-awaited", "major", "modest",
	"national", "new", "official", "open", "partial", "popular", "preliminary", "private",
	"public", "quarterly", "rare", "recent", "regional", "revised", "rival", "rural",
	"second", "senior", "sharp", "short-term", "slow", "small", "sudden", "surprise",
	"temporary", "tentative", "unusual", "urban", "weak", "wider", "young",
}

var adverbs = []string{
	"sharply", "quietly", "narrowly", "briefly", "finally", "publicly", "privately",
	"largely", "partly", "again", "formally", "unexpectedly", "slowly", "repeatedly",
}

var firstNames = []string{
	"Amara", "Bilal", "Camille", "Dagny", "Eitan", "Farah", "Gustavo", "Hana", "Ibrahim",
	"Jonas", "Kavya", "Lucía", "Mateus", "Nadia", "Oskar", "Priya", "Quentin", "Rosa",
	"Selin", "Tomasz", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "Aleksander",
	"Beatriz", "Chidi", "Dara", "Elif", "Finn",
}

var lastNames = []string{
	"Adeyemi", "Bergström", "Castellano", "Dubois", "Eriksen", "Fontaine", "García",
	"Haddad", "Ivanova", "Jovanović", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
	"Okafor", "Petrov", "Quispe", "Rahman", "Santos", "Takahashi", "Uddin", "Varga",
	"Walsh", "Xu", "Yilmaz", "Zeller", "Abara", "Brennan", "Cho", "Delacroix",
}

// roles describe the people quoted in a story.
var roles = []string{
	"an economist", "a senior official", "a former minister", "a spokesperson", "an analyst",
	"a researcher", "a union leader", "a lawyer", "a board member", "an adviser",
	"a regional governor", "a fund manager", "a diplomat", "a professor",
}

// publisherWords build the forty publishers' names.
var (
	publisherFirst = []string{"Northern", "Harbour", "Evening", "Continental", "Daily", "Morning", "Coastal", "Metropolitan"}
	publisherLast  = []string{"Courier", "Ledger", "Dispatch", "Observer", "Chronicle"}
)

// linkSites are fictional reference sites that bodies link to.
var linkSites = []string{
	"statistics-office.example", "parliament-records.example", "open-data.example",
	"court-filings.example", "research-archive.example", "ministry-press.example",
}

// generalTags round the tag list up to 200 with subjects that cut across
// topics.
var generalTags = []string{
	"Analysis", "Interview", "Explainer", "Opinion", "Data", "Investigations", "Profiles",
	"Budgets", "Pensions", "Housing", "Transport", "Agriculture", "Fisheries", "Tourism",
	"Education", "Migration", "Labour", "Cities", "Infrastructure", "Water", "Food prices",
	"Aviation", "Railways", "Banking", "Insurance", "Retail", "Media", "Corruption",
	"Local government", "Public sector",
}
