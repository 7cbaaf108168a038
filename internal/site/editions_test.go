package site

import (
	"strings"
	"testing"
	"time"
)

func TestEditionsSettings(t *testing.T) {
	const head = "title: T\nbase_url: https://h.example/\n"
	tests := []struct {
		name      string
		yaml      string
		on        bool
		weekStart time.Weekday
		err       []string // each must appear in the error text; nil: no error
	}{
		{"left out: off", head, false, time.Monday, nil},
		{"daily, weeks from Monday", head + "editions:\n  daily: true\n", true, time.Monday, nil},
		{"weekly from Sunday", head + "editions:\n  weekly: true\n  week_starts: Sunday\n", true, time.Sunday, nil},
		{"not a day", head + "editions:\n  weekly: true\n  week_starts: weekend\n", true, time.Monday,
			[]string{`site.yaml:5: editions: week_starts "weekend" is not a day of the week`}},
		{"home with nothing to show", head + "editions:\n  home: true\n", false, time.Monday,
			[]string{"site.yaml:4: editions: home is true but neither daily nor weekly is"}},
		{"bad sender", head + "editions:\n  daily: true\n  email:\n    from: not an address\n", true, time.Monday,
			[]string{`site.yaml:6: editions: email: from "not an address" is not an address`}},
		{"bad unsubscribe", head + "editions:\n  daily: true\n  email:\n    list_unsubscribe: [\"ftp://x.example/\"]\n", true, time.Monday,
			[]string{`site.yaml:6: editions: email: list_unsubscribe "ftp://x.example/" must be a mailto: or https: URL`}},
		{"bad port", head + "editions:\n  daily: true\n  email:\n    smtp:\n      port: 70000\n", true, time.Monday,
			[]string{"site.yaml:7: editions: email: smtp: port 70000 is not a port number"}},
		{"a password is no setting", head + "editions:\n  daily: true\n  email:\n    smtp:\n      password: x\n", true, time.Monday,
			[]string{`unknown key "password"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("site.yaml", []byte(tt.yaml))
			if tt.err != nil {
				if err == nil {
					t.Fatalf("no error; want %q", tt.err)
				}
				for _, w := range tt.err {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			e := cfg.Editions
			if e.On() != tt.on || e.WeekStart != tt.weekStart {
				t.Errorf("On %t, week from %s; want %t, %s", e.On(), e.WeekStart, tt.on, tt.weekStart)
			}
			if e.Email.SMTP.Port != 587 || e.Email.SMTP.PasswordEnv != DefaultPasswordEnv {
				t.Errorf("smtp defaults: port %d, password_env %q", e.Email.SMTP.Port, e.Email.SMTP.PasswordEnv)
			}
		})
	}
}
