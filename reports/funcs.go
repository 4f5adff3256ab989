package reports

import (
	"electsum"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"electsum/analytics"
)

// Funcs is the one set of phrasing helpers the report templates use, printing w's words around the
// figures. Every helper that prints a figure returns "" when the figure is missing (analytics.Value.OK
// false), so that a template builds a sentence from clauses with `clauses` or `sentence` and a missing
// figure leaves no trace: no "0人", no NaN, no dangling comma.
func (w *Words) Funcs() template.FuncMap {
	return template.FuncMap{
		"num":        Num,
		"pct":        Pct,
		"count":      Count,
		"countOf":    CountOf,
		"share":      w.Share,
		"part":       w.PartClause,
		"some":       w.Some,
		"membersOf":  MembersOf,
		"nonzero":    NonZero,
		"rateOf":     RateOf,
		"unitsOf":    w.UnitsOf,
		"countShare": w.CountShare,
		"wholeShare": WholeShare,
		"zero":       Zero,
		"every":      Every,
		"age":        w.Age,
		"flat":       Flat,
		"gap":        w.Gap,
		"date":       w.Date,
		"committee":  committeeOf,
		"add":        func(a, b int) int { return a + b },
		"firstRound": w.FirstRound,
		"parts":      w.Parts,
		"change":     w.Change,
		"pp":         w.PP,
		"moved":      w.Moved,
		"years":      w.Years,
		"clauses":    w.Clauses,
		"sentence":   w.Sentence,
		"semis":      w.Semis,
		"prefix":     Prefix,
		"wrap":       Wrap,
		"list":       w.List,
		"cn":         w.Chinese,
		"term":       w.Term,
		"known":      Known,
		"positive":   Positive,
		"unitNoun":   UnitNoun,
		"headTitle":  HeadTitle,
		"seq":        Seq,
		"compare":    w.Compare,
		"turnoutOf":  w.TurnoutOf,
		"hasFigures": HasFigures,
		"named":      Named,
		"checkAt":    At,
		"unitBody":   w.UnitBody,
		"uncited":    Uncited,
		"contains":   strings.Contains,
	}
}

// committeeOf is the committee of the units of a 两委 kind: 村民委员会 for 村, 居民委员会 for 社区.
func committeeOf(kind string) string {
	if kind == string(electsum.Community) {
		return string(analytics.ResidentsCommittee)
	}
	return string(analytics.VillagersCommittee)
}

// Num formats a number the way the reports print it: whole numbers without decimals (19), others with
// one decimal (28.8). NaN and infinities print as "".
func Num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	r := math.Round(x*10) / 10
	if r == math.Trunc(r) {
		return strconv.FormatFloat(r, 'f', 0, 64)
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

// Pct prints a percentage value with one decimal and a per cent sign (28.8%, 100.0%); "" when missing.
func Pct(v analytics.Value) string {
	if !v.OK || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return ""
	}
	return tenths(v.V) + "%"
}

// Count prints a count with its measure word (19人, 15个); "" when missing.
func Count(v analytics.Value, unit string) string {
	if !v.OK {
		return ""
	}
	return Num(v.V) + unit
}

// CountOf prints label, count and measure word (女性19人); "" when the count is missing.
func CountOf(label string, v analytics.Value, unit string) string {
	c := Count(v, unit)
	if c == "" {
		return ""
	}
	return label + c
}

// Share prints a share as 占28.8%; "" when missing.
func (w *Words) Share(v analytics.Value) string {
	p := Pct(v)
	if p == "" {
		return ""
	}
	return w.Figures.Share + p
}

// PartClause prints a part of a whole as one clause: label, count, unit and share (女性19人，占28.8%).
// An empty label uses the part's own label. It returns "" when the count is missing or zero (a draft
// never says 新当选0人，占0.0%: the template states the negative, see Zero) and leaves the share out
// when only the share is missing, or when the share is not of the whole (p.Partial).
func (w *Words) PartClause(label string, p analytics.Part, unit string) string {
	if label == "" {
		label = p.Label
	}
	if Zero(p) {
		return ""
	}
	c := CountOf(label, p.Count.Current, unit)
	if c == "" {
		return ""
	}
	return w.Clauses(c, w.Share(WholeShare(p)))
}

