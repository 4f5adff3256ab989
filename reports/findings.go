package reports

import (
	"fmt"
	"strings"

	"electsum/analytics"
)

// mainStructure is the set of people whose structure 取得的成效 and 存在的问题 speak about: the
// village (else community) two committees counted once per person, else the villagers' (residents')
// committee, else the first body.
func mainStructure(s *analytics.Summary) (label string, st *analytics.Structure, two *analytics.TwoCommittees) {
	for _, kind := range []string{"村", "社区"} {
		for i := range s.TwoCommittees {
			if t := &s.TwoCommittees[i]; t.Kind == kind && HasFigures(t.Persons) {
				return kind + "“两委”成员", &t.Persons, t
			}
		}
	}
	for _, b := range []analytics.Body{analytics.VillagersCommittee, analytics.ResidentsCommittee, analytics.PartyBranch, analytics.CommunityParty} {
		if bs := s.Body(b); bs != nil && HasFigures(bs.Members) {
			return string(b) + "成员", &bs.Members, nil
		}
	}
	for i := range s.Bodies {
		if HasFigures(s.Bodies[i].Members) {
			return string(s.Bodies[i].Body) + "成员", &s.Bodies[i].Members, nil
		}
	}
	return "", nil, nil
}

func improved(f analytics.Figure) (up, known bool) {
	d := f.Change()
	return d.OK && d.V > 0, d.OK
}

