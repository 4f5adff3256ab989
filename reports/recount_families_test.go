package reports

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// recountHeadsSQL recounts, per body of a scope, the heads (书记 of a party body, 主任 of a committee)
// of year $1, those whose unit elected a head of the same body in year $5 (the base of 连任), and of
// them the ones who were that head then: the same 身份证号 when both rows give one, else the same name
// and birth month (or, without one, written ages at most one apart … the demo gives birth months).
// Written here, sharing nothing with analytics' macros. $2 county, $3 township, $4 unit (” = all).
const recountHeadsSQL = `
WITH h AS (
    SELECT * FROM members
    WHERE county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
      AND ((body IN ('村党组织', '社区党组织') AND position = '书记')
           OR (body IN ('村民委员会', '居民委员会', '村务监督委员会') AND position = '主任'))
), cur AS (SELECT * FROM h WHERE year = $1), prev AS (SELECT * FROM h WHERE year = $5)
SELECT body, count(*) AS heads,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM prev p WHERE p.township = c.township AND p.unit = c.unit AND p.body = c.body)) AS base,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM prev p WHERE p.township = c.township AND p.unit = c.unit AND p.body = c.body
                AND CASE WHEN p.id_number IS NOT NULL AND c.id_number IS NOT NULL THEN p.id_number = c.id_number
                         ELSE p.name = c.name AND (strftime(p.birth, '%Y%m') = strftime(c.birth, '%Y%m')
                                                   OR (p.birth IS NULL OR c.birth IS NULL) AND abs(coalesce(p.age + ($1 - $5), -99) - coalesce(c.age, 99)) <= 1) END)) AS reelected
FROM cur c
GROUP BY body
ORDER BY body`

// recountFirstRoundSQL recounts 一次选举成功 per body: the units that answered the column, and those that
// answered 是 and met their quorum (村民委员会: more than half of the registered voted; party bodies: more
// than 4/5 of 应到 less 批准剔除 attended), with the units of the body.
const recountFirstRoundSQL = `
SELECT body, count(*) AS units, count(first_round) AS answered,
       count(*) FILTER (WHERE first_round AND NOT coalesce(
           CASE WHEN body = '村民委员会' THEN voted * 2 <= registered
                WHEN body IN ('村党组织', '社区党组织') THEN voted * 5 <= (registered - coalesce(excused, 0)) * 4 END, false)) AS succeeded
FROM elections
WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
  AND body IN ('村党组织', '村民委员会', '村务监督委员会', '社区党组织', '居民委员会')
GROUP BY body
ORDER BY body`

// recountElectionsSQL recounts, per body, the units at 100% (实到 = 应到, 应到 > 0) among the votes of
// voters or party members (none when there is no such vote: a 村务监督委员会 chosen by 村民代表会议 is a
// meeting of representatives, whose full attendance is rep_full), 有效票 and 无效票 with the units that
// gave them, and 届次 when every unit gave the same one.
const recountElectionsSQL = `
SELECT body,
       CASE WHEN count(*) FILTER (WHERE registered > 0 AND NOT reps) > 0
            THEN count(*) FILTER (WHERE registered > 0 AND voted = registered AND NOT reps) END AS full_units,
       count(*) FILTER (WHERE registered > 0 AND voted = registered AND reps) AS rep_full,
       sum(valid_ballots) AS valid, count(valid_ballots) AS valid_units,
       sum(invalid_ballots) AS invalid, count(invalid_ballots) AS invalid_units,
       CASE WHEN count(term) = count(*) AND count(DISTINCT term) = 1 THEN any_value(term) END AS term
FROM (SELECT *, body = '村务监督委员会' AND coalesce(method, '') = '村民代表会议推选' AS reps FROM elections)
WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
  AND body IN ('村党组织', '村民委员会', '村务监督委员会', '社区党组织', '居民委员会')
GROUP BY body
ORDER BY body`

// recountMethodsSQL counts the units per 选举方式 as written (blank ones not counted).
const recountMethodsSQL = `
SELECT body, method, count(*)
FROM elections
WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
  AND body IN ('村党组织', '村民委员会', '村务监督委员会', '社区党组织', '居民委员会')
  AND trim(coalesce(method, '')) <> ''
GROUP BY ALL
ORDER BY ALL`

