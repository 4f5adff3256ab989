package reports

import (
	"math"
	"strings"
	"time"

	"electsum/analytics"
)

// Hand-made models for tests that do not need a database. Shares are computed from counts here, the
// way analytics does, so that the cross-check passes unless a test breaks a figure on purpose.

func v(x float64) analytics.Value { return analytics.Known(x) }

func fig(cur, prev float64) analytics.Figure {
	f := analytics.Figure{Current: v(cur)}
	if !math.IsNaN(prev) {
		f.Previous = v(prev)
	}
	return f
}

var none = math.NaN()

func round1(x float64) float64 { return math.Floor(x*10+0.5+1e-9) / 10 }

// part makes a Part of count c in total t this term and pc in pt last term (NaN: no previous).
func part(label string, c, t, pc, pt float64) analytics.Part {
	p := analytics.Part{Label: label, Count: fig(c, pc)}
	if t > 0 {
		p.Share.Current = v(round1(c / t * 100))
		p.Base = v(t)
	}
	if !math.IsNaN(pc) && pt > 0 {
		p.Share.Previous = v(round1(pc / pt * 100))
	}
	return p
}

// structure makes a Structure with total t (previous pt) from counts: women, party, reelected, then age
// bands (4) and education buckets (3), each with this and last term's count.
func structure(t, pt float64, women, party [2]float64, reelected float64, ages [4][2]float64, edu [3][2]float64, avg [2]float64) analytics.Structure {
	s := analytics.Structure{
		Total:        fig(t, pt),
		Women:        part("女", women[0], t, women[1], pt),
		PartyMembers: part("中共党员", party[0], t, party[1], pt),
		Reelected:    part("连任", reelected, t, none, 0),
		New:          part("新当选", t-reelected, t, none, 0),
		AverageAge:   fig(avg[0], avg[1]),
	}
	for i, b := range analytics.DefaultAgeBands() {
		s.AgeBands = append(s.AgeBands, part(b.Label, ages[i][0], t, ages[i][1], pt))
	}
	for i, b := range analytics.DefaultEducationBuckets() {
		s.Education = append(s.Education, part(b.Label, edu[i][0], t, edu[i][1], pt))
	}
	return s
}

func participation(units, reg, voted, preg, pvoted float64, full float64) analytics.Participation {
	p := analytics.Participation{
		Units:       fig(units, units),
		Registered:  fig(reg, preg),
		Voted:       fig(voted, pvoted),
		Turnout:     fig(round1(voted/reg*100), round1(pvoted/preg*100)),
		Threshold:   90,
		FullTurnout: fig(full, none),
	}
	return p
}

func boolp(b bool) *bool { return &b }

// townshipFixture is 东风镇 of 示例县: 4 villages (one named <script> to test escaping), 2024 against 2021.
func townshipFixture() *analytics.Summary {
	pb := analytics.BodySummary{
		Body:          analytics.PartyBranch,
		Participation: participation(4, 320, 305, 300, 280, 0),
		Seats: analytics.Seats{Seats: fig(20, none), Candidates: fig(24, none), Elected: fig(20, none),
			ContestedUnits: fig(4, none), ContestedSeats: fig(20, none), ContestedCandidates: fig(24, none), Margin: fig(20, none), FirstRound: part("一次选举成功", 4, 4, none, 0)},
		Members: structure(20, 21, [2]float64{5, 3}, [2]float64{20, 21}, 12,
			[4][2]float64{{4, 2}, {7, 6}, {6, 8}, {3, 5}}, [3][2]float64{{8, 5}, {9, 10}, {3, 6}}, [2]float64{45.2, 48.1}),
		Heads: structure(4, 4, [2]float64{1, 0}, [2]float64{4, 4}, 3,
			[4][2]float64{{0, 0}, {2, 1}, {2, 2}, {0, 1}}, [3][2]float64{{3, 2}, {1, 1}, {0, 1}}, [2]float64{46.5, 49}),
		NewHeadsAgeGap: v(-5.5),
	}
	vc := analytics.BodySummary{
		Body:          analytics.VillagersCommittee,
		Participation: participation(4, 6000, 5640, 5900, 5310, 1),
		Seats: analytics.Seats{Seats: fig(19, none), Candidates: fig(23, none), Elected: fig(19, none),
			// one village elected 无候选人: 差额比例 is over the other three only
			ContestedUnits: fig(3, none), ContestedSeats: fig(14, none), ContestedCandidates: fig(18, none), Margin: fig(28.6, none), FirstRound: part("一次选举成功", 3, 4, none, 0)},
		Members: structure(19, 20, [2]float64{6, 5}, [2]float64{14, 13}, 10,
			[4][2]float64{{5, 3}, {6, 6}, {5, 7}, {3, 4}}, [3][2]float64{{7, 5}, {8, 9}, {4, 6}}, [2]float64{44.8, 47.3}),
		Heads: structure(4, 4, [2]float64{0, 0}, [2]float64{4, 3}, 3,
			[4][2]float64{{0, 0}, {2, 1}, {2, 2}, {0, 1}}, [3][2]float64{{3, 2}, {1, 1}, {0, 1}}, [2]float64{46.5, 49}),
	}
	vc.Participation.BelowThreshold = []analytics.UnitRate{{Township: "东风镇", Unit: "<script>村", Turnout: 86.2}}
	vc.Participation.Lowest = vc.Participation.BelowThreshold[:1]
	vc.Participation.Highest = []analytics.UnitRate{{Township: "东风镇", Unit: "红旗村", Turnout: 98.7}}
	two := analytics.TwoCommittees{
		Kind:      "村",
		Positions: fig(39, 41),
		Persons: structure(33, 36, [2]float64{9, 7}, [2]float64{28, 27}, 18,
			[4][2]float64{{8, 5}, {11, 10}, {9, 13}, {5, 8}}, [3][2]float64{{13, 9}, {14, 16}, {6, 11}}, [2]float64{45.1, 47.9}),
		OneShoulder:  part("一肩挑", 3, 4, 2, 4),
		CrossUnits:   part("交叉任职", 4, 4, 4, 4),
		CrossPersons: part("交叉任职人员", 6, 33, 5, 36),
		NoWoman:      part("无女性", 1, 4, none, 0),
		NoWomanUnits: []analytics.UnitRef{{Township: "东风镇", Unit: "<script>村"}},
	}
	return refind(&analytics.Summary{
		Scope:         analytics.Scope{County: "示例县", Township: "东风镇", Year: 2024},
		Level:         analytics.LevelTownship,
		Year:          2024,
		PreviousYear:  2021,
		GeneratedAt:   time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC),
		Counties:      []string{"示例县"},
		Townships:     fig(1, 1),
		Units:         fig(4, 4),
		FirstDate:     "2024-03-02",
		LastDate:      "2024-04-18",
		Bodies:        []analytics.BodySummary{pb, vc},
		TwoCommittees: []analytics.TwoCommittees{two},
		Elections:     fixtureElections(),
		Checks: []analytics.Check{
			{Rule: "vc_turnout_majority", Citation: "《中华人民共和国村民委员会组织法》第三十四条", Severity: "违规",
				UnitRef: analytics.UnitRef{Township: "东风镇", Unit: "<script>村"}, Year: 2024, Body: analytics.VillagersCommittee,
				Message: "当选人得票数未过参加投票人数的半数"},
			{Rule: "member_count", Severity: "提示", UnitRef: analytics.UnitRef{Township: "东风镇", Unit: "红旗村"}, Year: 2024,
				Body: analytics.VillagersCommittee, Message: "名册人数4人与当选人数5人不符"},
		},
	})
}

