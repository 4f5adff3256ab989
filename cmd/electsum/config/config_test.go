package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"electsum/analytics"
	"electsum/reports"
)

// The example report.toml loads as it is and asks for exactly the defaults: the values it spells out
// (turnout = 90, the age bands …) are a copy for the reader, and this keeps the copy equal to the one
// definition in analytics.
func TestExampleLoadsAsTheDefaults(t *testing.T) {
	f, opts, err := Decode(Example())
	if err != nil {
		t.Fatal(err)
	}
	if want := analytics.DefaultOptions(); !reflect.DeepEqual(opts, want) {
		t.Errorf("options of the example report.toml:\n%+v\nwant the defaults\n%+v", opts, want)
	}
	if f.Basis == "" || f.Deployment == "" {
		t.Error("the example has no basis or deployment text")
	}
}

// An empty path is no file: the zero prose and the default options.
func TestNoFileGivesTheDefaults(t *testing.T) {
	f, opts, err := Load("")
	if err != nil || !reflect.DeepEqual(f, File{}) || !reflect.DeepEqual(opts, analytics.DefaultOptions()) {
		t.Errorf("Load(\"\") = %+v, %+v, %v", f, opts, err)
	}
}

// Each part gets its keys: the prose goes to reports.Config, the groupings and thresholds to analytics.
func TestOneFileTwoParts(t *testing.T) {
	text := `title = "标题"
organ = "中共示例县委组织部"
rounding = "largest_remainder"
[thresholds]
turnout = 85
aged = 35
[[practices]]
heading = "加强组织领导"
text = "……"
[[age_bands]]
label = "39岁及以下"
min = 0
max = 39
[[age_bands]]
label = "40岁(含)以上"
min = 40
max = 0
[[education]]
label = "高中(中专)及以上"
values = ["研究生", "大学本科", "大学专科", "高中", "中专"]
[[education]]
label = "初中及以下"
values = ["初中", "小学及以下"]
`
	f, opts, err := Decode([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := reports.Config{Title: "标题", Organ: "中共示例县委组织部", Practices: []reports.Item{{Heading: "加强组织领导", Text: "……"}}}
	if !reflect.DeepEqual(f.Config, want) {
		t.Errorf("prose = %+v, want %+v", f.Config, want)
	}
	if opts.Rounding != analytics.LargestRemainder || opts.TurnoutThreshold != 85 || opts.AgedThreshold != 35 ||
		opts.LowEducationThreshold != analytics.DefaultLowEducationThreshold || len(opts.AgeBands) != 2 {
		t.Errorf("options = %+v", opts)
	}
	// A label written with half-width brackets (as older report.toml files were) prints full-width; the
	// file as written is kept as it was, for the page's form to write back.
	if opts.AgeBands[1].Label != "40岁（含）以上" || opts.EducationBuckets[0].Label != "高中（中专）及以上" {
		t.Errorf("labels %q, %q: want full-width brackets", opts.AgeBands[1].Label, opts.EducationBuckets[0].Label)
	}
	if f.AgeBands[1].Label != "40岁(含)以上" {
		t.Errorf("the file as written was changed: %q", f.AgeBands[1].Label)
	}

	// Written back by Encode (as the page's form does), it loads to the same.
	var buf bytes.Buffer
	if err := Encode(&buf, f, "测试"); err != nil {
		t.Fatal(err)
	}
	g, again, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(f, g) || !reflect.DeepEqual(opts, again) {
		t.Errorf("after Encode and Decode:\n%+v\n%+v\nwant\n%+v\n%+v\n%s", g, again, f, opts, buf.String())
	}
}

// A setting that cannot be used is analytics' ConfigError, naming a key the user finds in report.toml.
func TestWrongSettingNamesItsKey(t *testing.T) {
	md, err := toml.Decode(string(Example()), new(File))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, k := range md.Keys() {
		keys[k.String()] = true
	}
	for _, text := range []string{
		`rounding = "up"`,
		"[[age_bands]]\nlabel = \"x\"\nmin = 50\nmax = 40",
		"[[age_bands]]\nlabel = \"x\"\nmin = 0\nmax = 40\n[[age_bands]]\nlabel = \"y\"\nmin = 45", // a gap
		"[[education]]\nlabel = \"x\"",
		"[thresholds]\nturnout = 120",
		"[thresholds]\naged = 120",
		"[thresholds]\nlow_education = -1",
		"[thresholds]\nmobile = 101",
	} {
		_, _, err := Decode([]byte(text))
		var ce *analytics.ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%q: %v, want a *analytics.ConfigError", text, err)
			continue
		}
		if !keys[ce.Field] {
			t.Errorf("%q: the error names %q, not a key of report.toml", text, ce.Field)
		}
	}
}

// A key report.toml does not have is refused by name, not ignored; a key of an older or misplaced
// spelling also says what to write instead. Load wraps it with the path and a hint.
func TestUnknownKeysAreNamed(t *testing.T) {
	for text, want := range map[string][]string{
		"titel = \"x\"":          {"titel"},
		"turnout_threshold = 80": {"turnout_threshold", "[thresholds]", "turnout = 90"},
		"turnout = 80":           {"turnout", "[thresholds]"},
		"mobile = 20":            {"mobile", "[thresholds]"},
		"[[education_buckets]]\nlabel = \"x\"\nvalues = []": {"education_buckets", "[[education]]"},
		"[thresholds]\nturnut = 80":                         {"thresholds.turnut"},
	} {
		_, _, err := Decode([]byte(text))
		if err == nil {
			t.Errorf("%q loaded", text)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: %v, want it to say %q", text, err, w)
			}
		}
		if strings.Contains(text, "education_buckets") && strings.Contains(err.Error(), "education_buckets.label") {
			t.Errorf("%q: %v names the moved table's inner keys", text, err)
		}
	}
	path := filepath.Join(t.TempDir(), "report.toml")
	if err := os.WriteFile(path, []byte("turnout_threshold = 80\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Load(path)
	var fe *Error
	if !errors.As(err, &fe) || fe.Path != path || !strings.Contains(err.Error(), path) || fe.Hint() == "" {
		t.Errorf("Load: %v", err)
	}
}

// start and end are 年-月-日 dates or empty: a value the opening would print without its year (3月1日) or
// cannot read is refused naming its key and its value, as is an end before the start; a good pair loads.
func TestPeriodDatesAreChecked(t *testing.T) {
	for _, c := range []struct{ text, field, value string }{
		{`start = "3月1日"`, "start", `"3月1日"`},
		{"start = \"2024-03-01\"\nend = \"五月十日\"", "end", `"五月十日"`},
		{`end = "2024/05/10"`, "end", `"2024/05/10"`},
		{"start = \"2024-05-10\"\nend = \"2024-03-01\"", "end", `"2024-03-01"`},
	} {
		_, _, err := Decode([]byte(c.text))
		var ce *analytics.ConfigError
		if !errors.As(err, &ce) || ce.Field != c.field || !strings.Contains(ce.Error(), c.value) {
			t.Errorf("%q: %v, want an error naming %s and %s", c.text, err, c.field, c.value)
		}
	}
	f, _, err := Decode([]byte("start = \"2024-03-01\"\nend = \"2024-5-10\""))
	if err != nil || f.Start != "2024-03-01" || f.End != "2024-5-10" {
		t.Errorf("a good period: %+v, %v", f.Config, err)
	}
}
