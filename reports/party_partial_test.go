package reports

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// recountPartyStructureSQL recounts, per party body of year $1 in county $2 and township $3 (” = all),
// those elected and each 构成 group with the persons whose column was filled: 民族 (other than 汉族),
// 学历 (大专及以上), 连任, 代表构成 (per category) and the age (45岁及以下 at the election: the 身份证号's
// birthday, else 出生年月, else the written 年龄, at the election's date, else 31 December). Written here,
// sharing nothing with analytics' macros.
const recountPartyStructureSQL = `
WITH m AS (
    SELECT m.*, coalesce(e.election_date, make_date(m.year, 12, 31)) AS d,
           coalesce(try_strptime(substr(m.id_number, 7, 8), '%Y%m%d')::DATE, m.birth) AS born
    FROM members m
    LEFT JOIN elections e USING (county, township, unit, year, body)
    WHERE m.year = $1 AND ($2 = '' OR m.county = $2) AND ($3 = '' OR m.township = $3)
      AND m.body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表', '社区党组织')
), aged AS (
    SELECT *, CASE WHEN born IS NOT NULL
                   THEN year(d) - year(born) - CASE WHEN month(d) * 100 + day(d) < month(born) * 100 + day(born) THEN 1 ELSE 0 END
                   ELSE age END AS years
    FROM m
)
SELECT body, count(*),
       count(ethnicity), count(*) FILTER (WHERE ethnicity <> '汉族'),
       count(education), count(*) FILTER (WHERE education IN ('研究生', '大学本科', '大学专科')),
       count(years), count(*) FILTER (WHERE years <= 45),
       count(reelected), count(*) FILTER (WHERE reelected),
       count(category),
       count(*) FILTER (WHERE category = '工人'), count(*) FILTER (WHERE category = '农民'),
       count(*) FILTER (WHERE category = '专业技术人员'), count(*) FILTER (WHERE category = '干部'),
       count(*) FILTER (WHERE category = '其他')
FROM aged
GROUP BY body`

type partyStructureRecount struct {
	members                 int
	ethnicity, minorities   int
	education, college      int
	ageKnown, under46       int
	reelectedKnown, reelect int
	categoryKnown           int
	categories              [5]int
}