// unitFixture is one village of the township fixture at unit level.
func unitFixture() *analytics.Summary {
	s := townshipFixture()
	s.Scope.Unit = "红旗村"
	s.Level = analytics.LevelUnit
	s.Units = fig(1, 1)
	s.Checks = nil
	s.TwoCommittees = nil
	s.Bodies = s.Bodies[1:]
	s.Bodies[0].Participation = participation(1, 1500, 1480, 1450, 1400, 1)
	s.Bodies[0].Members = structure(5, 5, [2]float64{1, 1}, [2]float64{3, 3}, 3,
		[4][2]float64{{1, 0}, {2, 2}, {1, 2}, {1, 1}}, [3][2]float64{{2, 1}, {2, 3}, {1, 1}}, [2]float64{44, 46})
	s.Bodies[0].Seats.FirstRound = part("一次选举成功", 1, 1, none, 0)
	s.Elections = s.Elections[len(s.Elections)-1:]
	return refind(s)
}

// countyFixture is 示例县 with two townships, the second written with a breakdown for the charts.
func countyFixture() *analytics.Summary {
	s := townshipFixture()
	s.Scope = analytics.Scope{County: "示例县", Year: 2024}
	s.Level = analytics.LevelCounty
	s.Townships = fig(2, 2)
	for _, name := range []string{"东风镇", "<b>西岭乡</b>"} {
		t := townshipFixture()
		s.Breakdown = append(s.Breakdown, analytics.Breakdown{Name: name, UnitRef: analytics.UnitRef{County: "示例县", Township: name},
			Bodies: t.Bodies, TwoCommittees: t.TwoCommittees})
	}
	s.Breakdown[1].Bodies[1].Participation.Turnout = fig(88.5, 91)
	return refind(s)
}

// refind sets the findings of a hand-made (or changed) model, as Summarize does.
func refind(s *analytics.Summary) *analytics.Summary {
	s.Findings = analytics.Findings(s, analytics.Options{})
	return s
}

// traditional rewrites the names of a fixture in Traditional characters, as a Taiwan or Hong Kong
// source would have them.
func traditional(s *analytics.Summary) *analytics.Summary {
	r := strings.NewReplacer("示例縣", "示例縣", "示例县", "示例縣", "东风镇", "東風鎮", "红旗村", "紅旗村", "西岭乡", "西嶺鄉")
	s.Scope.County, s.Scope.Township, s.Scope.Unit = r.Replace(s.Scope.County), r.Replace(s.Scope.Township), r.Replace(s.Scope.Unit)
	for i := range s.Counties {
		s.Counties[i] = r.Replace(s.Counties[i])
	}
	for i := range s.Elections {
		e := &s.Elections[i]
		e.County, e.Township, e.Unit = r.Replace(e.County), r.Replace(e.Township), r.Replace(e.Unit)
	}
	for i := range s.Breakdown {
		s.Breakdown[i].Name = r.Replace(s.Breakdown[i].Name)
	}
	return refind(s)
}

// fixtureElections are the per-unit rows of the township fixture: 4 villages, both bodies, the
// villagers' committee of 新华村 not successful at the first round.
func fixtureElections() []analytics.ElectionRow {
	var out []analytics.ElectionRow
	for _, b := range []analytics.Body{analytics.PartyBranch, analytics.VillagersCommittee} {
		for _, u := range []string{"<script>村", "光明村", "新华村", "红旗村"} {
			out = append(out, analytics.ElectionRow{UnitRef: analytics.UnitRef{County: "示例县", Township: "东风镇", Unit: u}, Body: b,
				Method: "有候选人", Date: "2024-04-02", Registered: v(1500), Voted: v(1480), Turnout: v(98.7),
				FirstRound: boolp(!(u == "新华村" && b == analytics.VillagersCommittee))})
		}
	}
	return out
}