// recountMembersSQL counts, per body, the members with 高中, 中专 or a higher 学历 and those whose 学历 is
// known, and per 职务 the holders and the women among them.
const recountMembersSQL = `
SELECT body, position, count(*) AS holders, count(*) FILTER (WHERE gender = '女') AS women,
       sum(count(*) FILTER (WHERE education IN ('研究生', '大学本科', '大学专科', '中专', '高中'))) OVER (PARTITION BY body) AS high,
       sum(count(*) FILTER (WHERE coalesce(education, '') <> '')) OVER (PARTITION BY body) AS education_known
FROM members
WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
  AND body IN ('村党组织', '村民委员会', '村务监督委员会', '社区党组织', '居民委员会')
GROUP BY body, position
ORDER BY body, position`

type familyRecount struct {
	heads, base, reelected       int
	units, answered, firstRounds int
	fullUnits                    sql.NullInt64
	repFull                      int
	valid, invalid               sql.NullInt64
	validUnits, invalidUnits     int
	term                         sql.NullInt64
	methods                      map[string]int
	holders, women               map[string]int
	high, educationKnown         int
	// prevWomen are the women per 职务 of the previous term (nil when the body had nobody then).
	prevWomen map[string]int
}

// TestDemoDraftsRecountFamilies recounts the figures issue 10's metric families added to the demo drafts
// (county and township) with the SQL above and checks the model and the sentence the draft prints:
// the heads' 连任 over the heads whose unit had a head last term (named as that base), and 一次选举成功
// collapsed to 均一次选举成功 / 均未能一次选举成功 when it is all or none of the units.
func TestDemoDraftsRecountFamilies(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, township, _ := demoSummaries(t, db)
	checkFamiliesRecount(t, db, []*analytics.Summary{county, township})
}

// checkFamiliesRecount is TestDemoDraftsRecountFamilies' check of each summary's draft (county or
// township level) against the recount.
func checkFamiliesRecount(t *testing.T, db *sql.DB, summaries []*analytics.Summary) {
	t.Helper()
	for _, s := range summaries {
		where := fmt.Sprintf("%s %s", s.Level, s.Scope.Township)
		draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
		rc := recountFamilies(t, db, s)
		for _, b := range s.Bodies {
			r, ok := rc[string(b.Body)]
			if !ok {
				t.Errorf("%s: %s not recounted", where, b.Body)
				continue
			}
			at, head, noun := where+" "+string(b.Body), string(b.Body.Head()), UnitNoun(b.Body)
			h := b.Heads
			sameInt(t, at+" heads", h.Total.Current, r.heads)
			sameInt(t, at+" 连任 base", h.Reelected.Base, r.base)
			sameInt(t, at+" 连任", h.Reelected.Count.Current, r.reelected)
			sameInt(t, at+" 新任", h.New.Count.Current, r.base-r.reelected)
			var want string
			switch {
			case r.base == r.heads && r.reelected == r.base:
				want = "均为连任"
			case r.base == r.heads && r.reelected == 0:
				want = "均为新任"
			case r.base == r.heads:
				want = fmt.Sprintf("连任%s%d人，占%s总数的%s，新任%s%d人", head, r.reelected, head,
					Pct(analytics.Known(electsumShare(r.reelected, r.base))), head, r.base-r.reelected)
			default:
				want = fmt.Sprintf("所在%s上届也有%s的%d人中，", noun, head, r.base)
			}
			if r.heads > 1 && !strings.Contains(draft, want) {
				t.Errorf("%s: the draft does not print %q", at, want)
			}

			fr := b.Seats.FirstRound
			lead := fmt.Sprintf("%d个%s完成%s%s换届选举", r.units, noun, builtinWords.Term(int(r.term.Int64)), b.Body)
			if r.answered == 0 {
				// nobody answered: no figure, and the sentence ends with the elections
				if fr.Count.Current.OK {
					t.Errorf("%s: 一次选举成功 = %v where no unit answered", at, fr.Count.Current.V)
				}
				if !strings.Contains(draft, lead+"。") {
					t.Errorf("%s: the draft does not print %q", at, lead+"。")
				}
				checkFamilies(t, at, draft, b, r, noun)
				continue
			}
			sameInt(t, at+" 一次选举成功", fr.Count.Current, r.firstRounds)
			sameInt(t, at+" 一次选举成功 answered", fr.Base, r.answered)
			lead += "，"
			who := ""
			if r.answered < r.units {
				who = fmt.Sprintf("填报了是否一次选举成功的%d个%s", r.answered, noun)
			}
			all := ""
			if r.answered > 1 {
				all = "均"
			}
			switch {
			case r.firstRounds == r.answered:
				want = lead + who + all + "一次选举成功"
			case r.firstRounds == 0:
				want = lead + who + all + "未能一次选举成功"
			case r.answered < r.units:
				want = lead + fmt.Sprintf("在填报了是否一次选举成功的%d个%s中，%d个%s一次选举成功", r.answered, noun, r.firstRounds, noun)
			default:
				want = lead + fmt.Sprintf("其中%d个%s一次选举成功", r.firstRounds, noun)
			}
			if !strings.Contains(draft, want) {
				t.Errorf("%s: the draft does not print %q", at, want)
			}
			if strings.Contains(draft, "其中0个") || strings.Contains(draft, "一次选举成功，占100.0%") {
				t.Errorf("%s: the draft prints a zero or whole 一次选举成功 clause", at)
			}
			checkFamilies(t, at, draft, b, r, noun)
		}
	}
}

