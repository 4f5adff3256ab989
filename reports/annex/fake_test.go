package annex

import (
	"fmt"
	"math/rand/v2"

	"electsum/analytics"
)

// fakeSummary builds a Summary the way Summarize shapes one — per-unit rows, per-township breakdown,
// the whole scope's figures as sums of the parts — from seeded random people, so that tests can
// count independently from the roster and the rows. counties > 1 gives a multi-county (province)
// scope. It exists because tests must not depend on the whole ingest and analytics pipeline for
// the workbook's layout; the end-to-end test in cmd/electsum uses real data.
func fakeSummary(counties, townships, units int, seed uint64) *analytics.Summary {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := &analytics.Summary{Year: 2024, PreviousYear: 2021, Level: analytics.LevelCounty}
	s.Scope = analytics.Scope{County: "示例县", Year: 2024}
	if counties > 1 {
		s.Level, s.Scope.County = analytics.LevelAll, ""
	}
	bands := analytics.DefaultAgeBands()
	buckets := analytics.DefaultEducationBuckets()
	educations := []string{"大学本科", "大学专科", "高中", "中专", "初中", "小学及以下"}
	type acc struct{ people []analytics.Member }
	whole := map[analytics.Body]*acc{}
	var wholeHeads = map[analytics.Body]*acc{}
	var wholePersons acc
	var wholeOne, wholeUnits int
	for c := 0; c < counties; c++ {
		county := "示例县"
		if counties > 1 {
			county = fmt.Sprintf("第%d县", c+1)
		}
		s.Counties = append(s.Counties, county)
		for tw := 0; tw < townships; tw++ {
			township := fmt.Sprintf("%s镇%d", []string{"东", "西", "南", "北"}[tw%4], tw+1)
			bodies := map[analytics.Body]*acc{}
			heads := map[analytics.Body]*acc{}
			var persons acc
			one := 0
			for u := 0; u < units; u++ {
				unit := fmt.Sprintf("%s村%d", township, u+1)
				if c == 0 && tw == 0 && u == 0 {
					unit = "=HYPERLINK(\"x\")村" // a clerk's typo must stay text
				}
				ref := analytics.UnitRef{County: county, Township: township, Unit: unit}
				rosterStart := len(s.Roster)
				var secretary *analytics.Member
				var partyMembers []analytics.Member
				for _, b := range []analytics.Body{analytics.PartyBranch, analytics.VillagersCommittee} {
					reg := 800 + rng.IntN(1500)
					if b == analytics.PartyBranch {
						reg = 20 + rng.IntN(60)
					}
					voted := reg - rng.IntN(reg/10+1)
					seats := 3 + rng.IntN(3)
					first := rng.IntN(10) > 0
					row := analytics.ElectionRow{UnitRef: ref, Body: b,
						Registered: analytics.Known(float64(reg)), Voted: analytics.Known(float64(voted)),
						Turnout: analytics.Known(float64(voted) / float64(reg) * 100),
						Seats:   analytics.Known(float64(seats)), Candidates: analytics.Known(float64(seats + 1)),
						Elected: analytics.Known(float64(seats)), Margin: analytics.Known(100 / float64(seats)),
						FirstRound: &first}
					if b == analytics.VillagersCommittee {
						row.ProxyVotes = analytics.Known(float64(rng.IntN(30)))
						row.MobileVotes = analytics.Known(float64(rng.IntN(20)))
					}
					s.Elections = append(s.Elections, row)
					for p := 0; p < seats; p++ {
						re := rng.IntN(2) == 0
						m := analytics.Member{UnitRef: ref, Body: b, Position: "委员",
							Name: fmt.Sprintf("张%d%d%d%d", c, tw, u, p), Gender: []string{"男", "男", "女"}[rng.IntN(3)],
							Age: analytics.Known(float64(25 + rng.IntN(40))), Ethnicity: []string{"汉族", "汉族", "汉族", "回族"}[rng.IntN(4)],
							Party: []string{"中共党员", "群众"}[rng.IntN(2)], Education: educations[rng.IntN(len(educations))],
							Reelected: &re, IDNumber: fmt.Sprintf("33%02d%02d%08d%04d", c%100, tw%100, 19800101, (u*10+p)%10000)}
						if p == 0 {
							m.Position = map[analytics.Body]string{analytics.PartyBranch: "书记", analytics.VillagersCommittee: "主任"}[b]
						}
						// One person in three of the party branch also sits on the villagers' committee,
						// and the secretary is its director in every other unit (一肩挑).
						if b == analytics.VillagersCommittee && p < len(partyMembers) && (p == 0 && u%2 == 0 || p > 0 && p%3 == 0) {
							pm := partyMembers[p]
							m.Name, m.Gender, m.Age, m.Ethnicity, m.Party, m.Education, m.IDNumber = pm.Name, pm.Gender, pm.Age, pm.Ethnicity, pm.Party, pm.Education, pm.IDNumber
						}
						if b == analytics.PartyBranch {
							partyMembers = append(partyMembers, m)
							if p == 0 {
								secretary = &partyMembers[0]
							}
						}
						s.Roster = append(s.Roster, m)
						for _, a := range []map[analytics.Body]*acc{bodies, whole} {
							if a[b] == nil {
								a[b] = &acc{}
							}
							a[b].people = append(a[b].people, m)
						}
						if p == 0 {
							for _, a := range []map[analytics.Body]*acc{heads, wholeHeads} {
								if a[b] == nil {
									a[b] = &acc{}
								}
								a[b].people = append(a[b].people, m)
							}
							if b == analytics.VillagersCommittee && secretary != nil && m.IDNumber == secretary.IDNumber {
								one++
								wholeOne++
							}
						}
					}
				}
				// persons: distinct by id within the unit
				seen := map[string]bool{}
				for _, m := range s.Roster[rosterStart:] {
					if !seen[m.IDNumber] {
						seen[m.IDNumber] = true
						persons.people = append(persons.people, m)
						wholePersons.people = append(wholePersons.people, m)
					}
				}
				wholeUnits++
			}
			bd := analytics.Breakdown{Name: township, UnitRef: analytics.UnitRef{County: county, Township: township}}
			for _, b := range []analytics.Body{analytics.PartyBranch, analytics.VillagersCommittee} {
				bd.Bodies = append(bd.Bodies, analytics.BodySummary{Body: b,
					Members: structure(bodies[b].people, nil, bands, buckets), Heads: structure(heads[b].people, nil, bands, buckets)})
			}
			bd.TwoCommittees = []analytics.TwoCommittees{twoCommittees(persons.people, one, units, bands, buckets)}
			s.Breakdown = append(s.Breakdown, bd)
		}
	}
	for _, b := range []analytics.Body{analytics.PartyBranch, analytics.VillagersCommittee} {
		bs := analytics.BodySummary{Body: b,
			Members: structure(whole[b].people, whole[b].people[:len(whole[b].people)*9/10], bands, buckets),
			Heads:   structure(wholeHeads[b].people, nil, bands, buckets)}
		var reg, voted float64
		for _, e := range s.Elections {
			if e.Body == b {
				reg += e.Registered.V
				voted += e.Voted.V
			}
		}
		bs.Participation.Registered = analytics.Figure{Current: analytics.Known(reg), Previous: analytics.Known(reg * 0.97)}
		bs.Participation.Voted = analytics.Figure{Current: analytics.Known(voted), Previous: analytics.Known(voted * 0.95)}
		bs.Participation.Turnout = analytics.Figure{Current: analytics.Known(round1(voted / reg * 100)), Previous: analytics.Known(round1(voted * 0.95 / reg / 0.97 * 100))}
		s.Bodies = append(s.Bodies, bs)
	}
	s.TwoCommittees = []analytics.TwoCommittees{twoCommittees(wholePersons.people, wholeOne, wholeUnits, bands, buckets)}
	s.Checks = []analytics.Check{{Rule: "vc_turnout_majority", Citation: "《中华人民共和国村民委员会组织法》第三十四条", Severity: "违规",
		UnitRef: analytics.UnitRef{County: s.Counties[0], Township: "东镇1", Unit: "-东镇1村2"}, Year: 2024, Body: analytics.VillagersCommittee,
		Message: "参加投票人数 400 未过登记选民数 1000 的半数"}}
	s.Findings = []analytics.Finding{{Section: analytics.SectionDataCheck, Kind: analytics.FindingPartsUnfilled,
		Body: analytics.VillagersCommittee, Set: analytics.SetMembers, Of: "age_bands", Value: analytics.Known(12), Whole: analytics.Known(13), Unfilled: analytics.Known(1)}}
	return s
}

