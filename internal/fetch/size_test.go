package fetch

import "testing"

func TestSizeName(t *testing.T) {
	for n, want := range map[int64]string{
		16 << 20:     "16 MiB",
		3 << 19:      "1.5 MiB",
		512 << 10:    "512 KiB",
		1536:         "1.5 KiB",
		300:          "300 bytes",
		16777216 + 1: "16.0 MiB",
	} {
		if got := sizeName(n); got != want {
			t.Errorf("sizeName(%d) = %q, want %q", n, got, want)
		}
	}
}
