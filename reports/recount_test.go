package reports

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// recountSQL recounts a scope's figures per body straight from the elections and members tables, in
// SQL written here and sharing nothing with analytics' views and macros: sums and counts, shares and
// averages rounded half up to one decimal in integers, the age in 周岁 at the election date (the
// 身份证号's birthday when it agrees with 出生年月, else 出生年月, else the age written) by date_sub,
// and the head as the 书记 of a party body or the 主任 of a committee. A 村务监督委员会 whose 选举方式 is
// 村民代表会议推选 counts apart (rep_*: its 应到/实到村民代表 and their 到会率), never among the voters.
// $1 year, $2 county, $3 township and $4 unit (” means all).
const recountSQL = `
WITH e AS (
    SELECT * FROM elections
    WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
      AND body NOT LIKE '%代表%' AND body NOT IN ('乡镇党委', '乡镇纪委')
), m AS (
    SELECT m.*,
           CASE WHEN length(m.id_number) = 18 THEN try_strptime(substr(m.id_number, 7, 8), '%Y%m%d')::DATE END AS id_date,
           coalesce(e.election_date, make_date(m.year, 12, 31)) AS on_date
    FROM members m
    LEFT JOIN elections e USING (county, township, unit, year, body)
    WHERE m.year = $1 AND m.county = $2 AND ($3 = '' OR m.township = $3) AND ($4 = '' OR m.unit = $4)
      AND m.body NOT LIKE '%代表%' AND m.body NOT IN ('乡镇党委', '乡镇纪委')
), aged AS (
    SELECT *,
           coalesce(date_sub('year',
                             CASE WHEN id_date IS NOT NULL AND (birth IS NULL OR strftime(id_date, '%Y%m') = strftime(birth, '%Y%m'))
                                  THEN id_date ELSE birth END,
                             on_date),
                    age) AS years,
           (body LIKE '%党%' AND position = '书记') OR (body LIKE '%委员会' AND position = '主任') AS head
    FROM m
), people AS (
    SELECT body, count(*) AS members,
           count(*) FILTER (WHERE gender = '女') AS women,
           count(*) FILTER (WHERE party IN ('中共党员', '中共预备党员')) AS party,
           count(*) FILTER (WHERE party <> '') AS party_known,
           count(*) FILTER (WHERE head) AS heads,
           sum(years) AS age_sum, count(years) AS age_known
    FROM aged GROUP BY body
), votes AS (
    SELECT body, count(*) AS units,
           sum(registered) FILTER (WHERE NOT reps) AS registered, sum(voted) FILTER (WHERE NOT reps) AS voted,
           sum(voted) FILTER (WHERE registered IS NOT NULL AND NOT reps) AS t_voted,
           sum(registered) FILTER (WHERE voted IS NOT NULL AND NOT reps) AS t_registered,
           count(*) FILTER (WHERE reps) AS rep_units,
           sum(registered) FILTER (WHERE reps) AS rep_registered, sum(voted) FILTER (WHERE reps) AS rep_voted,
           sum(seats) AS seats, sum(candidates) AS candidates, sum(elected) AS elected
    FROM (SELECT *, body = '村务监督委员会' AND coalesce(method, '') = '村民代表会议推选' AS reps FROM e) GROUP BY body
)
SELECT body, units, registered, voted,
       CASE WHEN t_registered > 0 THEN ((2000 * t_voted + t_registered) // (2 * t_registered)) / 10 END AS turnout,
       rep_units, rep_registered, rep_voted,
       CASE WHEN rep_registered > 0 THEN ((2000 * rep_voted + rep_registered) // (2 * rep_registered)) / 10 END AS rep_rate,
       seats, candidates, elected,
       coalesce(members, 0), coalesce(women, 0),
       CASE WHEN members > 0 THEN ((2000 * women + members) // (2 * members)) / 10 END AS women_share,
       coalesce(party, 0),
       CASE WHEN party_known > 0 THEN ((2000 * party + party_known) // (2 * party_known)) / 10 END AS party_share,
       coalesce(heads, 0),
       CASE WHEN age_known > 0 THEN ((20 * age_sum + age_known) // (2 * age_known)) / 10 END AS average_age
FROM votes FULL JOIN people USING (body)
ORDER BY body`

// recountTwoSQL recounts the 两委 of a scope: per kind (村: 村党组织 + 村民委员会, 社区: 社区党组织 +
// 居民委员会), 职数, the people on both bodies (the same 身份证号, or without one the same name in the unit)
// and the units whose 书记 is the 主任. Parameters as recountSQL.
const recountTwoSQL = `
WITH m AS (
    SELECT *, CASE WHEN body LIKE '村%' THEN '村' ELSE '社区' END AS kind
    FROM members
    WHERE year = $1 AND county = $2 AND ($3 = '' OR township = $3) AND ($4 = '' OR unit = $4)
      AND body IN ('村党组织', '村民委员会', '社区党组织', '居民委员会')
), both_bodies AS (
    SELECT p.kind, p.township, p.unit, p.position AS party_position, c.position AS committee_position
    FROM m p JOIN m c
      ON p.kind = c.kind AND p.township = c.township AND p.unit = c.unit
     AND p.body LIKE '%党组织' AND c.body LIKE '%委员会'
     AND (p.id_number = c.id_number OR ((p.id_number IS NULL OR c.id_number IS NULL) AND p.name = c.name))
)
SELECT kind,
       (SELECT count(*) FROM m WHERE m.kind = k.kind) AS positions,
       (SELECT count(*) FROM both_bodies b WHERE b.kind = k.kind) AS cross_persons,
       (SELECT count(DISTINCT township || '/' || unit) FROM both_bodies b
        WHERE b.kind = k.kind AND party_position = '书记' AND committee_position = '主任') AS one_shoulder
FROM (SELECT DISTINCT kind FROM m) k
ORDER BY kind`