func round1(x float64) float64 { return float64(int(x*10+0.5)) / 10 }

func part(label string, n, of int, prev *analytics.Part) analytics.Part {
	p := analytics.Part{Label: label, Count: analytics.Figure{Current: analytics.Known(float64(n))}}
	if of > 0 {
		p.Share.Current = analytics.Known(round1(float64(n) / float64(of) * 100))
	}
	if prev != nil {
		p.Count.Previous, p.Share.Previous = prev.Count.Current, prev.Share.Current
	}
	return p
}

// structure counts people; previous, when given, is the previous term's people.
func structure(people, previous []analytics.Member, bands []analytics.AgeBand, buckets []analytics.EducationBucket) analytics.Structure {
	var st analytics.Structure
	var prev *analytics.Structure
	if previous != nil {
		p := structure(previous, nil, bands, buckets)
		prev = &p
	}
	pick := func(f func(*analytics.Structure) *analytics.Part) *analytics.Part {
		if prev == nil {
			return nil
		}
		return f(prev)
	}
	n := len(people)
	st.Total.Current = analytics.Known(float64(n))
	var women, party, minority, reelected, ageSum int
	band := make([]int, len(bands))
	edu := make([]int, len(buckets))
	for _, m := range people {
		if m.Gender == "女" {
			women++
		}
		if m.Party == "中共党员" {
			party++
		}
		if m.Ethnicity != "汉族" {
			minority++
		}
		if *m.Reelected {
			reelected++
		}
		age := m.Age.Int()
		ageSum += age
		for i, b := range bands {
			if age >= b.Min && (b.Max == 0 || age <= b.Max) {
				band[i]++
			}
		}
		for i, b := range buckets {
			for _, v := range b.Values {
				if v == m.Education {
					edu[i]++
				}
			}
		}
	}
	st.Women = part("女", women, n, pick(func(s *analytics.Structure) *analytics.Part { return &s.Women }))
	st.PartyMembers = part("中共党员", party, n, pick(func(s *analytics.Structure) *analytics.Part { return &s.PartyMembers }))
	st.Minorities = part("少数民族", minority, n, pick(func(s *analytics.Structure) *analytics.Part { return &s.Minorities }))
	st.Reelected = part("连任", reelected, n, pick(func(s *analytics.Structure) *analytics.Part { return &s.Reelected }))
	st.New = part("新当选", n-reelected, n, pick(func(s *analytics.Structure) *analytics.Part { return &s.New }))
	for i, b := range bands {
		st.AgeBands = append(st.AgeBands, part(b.Label, band[i], n, pick(func(s *analytics.Structure) *analytics.Part { return &s.AgeBands[i] })))
	}
	for i, b := range buckets {
		st.Education = append(st.Education, part(b.Label, edu[i], n, pick(func(s *analytics.Structure) *analytics.Part { return &s.Education[i] })))
	}
	if n > 0 {
		st.AverageAge.Current = analytics.Known(round1(float64(ageSum) / float64(n)))
	}
	if prev != nil {
		st.Total.Previous = prev.Total.Current
		st.AverageAge.Previous = prev.AverageAge.Current
	}
	return st
}

func twoCommittees(persons []analytics.Member, one, units int, bands []analytics.AgeBand, buckets []analytics.EducationBucket) analytics.TwoCommittees {
	return analytics.TwoCommittees{Kind: "村", Persons: structure(persons, nil, bands, buckets),
		OneShoulder: part("一肩挑", one, units, nil)}
}
