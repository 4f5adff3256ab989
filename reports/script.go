package reports

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/longbridgeapp/opencc"

	"electsum/analytics"
)

// Script is the writing system of a report: hans (简体, as the templates are written) or hant (繁體 in the
// common printed character forms, OpenCC s2tw: 為, 核查 — plain s2t gives OpenCC's own forms 爲, 覈查,
// which readers take for typos). Taiwan phrasing (OpenCC s2twp: 軟體, 程式, 資料) is not offered: it does
// not fit mainland documents. OpenCC's dictionaries are embedded in the module, so conversion works
// offline.
type Script string

const (
	Hans Script = "hans"
	Hant Script = "hant"
)

// ParseScript accepts hans and hant (and the empty string, meaning "follow the data").
func ParseScript(s string) (Script, error) {
	switch Script(s) {
	case "", Hans, Hant:
		return Script(s), nil
	}
	return "", fmt.Errorf("文字 %q 无效（应为 hans 或 hant）", s)
}

var converters sync.Map // conversion name → *converter

type converter struct {
	once sync.Once
	cc   *opencc.OpenCC
	err  error
}

func convert(conversion, text string) (string, error) {
	c, _ := converters.LoadOrStore(conversion, &converter{})
	cv := c.(*converter)
	cv.once.Do(func() { cv.cc, cv.err = opencc.New(conversion) })
	if cv.err != nil {
		return "", fmt.Errorf("load OpenCC %s: %w", conversion, cv.err)
	}
	out, err := cv.cc.Convert(text)
	if err != nil {
		return "", fmt.Errorf("convert text with OpenCC %s: %w", conversion, err)
	}
	return out, nil
}

// Convert converts Simplified text to the script; Hans and "" return it unchanged.
func (s Script) Convert(text string) (string, error) {
	switch s {
	case Hant:
		return convert("s2tw", text)
	}
	return text, nil
}

// DetectScript says which script the data is written in (scriptOfNames) by the county, township, unit
// and member names. Enumerated values (bodies, positions) are stored in Simplified and are not looked at.
func DetectScript(s *analytics.Summary) Script {
	names := []string{s.Scope.County, s.Scope.Township, s.Scope.Unit}
	names = append(names, s.Counties...)
	for _, e := range s.Elections {
		names = append(names, e.County, e.Township, e.Unit)
	}
	for i, m := range s.Roster {
		if i >= 500 {
			break
		}
		names = append(names, m.Name)
	}
	return scriptOfNames(names)
}

// scriptOfNames is Hant when more of the names change when converted to Simplified than when converted
// to Traditional, else Hans. A sample decides: the first 2,000 distinct names are plenty, and a province
// has far more.
func scriptOfNames(names []string) Script {
	seen := map[string]bool{}
	trad, simp := 0, 0
	for _, n := range names {
		if n == "" || seen[n] {
			continue
		}
		if seen[n] = true; len(seen) > 2000 {
			break
		}
		if t, err := convert("t2s", n); err == nil && t != n {
			trad++
		}
		if t, err := convert("s2t", n); err == nil && t != n {
			simp++
		}
	}
	if trad > simp {
		return Hant
	}
	return Hans
}

// Convert converts report text to script. Names from the data (county, township, unit) are never
// converted: a village is called what its sheet calls it (南岩村 stays 南岩村 in Traditional output,
// not 南巖村), so they are swapped for private-use code points around the conversion.
func (v *View) Convert(script Script, text string) (string, error) {
	return convertKeeping(script, text, v.names())
}

// convertKeeping converts text to script, leaving the names as the data writes them. names may repeat
// and hold empty strings: each distinct name is kept once, longest first so that a name containing
// another is replaced whole.
func convertKeeping(script Script, text string, names []string) (string, error) {
	if script != Hant {
		return script.Convert(text)
	}
	names = distinctLongestFirst(names)
	pairs := make([]string, 0, 2*len(names))
	back := make([]string, 0, 2*len(names))
	for i, n := range names {
		if i >= 0xF8FF-0xE000 {
			break // private-use code points run out; the remaining names are converted as text
		}
		tok := string(rune(0xE000 + i))
		pairs = append(pairs, n, tok)
		back = append(back, tok, n)
	}
	out, err := script.Convert(strings.NewReplacer(pairs...).Replace(text))
	if err != nil {
		return "", err
	}
	return strings.NewReplacer(back...).Replace(out), nil
}

// distinctLongestFirst is names without empty strings and repeats (the first of each kept), longest
// first, in their order among names of the same length.
func distinctLongestFirst(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range names {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// names are the names from the data the view may print — places, and the people and files the checks
// quote —, repeats and empty ones included (convertKeeping keeps each once).
func (v *View) names() []string {
	var out []string
	add := func(xs ...string) { out = append(out, xs...) }
	s := v.Summary
	add(v.Place, s.Scope.County, s.Scope.Township, s.Scope.Unit)
	add(s.Counties...)
	for _, e := range s.Elections {
		add(e.County, e.Township, e.Unit)
	}
	for _, b := range s.Breakdown {
		add(b.Name, b.Township, b.Unit)
	}
	for _, c := range s.Checks {
		add(c.Township, c.Unit)
		add(c.Quoted...)
	}
	for _, b := range s.Bodies {
		for _, u := range b.Participation.BelowThreshold {
			add(u.Township, u.Unit)
		}
		for _, u := range append(b.Participation.Highest, b.Participation.Lowest...) {
			add(u.Township, u.Unit)
		}
	}
	for _, t := range s.TwoCommittees {
		for _, u := range t.NoWomanUnits {
			add(u.Township, u.Unit)
		}
	}
	return out
}