// WholeShare is p's share when it is a share of the whole set the sentence speaks of; no figure when p
// is Partial (its share is of those who filled the item in, which a template must name to print it).
func WholeShare(p analytics.Part) analytics.Value {
	if p.Partial {
		return analytics.Value{}
	}
	return p.Share.Current
}

// Named is ps as parts whose base the sentence has named (在填报代表构成的50名中，…): not Partial, so that
// Parts prints their shares, which are over that base.
func Named(ps []analytics.Part) []analytics.Part {
	out := make([]analytics.Part, len(ps))
	for i, p := range ps {
		p.Partial = false
		out[i] = p
	}
	return out
}

// Zero reports whether a part is known to have nobody (0 of N), for the template's negative sentence
// (没有女性成员) instead of a clause with a zero.
func Zero(p analytics.Part) bool { return p.Count.Current.OK && p.Count.Current.V == 0 }

// Every reports whether a part is the whole set of total (total known, above zero, and the part's count
// equal to it), for 均为新当选 instead of 新当选3人，占100.0%.
func Every(p analytics.Part, total analytics.Value) bool {
	return total.OK && total.V > 0 && p.Count.Current.OK && p.Count.Current.V == total.V
}

// Age prints an age or an average age with one decimal, the one format of ages in a draft (47.0岁);
// "" when missing.
func (w *Words) Age(v analytics.Value) string {
	if !v.OK || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return ""
	}
	return tenths(v.V) + w.Figures.YearsOld
}

// tenths prints x rounded to one decimal with the decimal always written (5.0), the format of shares,
// percentage points and ages.
func tenths(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64)
}

// Some is PartClause for an attribute worth mentioning only when someone has it (少数民族,
// 致富带头人, 女性 among a few heads): "" when the count is zero or missing.
func (w *Words) Some(label string, p analytics.Part, unit string) string {
	if !p.Count.Current.OK || p.Count.Current.V == 0 {
		return ""
	}
	return w.PartClause(label, p, unit)
}

// MembersOf is the structure s of body b as a report describes it: for party bodies, whose members
// are all party members by definition, the party-member share is left out.
func MembersOf(b analytics.Body, s analytics.Structure) analytics.Structure {
	switch b {
	case analytics.PartyBranch, analytics.CommunityParty, analytics.TownshipPartyCommittee:
		s.PartyMembers = analytics.Part{}
	}
	return s
}

// NonZero is v, or no figure when v is zero: for counts such as units at 100% turnout that are only
// worth a clause when there are some.
func NonZero(v analytics.Value) analytics.Value {
	if v.OK && v.V == 0 {
		return analytics.Value{}
	}
	return v
}

// UnitsOf names units, joined by 、, with the township first when asked (东风镇甲村、东风镇乙村).
func (w *Words) UnitsOf(us []analytics.UnitRate, withTownship bool) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Unit
		if withTownship {
			names[i] = u.Township + u.Unit
		}
	}
	return strings.Join(names, w.Punctuation.Enumeration)
}

// RateOf is the turnout the units share (the model lists tied units together, so all have the same
// one); no figure for none.
func RateOf(us []analytics.UnitRate) analytics.Value {
	if len(us) == 0 {
		return analytics.Value{}
	}
	return analytics.Known(us[0].Turnout)
}

// CountShare prints a part count first, then the words, then the share: CountShare(p, "个村一次选举成功")
// is 15个村一次选举成功，占100.0%; "" when the count is missing.
func (w *Words) CountShare(p analytics.Part, words string) string {
	c := Count(p.Count.Current, words)
	if c == "" {
		return ""
	}
	return w.Clauses(c, w.Share(WholeShare(p)))
}

// Gap prints an age difference as 小3.2岁, 大1.0岁 or 相同 (one decimal, like every age); "" when missing.
func (w *Words) Gap(v analytics.Value) string {
	if !v.OK || math.IsNaN(v.V) {
		return ""
	}
	r := math.Round(v.V*10) / 10
	switch {
	case r < 0:
		return w.AgeGap.Less + tenths(-r) + w.Figures.YearsOld
	case r > 0:
		return w.AgeGap.More + tenths(r) + w.Figures.YearsOld
	}
	return w.AgeGap.Same
}

// Date prints a YYYY-MM-DD date as 2024年3月5日; other text is returned as it is.
func (w *Words) Date(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return w.date(t)
}

// date prints t as 2024年3月5日.
func (w *Words) date(t time.Time) string {
	return w.monthDay(t, strconv.Itoa(t.Year())+w.Dates.Year)
}

