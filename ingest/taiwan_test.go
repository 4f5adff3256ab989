package ingest

import (
	"testing"

	"github.com/longbridgeapp/opencc"

	"electsum"
)

// A sheet converted to Traditional script with Taiwan phrasing — OpenCC s2twp (選舉型別, 社群黨組織), or the
// converter of the published samples (民眾, 國中) — is read as the mainland one: every header and alias,
// every enum value and variant, the 学历 ranges, and the kind of unit its name says.
func TestTaiwanPhrasing(t *testing.T) {
	cc, err := opencc.New("s2twp")
	if err != nil {
		t.Fatal(err)
	}
	convert := func(s string) string {
		out, err := cc.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for i, spec := range specs {
		for _, c := range spec.cols {
			if c == nil {
				continue
			}
			for _, h := range append([]string{c.Header}, c.Aliases...) {
				if f, ok := spec.lookup(convert(h)); !ok || spec.cols[f].Key != c.Key {
					t.Errorf("sheet %d: header %q (%q) not read as %s", i, convert(h), h, c.Key)
				}
			}
		}
	}
	for key, ix := range enums {
		for spelling, v := range ix.exact {
			if got, ok := parseEnum(key, convert(spelling)); !ok || got != v {
				t.Errorf("%s: %q (%q) read as %q, want %q", key, convert(spelling), spelling, got, v)
			}
		}
	}
	for key, cases := range map[string]map[string]string{
		"party":     {"民眾": "群众", "民众": "群众"},
		"education": {"國中": "初中", "國小": "小學及以下", "国中": "初中"},
		"body":      {"社群黨組織": "社区党组织", "社群居民委員會": "居民委员会"},
	} {
		for in, want := range cases {
			if got, ok := parseEnum(key, in); !ok || fold(got, false) != fold(want, false) {
				t.Errorf("parseEnum(%s, %q) = %q, want %q", key, in, got, want)
			}
		}
	}
	if r, ok := educationRange("國中及以下"); !ok || r != "初中及以下" {
		t.Errorf("educationRange(國中及以下) = %q, %v", r, ok)
	}
	for name, want := range map[string]electsum.UnitKind{"城關社區": electsum.Community, "城关社群": electsum.Community, "東山村": electsum.Village, "青石镇": ""} {
		if got := kindOfName(name); got != want {
			t.Errorf("kindOfName(%q) = %q, want %q", name, got, want)
		}
	}
}