func pick(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

// achievements writes 三、取得的成效 from the change versus the previous term. An item appears only
// when the data has both terms' figure (or, for turnout, a high figure this term); a figure that got
// worse gets a neutral heading and the right verb instead of praise.
func achievements(s *analytics.Summary, whole string) []Item {
	var out []Item
	label, st, two := mainStructure(s)
	if st != nil {
		// Women and party members: 结构更加优化.
		if up, ok := improved(st.Women.Share); ok {
			text := Sentence(whole+label+"中"+CountOf("女性", st.Women.Count.Current, "人"), Change(st.Women.Count, "人"), Prefix("占比", Pct(st.Women.Share.Current)), Moved(st.Women.Share))
			if two != nil && two.NoWoman.Count.Current.OK && two.NoWoman.Count.Current.V == 0 {
				text += fmt.Sprintf("每个%s的%s都有女性成员。", two.Kind, committeeOf(two.Kind))
			}
			if pup, _ := improved(st.PartyMembers.Share); pup {
				text += Sentence(PartClause("中共党员", st.PartyMembers, "人"), PP(st.PartyMembers.Share))
			}
			out = append(out, Item{Heading: pick(up, "班子结构更加优化", "班子性别结构情况"), Text: text})
		}
		// Education: 素质明显提升, on the first (highest) bucket.
		if len(st.Education) > 0 {
			e := st.Education[0]
			if up, ok := improved(e.Share); ok {
				out = append(out, Item{Heading: pick(up, "班子素质明显提升", "班子文化程度情况"),
					Text: Sentence(label+"中"+CountOf(e.Label+"学历的", e.Count.Current, "人"), Change(e.Count, "人"), Prefix("占比", Pct(e.Share.Current)), Moved(e.Share))})
			}
		}
		// Age: 年龄结构趋于合理, on the average age and the youngest band.
		if d := st.AverageAge.Change(); d.OK {
			younger := d.V < 0
			text := Sentence(label+"平均年龄"+Age(st.AverageAge.Current), Years(st.AverageAge))
			if len(st.AgeBands) > 0 {
				b := st.AgeBands[0]
				if bup, bok := improved(b.Share); bok {
					younger = younger || bup && d.V <= 0
					text += Sentence(PartClause(b.Label+"的", b, "人"), PP(b.Share))
				}
			}
			out = append(out, Item{Heading: pick(younger, "年龄结构趋于合理", "班子年龄结构情况"), Text: text})
		}
	}
	// Turnout: 参选热情高涨, one item for villages and communities.
	var turnout []string
	allUp := true
	for _, b := range []analytics.Body{analytics.VillagersCommittee, analytics.ResidentsCommittee} {
		bs := s.Body(b)
		if bs == nil || !bs.Participation.Turnout.Current.OK {
			continue
		}
		p := bs.Participation
		up, ok := improved(p.Turnout)
		high := p.Turnout.Current.V >= 95
		if !ok && !high {
			continue
		}
		allUp = allUp && (up || !ok && high)
		full := ""
		if Positive(p.FullTurnout.Current) {
			full = Count(p.FullTurnout.Current, "个"+UnitNoun(b)) + "参选率达到100%"
		}
		turnout = append(turnout, Sentence(whole+string(b)+"选举参选率为"+Pct(p.Turnout.Current), PP(p.Turnout), full))
	}
	if len(turnout) > 0 {
		out = append(out, Item{Heading: pick(allUp, "群众参选热情高涨", "选民参选情况"), Text: strings.Join(turnout, "")})
	}
	// 一肩挑 and 交叉任职.
	for i := range s.TwoCommittees {
		t := &s.TwoCommittees[i]
		up, ok := improved(t.OneShoulder.Share)
		if !ok {
			continue
		}
		text := Sentence(Count(t.OneShoulder.Count.Current, "个"+t.Kind)+"实现"+t.Kind+"党组织书记、"+committeeOf(t.Kind)+"主任“一肩挑”",
			Share(t.OneShoulder.Share.Current), PP(t.OneShoulder.Share))
		text += Sentence(Prefix("“两委”交叉任职", Clauses(Count(t.CrossPersons.Count.Current, "人"), Share(t.CrossPersons.Share.Current))), PP(t.CrossPersons.Share))
		out = append(out, Item{Heading: pick(up, t.Kind+"交叉任职和“一肩挑”比例提高", t.Kind+"交叉任职和“一肩挑”情况"), Text: text})
	}
	return out
}

func committeeOf(kind string) string {
	if kind == "社区" {
		return "居民委员会"
	}
	return "村民委员会"
}

// problems writes 四、存在的问题 from the data: low turnout, committees without women, aged and
// poorly educated committees, elections that needed a second round, and legal-check failures. At
// county level units are named with their township, since names repeat across townships.
func problems(s *analytics.Summary, th Thresholds, level analytics.Level) []Item {
	var out []Item
	county := level == analytics.LevelCounty
	name := func(township, unit string) string {
		if county {
			return township + unit
		}
		return unit
	}
	var low []string
	lowNouns := map[string]bool{}
	for _, bs := range s.Bodies {
		p := bs.Participation
		if len(p.BelowThreshold) == 0 {
			continue
		}
		noun := UnitNoun(bs.Body)
		lowNouns[noun] = true
		names := make([]string, len(p.BelowThreshold))
		for i, u := range p.BelowThreshold {
			names[i] = name(u.Township, u.Unit) + "（" + Pct(analytics.Known(u.Turnout)) + "）"
		}
		limit := p.Threshold
		if limit == 0 {
			limit = th.Turnout
		}
		word := "参选率"
		if bs.Body == analytics.PartyBranch || bs.Body == analytics.CommunityParty {
			word = "党员到会率"
		}
		if level == analytics.LevelUnit {
			low = append(low, fmt.Sprintf("%s选举%s为%s，低于%s%%", bs.Body, word, Pct(analytics.Known(p.BelowThreshold[0].Turnout)), Num(limit)))
			continue
		}
		low = append(low, fmt.Sprintf("%s选举有%d个%s%s低于%s%%：%s", bs.Body, len(p.BelowThreshold), noun, word, Num(limit), shortList(names, 5)))
	}
	if len(low) > 0 {
		heading := "个别" + nounsOf(lowNouns) + "参选率偏低"
		if level == analytics.LevelUnit {
			heading = "参选率偏低"
		}
		out = append(out, Item{Heading: heading, Text: strings.Join(low, "；") + "。"})
	}
	for _, t := range s.TwoCommittees {
		if !Positive(t.NoWoman.Count.Current) {
			continue
		}
		var names []string
		for _, u := range t.NoWomanUnits {
			names = append(names, name(u.Township, u.Unit))
		}
		out = append(out, Item{Heading: "部分" + committeeOf(t.Kind) + "没有女性成员",
			Text: Sentence("有"+Count(t.NoWoman.Count.Current, "个"+t.Kind)+"的"+committeeOf(t.Kind)+"没有女性成员", Share(t.NoWoman.Share.Current)+Prefix("：", shortList(names, 10)))})
	}
	label, st, _ := mainStructure(s)
	if st != nil && len(st.AgeBands) > 0 {
		old := st.AgeBands[len(st.AgeBands)-1]
		aged := agedUnits(s, th.Aged, county)
		overall := old.Share.Current.OK && old.Share.Current.V > th.Aged
		if overall || len(aged) > 0 {
			text := ""
			if overall {
				text = Sentence(label+"中"+PartClause(old.Label+"的", old, "人"), PP(old.Share))
			}
			if len(aged) > 0 {
				text += fmt.Sprintf("%s成员占比超过%s%%的有%s。", old.Label, Num(th.Aged), shortList(aged, 10))
			}
			out = append(out, Item{Heading: "部分班子年龄偏大", Text: text})
		}
	}
	if st != nil && len(st.Education) > 1 {
		low := st.Education[len(st.Education)-1]
		if low.Share.Current.OK && low.Share.Current.V > th.LowEducation {
			out = append(out, Item{Heading: "部分成员文化程度偏低",
				Text: Sentence(label+"中"+PartClause(low.Label+"学历的", low, "人"), PP(low.Share))})
		}
	}
	var second []string
	secondNouns := map[string]bool{}
	for _, bs := range s.Bodies {
		failed := failedFirstRound(s, bs.Body)
		if len(failed) == 0 {
			continue
		}
		noun := UnitNoun(bs.Body)
		secondNouns[noun] = true
		names := make([]string, len(failed))
		for i, u := range failed {
			names[i] = name(u.Township, u.Unit)
		}
		second = append(second, fmt.Sprintf("%s选举有%d个%s未能一次选举成功（%s）", bs.Body, len(failed), noun, shortList(names, 5)))
	}
	if len(second) > 0 {
		out = append(out, Item{Heading: "个别" + nounsOf(secondNouns) + "未能一次选举成功", Text: strings.Join(second, "；") + "。"})
	}
	var violations []string
	for _, c := range s.Checks {
		if c.Severity == "违规" {
			violations = append(violations, strings.TrimRight(checkText(c, county), "。"))
		}
	}
	if len(violations) > 0 {
		text := fmt.Sprintf("经对照法律法规核查，发现%d处不符合规定的情况：", len(violations))
		if len(violations) > 5 {
			text += strings.Join(violations[:5], "；") + fmt.Sprintf("等（全部%d处见附件“数据核对”）。", len(violations))
		} else {
			text += strings.Join(violations, "；") + "。"
		}
		out = append(out, Item{Heading: "个别选举程序不够规范", Text: text})
	}
	return out
}

// nounsOf is 村, 社区 or 村（社区）.
func nounsOf(nouns map[string]bool) string {
	switch {
	case nouns["村"] && nouns["社区"]:
		return "村（社区）"
	case nouns["社区"]:
		return "社区"
	}
	return "村"
}

// agedUnits lists the sub-scopes (units of a township, townships of a county) whose two committees
// have more than limit percent of members in the oldest age band, with that share. A township is
// named with the kind of its committees (北园镇社区“两委”), since it may have both.
func agedUnits(s *analytics.Summary, limit float64, county bool) []string {
	var out []string
	for _, b := range s.Breakdown {
		for _, t := range b.TwoCommittees {
			if len(t.Persons.AgeBands) == 0 {
				continue
			}
			old := t.Persons.AgeBands[len(t.Persons.AgeBands)-1].Share.Current
			if old.OK && old.V > limit {
				name := b.Name
				if county {
					name += t.Kind + "“两委”"
				}
				out = append(out, name+"（"+Pct(old)+"）")
			}
		}
	}
	return out
}

// checkText is a check's message with where it happened (the township too at county level) and the
// rule cited.
func checkText(c analytics.Check, county bool) string {
	where := c.Unit
	if where == "" || county {
		where = c.Township + where
	}
	text := c.Message
	if where != "" && !strings.Contains(text, where) {
		text = where + string(c.Body) + "：" + text
	}
	if c.Citation != "" {
		text += "（" + c.Citation + "）"
	}
	return text
}
