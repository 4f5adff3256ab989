package analytics_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"electsum"
	"electsum/analytics"
)

func TestCustomBandsAndBuckets(t *testing.T) {
	db := installed(t, "county.sql")
	opts := analytics.Options{
		AgeBands: []analytics.AgeBand{
			{Label: "30岁以下", Min: 18, Max: 29}, {Label: "30—39岁", Min: 30, Max: 39},
			{Label: "40—49岁", Min: 40, Max: 49}, {Label: "50岁及以上", Min: 50},
		},
		EducationBuckets: []analytics.EducationBucket{
			{Label: "本科及以上", Values: []string{"研究生", "大学本科"}},
			{Label: "大专", Values: []string{"大学专科"}},
			{Label: "中专", Values: []string{"中专"}},
			{Label: "高中", Values: []string{"高中"}},
			{Label: "初中及以下", Values: []string{"初中", "小学及以下"}},
		},
		Rounding: analytics.LargestRemainder,
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, opts)
	m := s.Body(analytics.VillagersCommittee).Members // ages 43 33 48 36 55 28; 专科 本科 高中 专科 初中 本科
	for i, n := range []int{1, 2, 2, 1} {
		checkPart(t, m.AgeBands[i].Label, m.AgeBands[i], n, []float64{16.7, 33.3, 33.3, 16.7}[i])
	}
	for i, n := range []int{2, 2, 0, 1, 1} {
		checkValue(t, m.Education[i].Label, m.Education[i].Count.Current, n)
	}
	// 2/6, 2/6, 0, 1/6, 1/6: half-up gives 33.3+33.3+16.7+16.7 = 100.0 too; the tenths must total 1000.
	total := 0.0
	for _, p := range m.Education {
		total += p.Share.Current.V
	}
	if int(total*10+0.5) != 1000 {
		t.Errorf("education shares total %.1f", total)
	}

	// The views group the same way once Install has put the same bands in the configuration tables,
	// and still after an Install without options (as ingest runs after every load).
	for _, installed := range []analytics.Options{opts, {}} {
		if err := analytics.Install(context.Background(), db, installed); err != nil {
			t.Fatal(err)
		}
		for _, band := range m.AgeBands {
			var n float64
			if err := db.QueryRow(`SELECT count(*) FROM v_members WHERE year = 2024 AND body = '村民委员会' AND age_band = ?`, band.Label).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != band.Count.Current.V {
				t.Errorf("v_members %s: %v, Summarize %v", band.Label, n, band.Count.Current.V)
			}
		}
	}
}

func TestLargestRemainderTotals100(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	half := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	lr := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{Rounding: analytics.LargestRemainder})
	sum := func(ps []analytics.Part) float64 {
		s := 0.0
		for _, p := range ps {
			s += p.Share.Current.V
		}
		return float64(int(s*10+0.5)) / 10
	}
	// 4/6, 1/6, 1/6: half-up 66.7 + 16.7 + 16.7 = 100.1; largest remainder 66.7 + 16.7 + 16.6.
	if got := sum(half.Body(analytics.VillagersCommittee).Members.Education); got != 100.1 {
		t.Errorf("half-up education total %.1f, want 100.1", got)
	}
	e := lr.Body(analytics.VillagersCommittee).Members.Education
	if got := sum(e); got != 100.0 || e[0].Share.Current.V != 66.7 || e[1].Share.Current.V != 16.7 || e[2].Share.Current.V != 16.6 {
		t.Errorf("largest remainder education %+v", e)
	}
}

func TestInvalidOptions(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	cases := map[string]analytics.Options{
		"overlap": {AgeBands: []analytics.AgeBand{{Label: "a", Min: 18, Max: 40}, {Label: "b", Min: 40}}},
		"gap":     {AgeBands: []analytics.AgeBand{{Label: "a", Min: 18, Max: 40}, {Label: "b", Min: 45}}},
		"closed":  {AgeBands: []analytics.AgeBand{{Label: "a", Min: 18, Max: 40}, {Label: "b", Min: 41, Max: 90}}},
		"late":    {AgeBands: []analytics.AgeBand{{Label: "a", Min: 25, Max: 40}, {Label: "b", Min: 41}}},
		"missing": {EducationBuckets: []analytics.EducationBucket{{Label: "x", Values: []string{"研究生", "大学本科", "大学专科", "中专", "高中", "初中"}}}},
		"twice": {EducationBuckets: []analytics.EducationBucket{{Label: "x", Values: []string{"研究生", "大学本科", "大学专科", "中专"}},
			{Label: "y", Values: []string{"中专", "高中", "初中", "小学及以下"}}}},
		"unknown":  {EducationBuckets: []analytics.EducationBucket{{Label: "x", Values: append([]string{"博士"}, electsum.Educations()...)}}},
		"rounding": {Rounding: "banker"},
	}
	for name, opts := range cases {
		_, err := analytics.Summarize(context.Background(), db, analytics.Scope{Year: 2024}, opts)
		var ce *analytics.ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%s: got %v, want *ConfigError", name, err)
			continue
		}
		if !strings.ContainsAny(ce.Message, "岁学取") {
			t.Errorf("%s: message %q is not the Chinese explanation", name, ce.Message)
		}
	}
	if err := analytics.DefaultOptions().Validate(); err != nil {
		t.Errorf("defaults invalid: %v", err)
	}
}

