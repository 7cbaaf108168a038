package output

import (
	"strings"
	"testing"
)

func TestManifestRoundTrip(t *testing.T) {
	var m Manifest
	for name, e := range map[string]Entry{
		"index.html":            {Key: 0xabc, Size: 10},
		"articles/a b/x.html":   {Key: 1, Size: 0},
		"static.css":            {Key: 0, Size: 7},
		"tags/ünïcode/feed.xml": {Key: ^uint64(0), Size: 1 << 40},
	} {
		if err := m.Set(name, e); err != nil {
			t.Fatal(err)
		}
	}
	data := m.Bytes()
	got, err := ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != m.Len() || string(got.Bytes()) != string(data) {
		t.Errorf("read back as\n%s\nwant\n%s", got.Bytes(), data)
	}
	if e, ok := got.Get("articles/a b/x.html"); !ok || e != (Entry{1, 0}) {
		t.Errorf("Get = %v, %v", e, ok)
	}
}

func TestParseManifestRefusesDamage(t *testing.T) {
	good := manifestHeader + "0000000000000001 3 a.html\n"
	if _, err := ParseManifest([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"",
		"brief inputs v1\n0000000000000001 3 a.html\n",
		manifestHeader + "0000000000000001 3 a.html",        // cut short
		manifestHeader + "zz 3 a.html\n",                    // key
		manifestHeader + "0000000000000001 -3 a.html\n",     // size
		manifestHeader + "0000000000000001 3 ../x\n",        // name
		manifestHeader + "0000000000000001 3\n",             // no name
		manifestHeader + "1 3 a.html\n1 4 a.html\n",         // twice
		manifestHeader + "0000000000000001 3 /etc/passwd\n", // absolute
		manifestHeader + "0000000000000001 3 a\x00b\n",      // NUL
		strings.Replace(good, " 3 ", " three ", 1),
	} {
		if _, err := ParseManifest([]byte(bad)); err == nil {
			t.Errorf("ParseManifest(%q) accepted", bad)
		}
	}
}

func TestManifestSetRefusesUnlistableNames(t *testing.T) {
	var m Manifest
	for _, name := range []string{"a\nb", "../x", ""} {
		if err := m.Set(name, Entry{}); err == nil {
			t.Errorf("Set(%q) accepted", name)
		}
	}
}