// TestPartyDraftsNameTheBaseOfPartialShares blanks 民族, 学历, the age, 连任 and 代表构成 of some of those
// elected to the party bodies of a generated county, recounts each 构成 group with the SQL above, and
// checks the 党代会 and 社区党组织 drafts (county and a township): a group over those who filled its
// column, when some did not, names that base with its share (少数民族22名（在填报民族的146名中占15.1%）),
// as the annex does (少数民族(填报146名)占比); a group over everyone is its count and share of those
// elected. On the old template the partial groups were bare counts (少数民族22名), their base unsaid.
func TestPartyDraftsNameTheBaseOfPartialShares(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	for _, q := range []string{
		`UPDATE members SET ethnicity = NULL WHERE body IN ('社区党组织', '乡镇党委') AND hash(name) % 4 = 1`,
		`UPDATE members SET education = NULL WHERE body IN ('社区党组织', '乡镇纪委') AND hash(name) % 5 = 2`,
		`UPDATE members SET birth = NULL, age = NULL, id_number = NULL WHERE body IN ('出席上级党代会代表', '社区党组织') AND hash(name) % 6 = 3`,
		`UPDATE members SET reelected = NULL WHERE body IN ('乡镇党委', '出席上级党代会代表') AND hash(name) % 4 = 2`,
		`UPDATE members SET category = NULL WHERE body = '出席上级党代会代表' AND hash(name) % 3 = 0`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	county := summarizePartyCongress(t, db, analytics.Scope{Year: 2024})
	township := county.Meetings[0].Township
	models := []*analytics.PartyCongress{county, summarizePartyCongress(t, db, analytics.Scope{Year: 2024, Township: township}),
		summarizeCommunityParty(t, db, analytics.Scope{Year: 2024}), nil}
	models[3] = summarizeCommunityParty(t, db, analytics.Scope{Year: 2024, Township: models[2].Meetings[0].Township})
	partials := checkPartyStructureDrafts(t, db, models)
	if partials < 8 {
		t.Errorf("only %d partial groups: the test's blanks did not make enough columns partial", partials)
	}
}

// checkPartyStructureDrafts recounts the 构成 of each party body of each model (党代会 or 社区党组织, of
// its scope) with recountPartyStructureSQL and checks the model and its draft: a group over everyone is
// its count and share of those elected, a group over those who filled its column, when some did not,
// names that base. It returns how many partial groups it checked.
func checkPartyStructureDrafts(t *testing.T, db *sql.DB, models []*analytics.PartyCongress) int {
	t.Helper()
	partials := 0
	for _, p := range models {
		v := NewPartyCongressView(p, Config{})
		draft := string(draftBytes(t, v, Hans, "md"))
		rc := recountPartyStructure(t, db, p.Scope)
		for _, s := range v.Bodies {
			at := fmt.Sprintf("%s %s %s", p.Kind, p.Scope.Township, s.B.Body)
			r, ok := rc[string(s.B.Body)]
			if !ok {
				t.Errorf("%s: not recounted", at)
				continue
			}
			m := s.B.Members
			sameInt(t, at+" members", m.Total.Current, r.members)
			lead := fmt.Sprintf("在新当选的%d名%s中，", r.members, s.Noun)
			i := strings.Index(draft, lead)
			if i < 0 {
				t.Errorf("%s: the draft lacks %q", at, lead)
				continue
			}
			para := draft[i:]
			para = para[:strings.IndexByte(para, '\n')]
			check := func(what string, got analytics.Part, n, known int, label, base string) {
				t.Helper()
				if known == 0 {
					return
				}
				sameInt(t, at+" "+what, got.Count.Current, n)
				sameInt(t, at+" "+what+" base", got.Base, known)
				if n == 0 {
					return
				}
				share := Pct(analytics.Known(electsumShare(n, known)))
				want := fmt.Sprintf("%s%d名，占%s", label, n, share)
				if known < r.members {
					partials++
					want = fmt.Sprintf("%s%d名（在%s的%d名中占%s）", label, n, base, known, share)
				}
				if !strings.Contains(para, want) {
					t.Errorf("%s: the draft does not print %q in\n%s", at, want, para)
				}
			}
			check("少数民族", m.Minorities, r.minorities, r.ethnicity, "少数民族", "填报民族")
			check("大专及以上", m.College, r.college, r.education, "大专及以上文化程度的", "填报学历")
			check("45岁及以下", m.Under46, r.under46, r.ageKnown, "45岁及以下的", "年龄已知")
			check("连任", m.Reelected, r.reelect, r.reelectedKnown, "连任", "填报是否连任")
			if r.ageKnown > 0 && r.ageKnown < r.members && !strings.Contains(para, fmt.Sprintf("年龄已知的%d名平均年龄", r.ageKnown)) {
				t.Errorf("%s: the average age does not name its base %d in\n%s", at, r.ageKnown, para)
			}
			if r.categoryKnown == 0 {
				if strings.Contains(para, "按代表构成分") {
					t.Errorf("%s: 代表构成 printed where nobody filled it", at)
				}
				continue
			}
			lead = "。按代表构成分，"
			if r.categoryKnown < r.members {
				partials++
				lead = fmt.Sprintf("。在填报代表构成的%d名中，按代表构成分，", r.categoryKnown)
			}
			var groups []string
			for k, label := range []string{"工人", "农民", "专业技术人员", "干部", "其他"} {
				sameInt(t, at+" "+label, m.Categories[k].Count.Current, r.categories[k])
				if n := r.categories[k]; n > 0 {
					groups = append(groups, fmt.Sprintf("%s%d名，占%s", label, n, Pct(analytics.Known(electsumShare(n, r.categoryKnown)))))
				}
			}
			if want := lead + strings.Join(groups, "；") + "。"; !strings.Contains(para, want) {
				t.Errorf("%s: the draft does not print %q in\n%s", at, want, para)
			}
		}
	}
	return partials
}

func recountPartyStructure(t *testing.T, db *sql.DB, s analytics.Scope) map[string]partyStructureRecount {
	t.Helper()
	rows, err := db.Query(recountPartyStructureSQL, s.Year, s.County, s.Township)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]partyStructureRecount{}
	for rows.Next() {
		var body string
		var r partyStructureRecount
		c := &r.categories
		if err := rows.Scan(&body, &r.members, &r.ethnicity, &r.minorities, &r.education, &r.college, &r.ageKnown, &r.under46,
			&r.reelectedKnown, &r.reelect, &r.categoryKnown, &c[0], &c[1], &c[2], &c[3], &c[4]); err != nil {
			t.Fatal(err)
		}
		out[body] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