// electsumShare is 100 × part ÷ whole rounded half up to one decimal, in integers.
func electsumShare(part, whole int) float64 {
	return float64((2000*part+whole)/(2*whole)) / 10
}

func recountFamilies(t *testing.T, db *sql.DB, s *analytics.Summary) map[string]familyRecount {
	t.Helper()
	out := map[string]familyRecount{}
	scan := func(q string, args []any, f func(*sql.Rows) error) {
		rows, err := db.Query(q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := f(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	sc := s.Scope
	scan(recountHeadsSQL, []any{s.Year, sc.County, sc.Township, sc.Unit, s.PreviousYear}, func(rows *sql.Rows) error {
		var body string
		var heads, base, re int
		if err := rows.Scan(&body, &heads, &base, &re); err != nil {
			return err
		}
		r := out[body]
		r.heads, r.base, r.reelected = heads, base, re
		out[body] = r
		return nil
	})
	scan(recountElectionsSQL, []any{s.Year, sc.County, sc.Township, sc.Unit}, func(rows *sql.Rows) error {
		var body string
		var r familyRecount
		if err := rows.Scan(&body, &r.fullUnits, &r.repFull, &r.valid, &r.validUnits, &r.invalid, &r.invalidUnits, &r.term); err != nil {
			return err
		}
		o := out[body]
		o.repFull = r.repFull
		o.fullUnits, o.valid, o.validUnits, o.invalid, o.invalidUnits, o.term = r.fullUnits, r.valid, r.validUnits, r.invalid, r.invalidUnits, r.term
		out[body] = o
		return nil
	})
	scan(recountMethodsSQL, []any{s.Year, sc.County, sc.Township, sc.Unit}, func(rows *sql.Rows) error {
		var body, method string
		var n int
		if err := rows.Scan(&body, &method, &n); err != nil {
			return err
		}
		o := out[body]
		if o.methods == nil {
			o.methods = map[string]int{}
		}
		o.methods[method] = n
		out[body] = o
		return nil
	})
	scan(recountMembersSQL, []any{s.Year, sc.County, sc.Township, sc.Unit}, func(rows *sql.Rows) error {
		var body, position string
		var holders, women, high, known int
		if err := rows.Scan(&body, &position, &holders, &women, &high, &known); err != nil {
			return err
		}
		o := out[body]
		if o.holders == nil {
			o.holders, o.women = map[string]int{}, map[string]int{}
		}
		o.holders[position], o.women[position], o.high, o.educationKnown = holders, women, high, known
		out[body] = o
		return nil
	})
	if s.PreviousYear != 0 {
		scan(recountMembersSQL, []any{s.PreviousYear, sc.County, sc.Township, sc.Unit}, func(rows *sql.Rows) error {
			var body, position string
			var holders, women, high, known int
			if err := rows.Scan(&body, &position, &holders, &women, &high, &known); err != nil {
				return err
			}
			o := out[body]
			if o.prevWomen == nil {
				o.prevWomen = map[string]int{}
			}
			o.prevWomen[position] = women
			out[body] = o
			return nil
		})
	}
	scan(recountFirstRoundSQL, []any{s.Year, sc.County, sc.Township, sc.Unit}, func(rows *sql.Rows) error {
		var body string
		var units, answered, ok int
		if err := rows.Scan(&body, &units, &answered, &ok); err != nil {
			return err
		}
		r := out[body]
		r.units, r.answered, r.firstRounds = units, answered, ok
		out[body] = r
		return nil
	})
	return out
}

// checkFamilies checks the model and the draft against the recount of the metric families of issue 10
// item 3: 100% 到会 of party units, 有效票/无效票 with the units that gave them, 届次, 选举方式, 高中（中专）
// 以上 and the members by 职务 with the women among 副职.
func checkFamilies(t *testing.T, at, draft string, b analytics.BodySummary, r familyRecount, noun string) {
	t.Helper()
	p := b.Participation
	sameNull(t, at+" 100%", p.FullTurnout.Current, nullOf(r.fullUnits))
	if p.Representatives.Units.Current.OK {
		sameInt(t, at+" 村民代表全部到会", p.Representatives.Full.Current, r.repFull)
		if want := fmt.Sprintf("%d个%s的村民代表全部到会", r.repFull, noun); r.repFull > 0 && !strings.Contains(draft, want) {
			t.Errorf("%s: the draft does not print %q", at, want)
		}
	}
	if b.Body.Party() && r.fullUnits.Int64 > 0 {
		want := fmt.Sprintf("%d个%s党员到会率达100%%", r.fullUnits.Int64, noun)
		if !strings.Contains(draft, want) {
			t.Errorf("%s: the draft does not print %q", at, want)
		}
	}
	sameNull(t, at+" 有效票", p.ValidBallots.Current, nullOf(r.valid))
	sameNull(t, at+" 无效票", p.InvalidBallots.Current, nullOf(r.invalid))
	if r.valid.Valid {
		sameInt(t, at+" 有效票 units", p.ValidUnits, r.validUnits)
		want := fmt.Sprintf("有效选票%d张", r.valid.Int64)
		if r.invalid.Valid && r.invalid.Int64 > 0 && r.invalidUnits == r.validUnits {
			want += fmt.Sprintf("、无效选票%d张", r.invalid.Int64)
		}
		if r.validUnits < r.units {
			want += fmt.Sprintf("（%d个%s填报）", r.validUnits, noun)
		}
		if !strings.Contains(draft, want) {
			t.Errorf("%s: the draft does not print %q", at, want)
		}
	}
	sameNull(t, at+" 届次", p.Term, nullOf(r.term))
	if !r.term.Valid && strings.Contains(draft, "届"+string(b.Body)) {
		t.Errorf("%s: a 届次 printed where the units do not all give the same one", at)
	}
	named := 0
	for _, m := range b.Methods {
		if m.Count.Current.OK && m.Count.Current.Int() > 0 {
			sameInt(t, at+" 选举方式 "+m.Label, m.Count.Current, r.methods[m.Label])
			named += r.methods[m.Label]
		}
	}
	if len(r.methods) != 0 && named == r.units && len(r.methods) > 1 {
		for label, n := range r.methods {
			want := fmt.Sprintf("%s%d个%s，占", label, n, noun)
			if !strings.Contains(draft, want) {
				t.Errorf("%s: the draft does not print %q", at, want)
			}
		}
	}
	h := b.Members.HighSchoolUp
	sameInt(t, at+" 高中（中专）以上", h.Count.Current, r.high)
	sameInt(t, at+" 学历 known", h.Base, r.educationKnown)
	want := fmt.Sprintf("高中（中专）以上%d人", r.high)
	if r.high == b.Members.Total.Current.Int() {
		want = "均为高中（中专）以上学历"
	}
	if r.high > 0 && !strings.Contains(draft, want) {
		t.Errorf("%s: the draft does not print %q", at, want)
	}
	for i, pos := range b.Members.Positions {
		if !pos.Count.Current.OK || pos.Count.Current.Int() == 0 {
			continue
		}
		sameInt(t, at+" "+pos.Label, pos.Count.Current, r.holders[pos.Label])
		sameInt(t, at+" 女"+pos.Label, b.Members.WomenPositions[i].Count.Current, r.women[pos.Label])
		if b.Members.WomenPositions[i].Label != pos.Label {
			t.Errorf("%s: women by 职务 out of step: %s beside %s", at, b.Members.WomenPositions[i].Label, pos.Label)
		}
		if pos.Label == string(b.Body.Head()) {
			continue
		}
		want := fmt.Sprintf("%s%d人", pos.Label, r.holders[pos.Label])
		women := r.women[pos.Label]
		if deputy := pos.Label == "副书记" || pos.Label == "副主任"; deputy && r.prevWomen != nil {
			// the change of the women among 副职 vs the previous term (其中女性副主任27人，比上届增加3人)
			prev := r.prevWomen[pos.Label]
			sameInt(t, at+" 女"+pos.Label+" 上届", b.Members.WomenPositions[i].Count.Previous, prev)
			change := "与上届持平"
			if women > prev {
				change = fmt.Sprintf("比上届增加%d人", women-prev)
			} else if women < prev {
				change = fmt.Sprintf("比上届减少%d人", prev-women)
			}
			if women > 0 {
				want += fmt.Sprintf("（其中女性%s%d人，%s）", pos.Label, women, change)
			} else if prev > 0 {
				want += fmt.Sprintf("（其中没有女性%s，%s）", pos.Label, change)
			}
		} else if deputy && women > 0 {
			want += fmt.Sprintf("（其中女性%d人）", women)
		}
		if !strings.Contains(draft, want) {
			t.Errorf("%s: the draft does not print %q", at, want)
		}
	}
}

// TestDemoHeadsAgeBandsRecount recounts the heads' age bands the 书记/主任 sentence prints (issue 10's
// metric family 书记/主任 age bands) with SQL over the default bands written out, for the demo county
// and its first township, and checks the model and the draft's clause.
func TestDemoHeadsAgeBandsRecount(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, township, _ := demoSummaries(t, db)
	labels := []string{"35岁及以下", "36—45岁", "46—55岁", "56岁及以上"}
	for _, s := range []*analytics.Summary{county, township} {
		draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
		for _, b := range s.Bodies {
			if b.Heads.Total.Current.V < 2 {
				continue
			}
			var bands [4]int
			if err := db.QueryRow(`
SELECT count(*) FILTER (WHERE age_at_election <= 35), count(*) FILTER (WHERE age_at_election BETWEEN 36 AND 45),
       count(*) FILTER (WHERE age_at_election BETWEEN 46 AND 55), count(*) FILTER (WHERE age_at_election >= 56)
FROM v_members
WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND body = $4 AND is_head`,
				s.Year, s.Scope.County, s.Scope.Township, string(b.Body)).Scan(&bands[0], &bands[1], &bands[2], &bands[3]); err != nil {
				t.Fatal(err)
			}
			at := fmt.Sprintf("%s %s %s", s.Level, s.Scope.Township, b.Body)
			if len(b.Heads.AgeBands) != len(labels) {
				t.Fatalf("%s: heads' age bands %+v", at, b.Heads.AgeBands)
			}
			for i, p := range b.Heads.AgeBands {
				if p.Label != labels[i] {
					t.Fatalf("%s: band %d is %q, want %q", at, i, p.Label, labels[i])
				}
				sameInt(t, at+" "+p.Label, p.Count.Current, bands[i])
				if bands[i] > 0 && !strings.Contains(draft, fmt.Sprintf("%s%d人", labels[i], bands[i])) {
					t.Errorf("%s: the draft lacks %s%d人", at, labels[i], bands[i])
				}
			}
		}
	}
}
