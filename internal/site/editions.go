package site

import (
	"net/mail"
	"net/url"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Editions is site.yaml's `editions:` section: the daily and weekly
// issues of the briefing, published as pages and as ready-to-send email.
//
//	editions:
//	  daily: true            # an edition for each day with articles
//	  weekly: true           # and one for each week
//	  week_starts: monday    # the first day of a week (default monday)
//	  home: true             # the home page opens with the latest edition
//	  email:
//	    from: "Across the Pacific <briefing@example.org>"
//	    reply_to: editor@example.org
//	    list_unsubscribe: ["mailto:leave@example.org", "https://example.org/leave"]
//	    smtp:
//	      host: smtp.example.org
//	      port: 587                        # STARTTLS is required
//	      username: briefing@example.org
//	      password_env: BRIEF_SMTP_PASSWORD  # the variable holding the password
//
// Days and weeks begin at midnight in the site's timezone. The password
// is never in site.yaml: `brief send` reads it from the environment.
type Editions struct {
	Daily      bool   `yaml:"daily"`
	Weekly     bool   `yaml:"weekly"`
	WeekStarts string `yaml:"week_starts"`
	Home       bool   `yaml:"home"`
	Email      Email  `yaml:"email"`

	// WeekStart is WeekStarts read; Monday when left out.
	WeekStart time.Weekday `yaml:"-"`
}

// Email is the `email:` part of `editions:`: the headers of the message
// each edition is written as, and the SMTP server `brief send` uses.
type Email struct {
	From    string `yaml:"from"`
	ReplyTo string `yaml:"reply_to"`
	// ListUnsubscribe are mailto: or https: URLs, written into the
	// List-Unsubscribe header in this order.
	ListUnsubscribe []string `yaml:"list_unsubscribe"`
	SMTP            SMTP     `yaml:"smtp"`
}

// SMTP is the server `brief send` hands messages to.
type SMTP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"` // 0 means 587, the submission port
	Username string `yaml:"username"`
	// PasswordEnv names the environment variable holding the password;
	// "" means DefaultPasswordEnv.
	PasswordEnv string `yaml:"password_env"`
}

// DefaultPasswordEnv is the environment variable `brief send` reads the
// SMTP password from when site.yaml names none.
const DefaultPasswordEnv = "BRIEF_SMTP_PASSWORD"

// On says whether the site publishes editions of either kind.
func (e *Editions) On() bool { return e.Daily || e.Weekly }

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// check reads week_starts and checks the email settings, reporting each
// mistake at its line.
func (e *Editions) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	lines := sectionLines(doc, "editions")
	e.WeekStart = time.Monday
	if e.WeekStarts != "" {
		d, ok := weekdays[strings.ToLower(strings.TrimSpace(e.WeekStarts))]
		if !ok {
			bad(lines["week_starts"], "editions: week_starts %q is not a day of the week; write one such as monday or sunday", e.WeekStarts)
		}
		e.WeekStart = d
	}
	if e.Home && !e.On() {
		bad(lines["home"], "editions: home is true but neither daily nor weekly is: turn one of them on, or remove home")
	}
	el := sectionLines(doc, "editions", "email")
	m := &e.Email
	for _, f := range []struct{ key, v string }{{"from", m.From}, {"reply_to", m.ReplyTo}} {
		if f.v == "" {
			continue
		}
		if _, err := mail.ParseAddress(f.v); err != nil {
			bad(el[f.key], "editions: email: %s %q is not an address; write one such as \"Briefing <briefing@example.org>\"", f.key, f.v)
		}
	}
	for _, u := range m.ListUnsubscribe {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "mailto" && p.Scheme != "https" && p.Scheme != "http") || (p.Scheme != "mailto" && p.Host == "") {
			bad(el["list_unsubscribe"], "editions: email: list_unsubscribe %q must be a mailto: or https: URL", u)
		}
	}
	sl := sectionLines(doc, "editions", "email", "smtp")
	if s := m.SMTP; s.Port < 0 || s.Port > 65535 {
		bad(sl["port"], "editions: email: smtp: port %d is not a port number; the submission port is 587", s.Port)
	}
	if m.SMTP.PasswordEnv == "" {
		m.SMTP.PasswordEnv = DefaultPasswordEnv
	}
	if m.SMTP.Port == 0 {
		m.SMTP.Port = 587
	}
}

// sectionLines finds the line of each key of the mapping at the path of
// keys in site.yaml's tree ("stories"; "editions", "email"): the typed
// decoder keeps no lines.
func sectionLines(doc *yaml.Node, path ...string) map[string]int {
	lines := map[string]int{}
	if doc == nil || len(doc.Content) == 0 {
		return lines
	}
	n := doc.Content[0]
	for _, key := range path {
		var next *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return lines
		}
		n = next
	}
	for j := 0; n.Kind == yaml.MappingNode && j+1 < len(n.Content); j += 2 {
		lines[n.Content[j].Value] = n.Content[j].Line
	}
	return lines
}