// monthDay prints t's month and day after before: 3月5日.
func (w *Words) monthDay(t time.Time, before string) string {
	return before + strconv.Itoa(int(t.Month())) + w.Dates.Month + strconv.Itoa(t.Day()) + w.Dates.Day
}

// Parts prints a distribution (age bands, education buckets) as clauses joined with "；"
// (35岁及以下6人，占9.1%；36—45岁13人，占19.7%), leaving out parts whose count is missing or zero.
func (w *Words) Parts(ps []analytics.Part, unit string) string {
	var out []string
	for _, p := range ps {
		if p.Count.Current.OK && p.Count.Current.V == 0 {
			continue // published summaries list the groups that have members
		}
		if c := w.PartClause("", p, unit); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, w.Punctuation.Semicolon)
}

// Change prints the change of a count versus the previous term: 比上届增加10人, 比上届减少2人,
// 与上届持平; "" unless both terms have the figure.
func (w *Words) Change(f analytics.Figure, unit string) string {
	return w.direction(f, w.Counts.Up, w.Counts.Down, w.Counts.Same, unit, Num)
}

// PP prints the change of a share in percentage points, always with one decimal: 比上届提高3.3个百分点,
// 比上届下降1.0个百分点, 与上届持平; "" unless both terms have the share.
func (w *Words) PP(f analytics.Figure) string {
	return w.direction(f, w.Points.Up, w.Points.Down, w.Counts.Same, w.Points.Unit, tenths)
}

// Moved prints the change of a share without naming the previous term, for a clause that follows a
// Change: 提高3.3个百分点, 下降1.0个百分点, 持平.
func (w *Words) Moved(f analytics.Figure) string {
	return w.direction(f, w.Points.MovedUp, w.Points.MovedDown, w.Points.MovedSame, w.Points.Unit, tenths)
}

// Years prints the change of an age in years, with one decimal: 比上届下降0.7岁, 比上届增大1.2岁 (an age
// grows; it is not 提高), 与上届持平.
func (w *Words) Years(f analytics.Figure) string {
	return w.direction(f, w.Ages.Up, w.Ages.Down, w.Counts.Same, w.Figures.YearsOld, tenths)
}

// Flat reports whether a figure is the same as last term as a draft prints it (both terms known, the
// change rounding to 0.0), so that a template can name the unchanged figures together instead of
// repeating 与上届持平 after each.
func Flat(f analytics.Figure) bool {
	d := f.Change()
	return d.OK && !math.IsNaN(d.V) && math.Round(d.V*10) == 0
}

func (w *Words) direction(f analytics.Figure, up, down, same, unit string, format func(float64) string) string {
	d := f.Change()
	if !d.OK || math.IsNaN(d.V) {
		return ""
	}
	r := math.Round(d.V*10) / 10
	switch {
	case r > 0:
		return up + format(r) + unit
	case r < 0:
		return down + format(-r) + unit
	}
	return same
}

// Clauses joins the non-empty clauses with the comma (，); all empty gives "".
func (w *Words) Clauses(cs ...string) string {
	return w.join(w.Punctuation.Comma, cs)
}

// Sentence is Clauses ended with the full stop (。); "" when every clause is empty.
func (w *Words) Sentence(cs ...string) string {
	s := w.Clauses(cs...)
	if s == "" {
		return ""
	}
	return s + w.Punctuation.FullStop
}

// Semis joins the non-empty groups of clauses with the semicolon (；).
func (w *Words) Semis(gs ...string) string {
	return w.join(w.Punctuation.Semicolon, gs)
}

// join joins the non-empty parts with sep, each without the comma, semicolon or full stop it ends with.
func (w *Words) join(sep string, parts []string) string {
	ends := w.Punctuation.Comma + w.Punctuation.Semicolon + w.Punctuation.FullStop
	var out []string
	for _, c := range parts {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, strings.TrimRight(c, ends))
		}
	}
	return strings.Join(out, sep)
}

// Prefix puts p before s when s is not empty: Prefix("其中，", "") is "".
func Prefix(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// Wrap puts l and r around s when s is not empty: Wrap("（", "上届为90.0%", "）").
func Wrap(l, s, r string) string {
	if s == "" {
		return ""
	}
	return l + s + r
}

// List joins items the Chinese way: 甲, 甲和乙, 甲、乙和丙. Empty items are skipped.
func (w *Words) List(items ...string) string {
	var xs []string
	for _, it := range items {
		if it != "" {
			xs = append(xs, it)
		}
	}
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], w.Punctuation.Enumeration) + w.Punctuation.And + xs[len(xs)-1]
}