type recounted struct {
	body                                 string
	units                                int
	registered, voted                    sql.NullInt64
	turnout                              sql.NullFloat64
	repUnits                             sql.NullInt64
	repRegistered, repVoted              sql.NullInt64
	repRate                              sql.NullFloat64
	seats, candidates, elected           sql.NullInt64
	members, women, party, heads         int
	womenShare, partyShare, averageAge   sql.NullFloat64
	kind                                 string
	positions, crossPersons, oneShoulder int
}

// TestDemoDraftsRecount recounts, at county, township and unit level, the figures the demo drafts
// print (the TestGoldenDemoData drafts: 示例县, its first township, that township's first unit) with the
// SQL above, for this term and the previous one, and checks that the model holds them and that the
// draft prints them: units, 登记选民/参加投票 (应到/实到), 参选率 (到会率), 应选/候选/当选, members, women and
// their share, party members and their share, heads, average age, and the 两委's 职数, 交叉任职 and 一肩挑.
func TestDemoDraftsRecount(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, township, unit := demoSummaries(t, db)
	checkDraftsRecount(t, db, []*analytics.Summary{county, township, unit})
}

// checkDraftsRecount is TestDemoDraftsRecount's check of each summary's draft against the recount of
// its year and previous year (which each must have).
func checkDraftsRecount(t *testing.T, db *sql.DB, summaries []*analytics.Summary) {
	t.Helper()
	for _, s := range summaries {
		where := fmt.Sprintf("%s %s%s", s.Level, s.Scope.Township, s.Scope.Unit)
		if s.PreviousYear == 0 {
			t.Fatalf("%s: no previous year", where)
		}
		draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
		cur := recountScope(t, db, s.Year, s.Scope)
		prev := recountScope(t, db, s.PreviousYear, s.Scope)
		if len(cur) != len(s.Bodies) {
			t.Errorf("%s: %d bodies, recount %d", where, len(s.Bodies), len(cur))
		}
		for _, b := range s.Bodies {
			r, ok := cur[string(b.Body)]
			if !ok {
				t.Errorf("%s: %s not in the recount", where, b.Body)
				continue
			}
			at := where + " " + string(b.Body)
			compareRecount(t, at, b, r, func(f analytics.Figure) analytics.Value { return f.Current })
			if p, ok := prev[string(b.Body)]; ok {
				compareRecount(t, at+" 上届", b, p, func(f analytics.Figure) analytics.Value { return f.Previous })
			}
			// What the draft prints of them.
			rate := "参选率"
			var want []string
			if r.registered.Valid {
				want = append(want, fmt.Sprintf("登记选民%d人，参加投票%d人", r.registered.Int64, r.voted.Int64))
			}
			if b.Body.Party() {
				rate = "到会率"
				want = []string{fmt.Sprintf("应到会党员%d人，实到%d人", r.registered.Int64, r.voted.Int64)}
			}
			if r.turnout.Valid {
				want = append(want, fmt.Sprintf("%s为%.1f%%", rate, r.turnout.Float64))
			}
			if r.repUnits.Int64 > 0 {
				want = append(want, fmt.Sprintf("应到会村民代表%d人，实到会%d人，到会率为%.1f%%", r.repRegistered.Int64, r.repVoted.Int64, r.repRate.Float64))
			}
			want = append(want,
				fmt.Sprintf("%s成员%d人", b.Body, r.members),
				fmt.Sprintf("平均年龄%.1f岁", r.averageAge.Float64))
			if r.women > 0 {
				want = append(want, fmt.Sprintf("女性%d人，占%.1f%%", r.women, r.womenShare.Float64))
			} else {
				want = append(want, "没有女性成员")
			}
			if s.Level != analytics.LevelUnit && r.heads > 1 {
				want = append(want, fmt.Sprintf("%d名%s中", r.heads, b.Body.Head()))
			}
			for _, w := range want {
				if !strings.Contains(draft, w) {
					t.Errorf("%s: the draft does not print %q", at, w)
				}
			}
		}
		two := recountTwo(t, db, s.Year, s.Scope)
		prevTwo := recountTwo(t, db, s.PreviousYear, s.Scope)
		if len(two) != len(s.TwoCommittees) {
			t.Errorf("%s: %d 两委, recount %d", where, len(s.TwoCommittees), len(two))
		}
		for _, tc := range s.TwoCommittees {
			at := where + " " + tc.Kind + "两委"
			for i, r := range []recounted{two[tc.Kind], prevTwo[tc.Kind]} {
				pick := func(f analytics.Figure) analytics.Value { return f.Current }
				if i == 1 {
					pick = func(f analytics.Figure) analytics.Value { return f.Previous }
					at += " 上届"
				}
				sameInt(t, at+" 职数", pick(tc.Positions), r.positions)
				sameInt(t, at+" 交叉任职", pick(tc.CrossPersons.Count), r.crossPersons)
				sameInt(t, at+" 人数", pick(tc.Persons.Total), r.positions-r.crossPersons)
				sameInt(t, at+" 一肩挑", pick(tc.OneShoulder.Count), r.oneShoulder)
			}
		}
	}
}

