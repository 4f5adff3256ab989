package analytics_test

import (
	"context"
	"fmt"
	"testing"

	"electsum/analytics"
)

// TestTownshipMissingFromATermIsNotCompared: a township whose previous-term sheets were not loaded
// (北镇: 2024 only, nothing of 2021) makes a county's 比上届 of the bodies it holds a comparison of
// different townships: they are not compared, and a 数据核对 note names the township; bodies it does not
// hold (the 社区 ones) are compared as before. The same for a people's congress level.
func TestTownshipMissingFromATermIsNotCompared(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	if _, err := db.Exec(`INSERT INTO units VALUES ('清河县', '北镇', '北村', '村'), ('清河县', '东镇', '第二选区', '选区');
		INSERT INTO elections (county, township, unit, year, body, registered, voted, seats, candidates, elected, source_file, source_sheet, source_row)
		VALUES ('清河县', '北镇', '北村', 2024, '村党组织', 30, 28, 3, 4, 3, 'n.xlsx', '选举结果', 2),
		       ('清河县', '北镇', '北村', 2024, '村民委员会', 800, 700, 3, 4, 3, 'n.xlsx', '选举结果', 3),
		       ('清河县', '东镇', '第二选区', 2021, '乡级人大代表', 2500, 2300, 2, 3, 2, 'n.xlsx', '选举结果', 4)`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	for _, b := range []analytics.Body{analytics.PartyBranch, analytics.VillagersCommittee} {
		bs := s.Body(b)
		if bs.Participation.Registered.Previous.OK || bs.Seats.Elected.Previous.OK || bs.Members.Total.Previous.OK {
			t.Errorf("%s compared with a previous term without 北镇: %+v", b, bs.Participation.Registered)
		}
		if fmt.Sprint(bs.TownshipsOnlyCurrent) != "[{清河县 北镇 }]" || len(bs.TownshipsOnlyPrevious) != 0 {
			t.Errorf("%s townships of one term: %v / %v", b, bs.TownshipsOnlyCurrent, bs.TownshipsOnlyPrevious)
		}
	}
	if !s.Body(analytics.ResidentsCommittee).Participation.Registered.Previous.OK {
		t.Error("居民委员会 (not held by 北镇) no longer compared")
	}
	for _, c := range s.TwoCommittees {
		if c.Persons.Total.Previous.OK && c.Kind == "村" {
			t.Errorf("村“两委” compared: %+v", c.Persons.Total)
		}
	}
	notes := 0
	for _, f := range s.Findings {
		if f.Kind == analytics.FindingTownshipsOneTerm {
			notes++
			if !f.Every || len(f.Units) != 1 || f.Units[0].Township != "北镇" {
				t.Errorf("note %+v", f)
			}
		}
	}
	if notes != 2 {
		t.Errorf("%d townships_one_term notes, want one per village body (2)", notes)
	}

	// 乡级人大代表: 西镇's 选区 in 2024, 东镇's in 2021 — each township holds nothing of the other term's.
	c, err := analytics.SummarizeCongress(context.Background(), db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Levels) != 1 || c.Levels[0].Registered.Previous.OK || c.Levels[0].Constituencies.Previous.OK {
		t.Errorf("people's congress compared across other townships: %+v", c.Levels)
	}
	var gaps []string
	for _, f := range c.Findings {
		if f.Kind == analytics.FindingTownshipsOneTerm {
			gaps = append(gaps, fmt.Sprintf("%v %s", f.Every, f.Units[0].Township))
		}
	}
	if fmt.Sprint(gaps) != "[true 西镇 false 东镇]" {
		t.Errorf("people's congress notes %v, want 西镇 this term only, 东镇 the previous only", gaps)
	}
}