// Chinese writes n (0 ≤ n < 10000) in Chinese numerals as used in headings and 届次: 1 一, 10 十,
// 12 十二, 20 二十, 105 一百零五. Other numbers are written with Arabic digits.
func (w *Words) Chinese(n int) string {
	if n < 0 || n >= 10000 {
		return strconv.Itoa(n)
	}
	digits, units := w.Numerals.Digits, w.Numerals.Places
	if n < 10 {
		return digits[n]
	}
	if n < 20 {
		if n == 10 {
			return units[1]
		}
		return units[1] + digits[n%10]
	}
	var b strings.Builder
	s := strconv.Itoa(n)
	zero := false
	for i, ch := range s {
		d := int(ch - '0')
		pos := len(s) - 1 - i
		if d == 0 {
			zero = true
			continue
		}
		if zero && b.Len() > 0 {
			b.WriteString(digits[0])
		}
		zero = false
		b.WriteString(digits[d] + units[pos])
	}
	return b.String()
}

// Term writes 届次: Term(10) is 第十届; "" for 0 (not collected).
func (w *Words) Term(n int) string {
	if n <= 0 {
		return ""
	}
	return w.Numerals.TermBefore + w.Chinese(n) + w.Numerals.TermAfter
}

// Known reports whether a value has a figure.
func Known(v analytics.Value) bool { return v.OK }

// Positive reports whether a value has a figure above zero.
func Positive(v analytics.Value) bool { return v.OK && v.V > 0 }

// UnitNoun is the word for the units electing body b: 社区 for community bodies, 选区 for people's
// congress deputies, 村 otherwise.
func UnitNoun(b analytics.Body) string {
	switch b.UnitKind() {
	case electsum.Community, electsum.Constituency:
		return string(b.UnitKind())
	}
	return string(electsum.Village)
}

// HeadTitle is the title of body b's head (electsum.Body.Head): 书记 for party bodies, 主任 for
// committees, "" for deputies.
func HeadTitle(b analytics.Body) string { return string(b.Head()) }

// Seq returns 1..n, for numbering in templates.
func Seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// Compare prints a figure's previous value in brackets after the current one: （上届为28.8%），
// for shares and rates when the previous term has the figure; "" otherwise.
func (w *Words) Compare(f analytics.Figure) string {
	if !f.Current.OK || !f.Previous.OK {
		return ""
	}
	return w.Figures.Previous + Pct(f.Previous)
}

// TurnoutOf prints "甲村（85.0%）" for a unit and its turnout.
func (w *Words) TurnoutOf(u analytics.UnitRate) string {
	return u.Unit + w.Punctuation.Open + Pct(analytics.Known(u.Turnout)) + w.Punctuation.Close
}

// HasFigures reports whether a structure has any people counted, so that a template can leave a
// paragraph out altogether.
func HasFigures(s analytics.Structure) bool { return s.Total.Current.OK && s.Total.Current.V > 0 }

// FirstRound prints whether an election succeeded at the first round: 一次选举成功, 未能一次选举成功,
// or "" when not collected.
func (w *Words) FirstRound(ok *bool) string {
	switch {
	case ok == nil:
		return ""
	case *ok:
		return w.Rounds.Yes
	}
	return w.Rounds.No
}

// UnitBody names body of the unit (or place) where, as an office writes it: a body of words.toml's
// [drafts.places] after_kind (村党组织, 社区党组织) drops its leading unit kind (村, 社区) after a name that
// ends with it — 南街社区党组织, 高泉村党组织, not 南街社区社区党组织. Other bodies keep their whole name:
// 村民委员会 and 居民委员会 are the committees' names (高泉村村民委员会).
func (w *Words) UnitBody(where string, body analytics.Body) string {
	b := string(body)
	if slices.Contains(w.Drafts.Places.AfterKind, b) {
		for _, kind := range []electsum.UnitKind{electsum.Community, electsum.Village} {
			if k := string(kind); strings.HasPrefix(b, k) && strings.HasSuffix(where, k) {
				return where + strings.TrimPrefix(b, k)
			}
		}
	}
	return where + b
}