func recountScope(t *testing.T, db *sql.DB, year int, s analytics.Scope) map[string]recounted {
	return queryRecount(t, db, recountSQL, year, s, func(rows *sql.Rows, r *recounted) error {
		return rows.Scan(&r.body, &r.units, &r.registered, &r.voted, &r.turnout, &r.repUnits, &r.repRegistered, &r.repVoted, &r.repRate,
			&r.seats, &r.candidates, &r.elected,
			&r.members, &r.women, &r.womenShare, &r.party, &r.partyShare, &r.heads, &r.averageAge)
	})
}

func recountTwo(t *testing.T, db *sql.DB, year int, s analytics.Scope) map[string]recounted {
	return queryRecount(t, db, recountTwoSQL, year, s, func(rows *sql.Rows, r *recounted) error {
		return rows.Scan(&r.kind, &r.positions, &r.crossPersons, &r.oneShoulder)
	})
}

// queryRecount runs a recount query for the year and scope and keys its rows by body (or kind).
func queryRecount(t *testing.T, db *sql.DB, q string, year int, s analytics.Scope, scan func(*sql.Rows, *recounted) error) map[string]recounted {
	t.Helper()
	rows, err := db.Query(q, year, s.County, s.Township, s.Unit)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]recounted{}
	for rows.Next() {
		var r recounted
		if err := scan(rows, &r); err != nil {
			t.Fatal(err)
		}
		key := r.body
		if key == "" {
			key = r.kind
		}
		out[key] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameInt(t *testing.T, what string, got analytics.Value, want int) {
	t.Helper()
	if !got.OK || got.Int() != want {
		t.Errorf("%s = %v (ok %v), recount %d", what, got.V, got.OK, want)
	}
}

func sameNull(t *testing.T, what string, got analytics.Value, want sql.NullFloat64) {
	t.Helper()
	if got.OK != want.Valid || (want.Valid && got.V != want.Float64) {
		t.Errorf("%s = %v (ok %v), recount %v (ok %v)", what, got.V, got.OK, want.Float64, want.Valid)
	}
}

func nullOf(n sql.NullInt64) sql.NullFloat64 {
	return sql.NullFloat64{Float64: float64(n.Int64), Valid: n.Valid}
}

func compareRecount(t *testing.T, at string, b analytics.BodySummary, r recounted, pick func(analytics.Figure) analytics.Value) {
	t.Helper()
	p := b.Participation
	sameInt(t, at+" units", pick(p.Units), r.units)
	sameNull(t, at+" registered", pick(p.Registered), nullOf(r.registered))
	sameNull(t, at+" voted", pick(p.Voted), nullOf(r.voted))
	sameNull(t, at+" turnout", pick(p.Turnout), r.turnout)
	if r.repUnits.Int64 > 0 {
		sameInt(t, at+" 村民代表会议", pick(p.Representatives.Units), int(r.repUnits.Int64))
	} else {
		sameNull(t, at+" 村民代表会议", pick(p.Representatives.Units), sql.NullFloat64{})
	}
	sameNull(t, at+" 应到村民代表", pick(p.Representatives.Due), nullOf(r.repRegistered))
	sameNull(t, at+" 实到村民代表", pick(p.Representatives.Present), nullOf(r.repVoted))
	sameNull(t, at+" 村民代表到会率", pick(p.Representatives.Rate), r.repRate)
	sameNull(t, at+" seats", pick(b.Seats.Seats), nullOf(r.seats))
	sameNull(t, at+" candidates", pick(b.Seats.Candidates), nullOf(r.candidates))
	sameNull(t, at+" elected", pick(b.Seats.Elected), nullOf(r.elected))
	sameInt(t, at+" members", pick(b.Members.Total), r.members)
	sameInt(t, at+" women", pick(b.Members.Women.Count), r.women)
	sameNull(t, at+" women share", pick(b.Members.Women.Share), r.womenShare)
	if r.partyShare.Valid {
		sameInt(t, at+" party members", pick(b.Members.PartyMembers.Count), r.party)
	}
	sameNull(t, at+" party share", pick(b.Members.PartyMembers.Share), r.partyShare)
	sameInt(t, at+" heads", pick(b.Heads.Total), r.heads)
	sameNull(t, at+" average age", pick(b.Members.AverageAge), r.averageAge)
}