// TestZeroDenominators: zero registered voters and zero seats give no figure (JSON null), never NaN,
// Inf or 0; members without age or 是否连任 give no age or 连任 figures.
func TestZeroDenominators(t *testing.T) {
	db := fixtureDB(t, "zero.sql")
	s := summarize(t, db, analytics.Scope{County: "零县", Year: 2024}, analytics.Options{})
	vc := s.Body(analytics.VillagersCommittee)
	checkFigure(t, "registered", vc.Participation.Registered, 0, nil)
	checkFigure(t, "turnout", vc.Participation.Turnout, nil, nil)
	checkFigure(t, "full turnout", vc.Participation.FullTurnout, nil, nil)
	if vc.Participation.Lowest != nil {
		t.Errorf("lowest %+v", vc.Participation.Lowest)
	}
	checkFigure(t, "margin", vc.Seats.Margin, nil, nil)
	checkFigure(t, "average age", vc.Members.AverageAge, nil, nil)
	checkPart(t, "first age band", vc.Members.AgeBands[0], nil, nil)
	checkPart(t, "reelected", vc.Members.Reelected, nil, nil)
	checkPart(t, "women", vc.Members.Women, 1, 100.0)
	pb := s.Body(analytics.PartyBranch)
	checkFigure(t, "party registered (blank)", pb.Participation.Registered, nil, nil)
	checkFigure(t, "party turnout (blank)", pb.Participation.Turnout, nil, nil)
	checkValue(t, "row turnout", s.Elections[1].Turnout, nil)
	if s.PreviousYear != 0 || len(s.OnlyCurrent) != 0 {
		t.Errorf("previous year %d, only current %v", s.PreviousYear, s.OnlyCurrent)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "NaN") || strings.Contains(string(b), "Inf") {
		t.Errorf("JSON holds NaN or Inf")
	}
}

