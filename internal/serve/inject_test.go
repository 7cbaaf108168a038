package serve

import "testing"

func TestWidenPolicy(t *testing.T) {
	hash := "'" + reloadScript.Hash + "'"
	tests := []struct {
		name, in, want string
	}{
		{"connect-src already self", "default-src 'none'; connect-src 'self'", "default-src 'none'; connect-src 'self'; script-src " + hash},
		{"self in other case", "connect-src 'SELF'; script-src 'self'", "connect-src 'SELF'; script-src 'self' " + hash},
		{"none replaced", "default-src 'self'; script-src 'none'; connect-src 'none'", "default-src 'self'; script-src " + hash + "; connect-src 'self'"},
		{"other origin kept", "default-src 'self'; connect-src https://a.example", "default-src 'self'; connect-src https://a.example 'self'; script-src " + hash},
		{"hash already there", "script-src " + hash + "; connect-src 'self'", "script-src " + hash + "; connect-src 'self'"},
		{"no default-src left alone", "img-src 'self'", "img-src 'self'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := widen(tt.in); got != tt.want {
				t.Errorf("widen(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