func TestScopesLevelsAndCompare(t *testing.T) {
	db := fixtureDB(t, "county.sql", "zero.sql")
	ctx := context.Background()
	years, err := analytics.Years(ctx, db)
	if err != nil || len(years) != 2 || years[0] != 2024 || years[1] != 2021 {
		t.Fatalf("years %v %v", years, err)
	}
	scopes, err := analytics.Scopes(ctx, db, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(scopes) != 3 || scopes[0].County != "清河县" || scopes[0].Township != "东镇" || scopes[2].County != "零县" {
		t.Errorf("scopes %+v", scopes)
	}

	all := summarize(t, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if all.Level != analytics.LevelAll || len(all.Breakdown) != 2 || all.Breakdown[0].Name != "清河县" {
		t.Errorf("all: level %s breakdown %d", all.Level, len(all.Breakdown))
	}
	town := summarize(t, db, analytics.Scope{County: "清河县", Township: "东镇", Year: 2024}, analytics.Options{})
	if town.Level != analytics.LevelTownship || len(town.Breakdown) != 2 || town.Breakdown[1].Name != "南村" {
		t.Errorf("township: level %s breakdown %+v", town.Level, town.Breakdown)
	}
	if len(town.OnlyCurrent) != 1 || town.OnlyCurrent[0].Unit != "南村" || len(town.OnlyPrevious) != 0 {
		t.Errorf("township only current %v only previous %v", town.OnlyCurrent, town.OnlyPrevious)
	}
	unit := summarize(t, db, analytics.Scope{County: "清河县", Township: "东镇", Unit: "东村", Year: 2024, Compare: 2021}, analytics.Options{Unmasked: true})
	if unit.Level != analytics.LevelUnit || len(unit.Breakdown) != 0 || unit.Roster[0].IDNumber != "330102198005010011" {
		t.Errorf("unit: level %s, roster %+v", unit.Level, unit.Roster[0])
	}
	// An explicit comparison year with no data is an error (TestCompareYearWithoutData).
	_, err = analytics.Summarize(ctx, db, analytics.Scope{County: "清河县", Year: 2024, Compare: 2018}, analytics.Options{})
	var nc *analytics.NoCompareDataError
	if !errors.As(err, &nc) {
		t.Errorf("compare 2018: %v, want *NoCompareDataError", err)
	}

	_, err = analytics.Summarize(ctx, db, analytics.Scope{County: "无此县", Year: 2024}, analytics.Options{})
	if !errors.Is(err, analytics.ErrNoData) {
		t.Errorf("unknown county: %v, want ErrNoData", err)
	}
	_, err = analytics.Summarize(ctx, db, analytics.Scope{Year: 2024, Compare: 2024}, analytics.Options{})
	var ce *analytics.ConfigError
	if !errors.As(err, &ce) {
		t.Errorf("compare = year: %v, want *ConfigError", err)
	}
}

// Summarize keeps its figure definitions on a pooled connection between calls; the options of each
// call must still be its own. With one connection in the pool, summaries with other bands and back
// must equal those of a fresh database.
func TestOptionsPerCallOnReusedConnection(t *testing.T) {
	custom := analytics.Options{
		AgeBands: []analytics.AgeBand{{Label: "40岁以下", Min: 18, Max: 39}, {Label: "40岁及以上", Min: 40}},
		EducationBuckets: []analytics.EducationBucket{
			{Label: "专科及以上", Values: []string{"研究生", "大学本科", "大学专科"}},
			{Label: "其他", Values: []string{"中专", "高中", "初中", "小学及以下"}},
		},
	}
	scope := analytics.Scope{County: "清河县", Year: 2024}
	want := map[string][]byte{}
	for name, opts := range map[string]analytics.Options{"default": {}, "custom": custom} {
		want[name] = summaryJSON(t, summarize(t, installed(t, "county.sql"), scope, opts))
	}
	if string(want["default"]) == string(want["custom"]) {
		t.Fatal("the custom options do not change the summary: the test cannot tell them apart")
	}
	db := installed(t, "county.sql")
	db.SetMaxOpenConns(1)
	for _, name := range []string{"default", "custom", "default", "custom"} {
		opts := analytics.Options{}
		if name == "custom" {
			opts = custom
		}
		if got := summaryJSON(t, summarize(t, db, scope, opts)); string(got) != string(want[name]) {
			t.Errorf("%s options on a reused connection: the summary differs from a fresh database's", name)
		}
	}
}

func summaryJSON(t *testing.T, s *analytics.Summary) []byte {
	t.Helper()
	s.GeneratedAt = time.Time{}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEducationRanges: a 学历 given as a range (高中（中专）, 大专及以上: electsum.EducationRanges) counts in a
// group that holds all of it, in 学历 given and in 高中（中专）以上, and in no group that splits it.
func TestEducationRanges(t *testing.T) {
	db := installed(t, "county.sql")
	// The 2024 村民委员会: 专科 本科 高中 专科 初中 本科 → 大专及以上 本科 高中（中专） 专科 初中 本科.
	for _, q := range []string{
		`UPDATE members SET education = '高中（中专）' WHERE name = '赵六' AND year = 2024 AND body = '村民委员会'`,
		`UPDATE members SET education = '大专及以上' WHERE year = 2024 AND body = '村民委员会' AND education = '大学专科' AND name = (
			SELECT min(name) FROM members WHERE year = 2024 AND body = '村民委员会' AND education = '大学专科' AND county = '清河县')`,
	} {
		if res, err := db.Exec(q); err != nil {
			t.Fatal(err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%d rows changed by %s", n, q)
		}
	}
	scope := analytics.Scope{County: "清河县", Year: 2024}
	m := summarize(t, db, scope, analytics.Options{}).Body(analytics.VillagersCommittee).Members
	for i, n := range []int{4, 1, 1} { // 大专及以上, 高中（中专）, 初中及以下
		checkValue(t, m.Education[i].Label, m.Education[i].Count.Current, n)
	}
	checkPart(t, "高中（中专）以上", m.HighSchoolUp, 5, 83.3)

	split := analytics.Options{EducationBuckets: []analytics.EducationBucket{
		{Label: "本科及以上", Values: []string{"研究生", "大学本科"}},
		{Label: "大专", Values: []string{"大学专科"}},
		{Label: "中专", Values: []string{"中专"}},
		{Label: "高中", Values: []string{"高中"}},
		{Label: "初中及以下", Values: []string{"初中", "小学及以下"}},
	}}
	m = summarize(t, db, scope, split).Body(analytics.VillagersCommittee).Members
	for i, n := range []int{2, 1, 0, 0, 1} {
		checkValue(t, m.Education[i].Label, m.Education[i].Count.Current, n)
	}
	checkPart(t, "高中（中专）以上", m.HighSchoolUp, 5, 83.3)
	checkPart(t, "本科及以上", m.Education[0], 2, 50.0) // of the four a group holds, as for an unknown 学历
}
