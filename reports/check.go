package reports

import (
	"encoding/json"
	"fmt"
	"math"

	"electsum/analytics"
)

// shareTolerance is how far (in points) a printed share may be from count/total×100: half a tenth for
// half-up rounding, a tenth more for largest-remainder rounding.
const shareTolerance = 0.151

// crossCheck checks that the summary's parts add up to their totals and that shares match counts. It
// returns a copy in which impossible figures are dropped (so no sentence prints them) and one 数据核对
// note per problem, followed by the summary's own inconsistencies and the data warnings.
func crossCheck(in *analytics.Summary) (*analytics.Summary, []string) {
	s := copySummary(in)
	c := &checker{}
	for i := range s.Bodies {
		b := &s.Bodies[i]
		c.participation(string(b.Body), &b.Participation)
		c.structure(string(b.Body)+"成员", &b.Members)
		c.structure(string(b.Body)+HeadTitle(b.Body), &b.Heads)
		c.structure(string(b.Body)+"新任"+HeadTitle(b.Body), &b.NewHeads)
	}
	for i := range s.TwoCommittees {
		t := &s.TwoCommittees[i]
		c.structure(t.Kind+"“两委”成员", &t.Persons)
		units := analytics.Value{}
		for _, b := range []analytics.Body{analytics.PartyBranch, analytics.CommunityParty} {
			if bs := s.Body(b); bs != nil && UnitNoun(b) == t.Kind {
				units = bs.Participation.Units.Current
			}
		}
		if units.OK {
			c.part(t.Kind+"“一肩挑”", &t.OneShoulder, units, "个")
			c.part(t.Kind+"交叉任职", &t.CrossUnits, units, "个")
			c.part(t.Kind+"无女性成员的委员会", &t.NoWoman, units, "个")
		}
		c.part(t.Kind+"“两委”交叉任职人员", &t.CrossPersons, t.Persons.Total.Current, "人")
	}
	notes := c.notes
	notes = append(notes, s.Inconsistencies...)
	for _, ch := range s.Checks {
		if ch.Severity != "违规" {
			notes = append(notes, checkText(ch, true))
		}
	}
	return s, notes
}

// copySummary deep-copies through JSON, which keeps missing values missing (null).
func copySummary(s *analytics.Summary) *analytics.Summary {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("reports: summary does not marshal: %v", err))
	}
	out := new(analytics.Summary)
	if err := json.Unmarshal(b, out); err != nil {
		panic(fmt.Sprintf("reports: summary does not unmarshal: %v", err))
	}
	return out
}

type checker struct{ notes []string }

func (c *checker) notef(format string, args ...any) {
	c.notes = append(c.notes, fmt.Sprintf(format, args...))
}

// part checks one part against its whole: a count above the whole is dropped, a share that does not
// match the count is dropped.
func (c *checker) part(what string, p *analytics.Part, total analytics.Value, unit string) {
	cnt := p.Count.Current
	if !cnt.OK || !total.OK {
		return
	}
	if cnt.V > total.V || cnt.V < 0 {
		c.notef("%s%s%s超出总数%s%s，正文未采用该数字，请核对原始数据。", what, Num(cnt.V), unit, Num(total.V), unit)
		p.Count.Current, p.Share.Current = analytics.Value{}, analytics.Value{}
		return
	}
	if sh := p.Share.Current; sh.OK && total.V > 0 {
		want := cnt.V / total.V * 100
		switch {
		case sh.V > 100 || sh.V < want-shareTolerance:
			c.notef("%s占比%s与人数%s%s÷%s%s=%s不符，正文未采用该占比。", what, Pct(sh), Num(cnt.V), unit, Num(total.V), unit, Pct(analytics.Known(want)))
			p.Share.Current = analytics.Value{}
		case sh.V > want+shareTolerance:
			// The share was taken over the people for whom the item was filled in, a smaller
			// denominator than the whole: printed beside the whole it would mislead.
			c.notef("%s%s%s，占填写该项人员的%s（按总数%s%s计为%s），正文只写人数。", what, Num(cnt.V), unit, Pct(sh), Num(total.V), unit, Pct(analytics.Known(want)))
			p.Share.Current = analytics.Value{}
		}
	}
}

func (c *checker) structure(what string, st *analytics.Structure) {
	total := st.Total.Current
	if !total.OK {
		return
	}
	for _, p := range []struct {
		label string
		part  *analytics.Part
	}{{"女性", &st.Women}, {"中共党员", &st.PartyMembers}, {"少数民族", &st.Minorities}, {"连任", &st.Reelected},
		{"新当选", &st.New}, {"致富带头人", &st.WealthLeaders}, {"大学生村官", &st.GraduateOfficials}} {
		c.part(what+"中"+p.label, p.part, total, "人")
	}
	c.distribution(what, "年龄段", st.AgeBands, total)
	c.distribution(what, "学历", st.Education, total)
	r, n := st.Reelected.Count.Current, st.New.Count.Current
	if r.OK && n.OK && r.V+n.V != total.V {
		c.notef("%s中连任%s人与新当选%s人合计%s人，与总数%s人不符，请核对“是否连任”一栏。", what, Num(r.V), Num(n.V), Num(r.V+n.V), Num(total.V))
	}
	if a := st.AverageAge.Current; a.OK && (a.V < 18 || a.V > 100) {
		c.notef("%s平均年龄%s岁不合常理，正文未采用，请核对出生年月或年龄。", what, Num(a.V))
		st.AverageAge.Current = analytics.Value{}
	}
}

// distribution checks that the parts of a distribution do not exceed the whole; parts summing to less
// mean some people lack the attribute, which the note says.
func (c *checker) distribution(what, dim string, ps []analytics.Part, total analytics.Value) {
	sum, any, impossible := 0.0, false, false
	for i := range ps {
		if cnt := ps[i].Count.Current; cnt.OK && cnt.V > total.V {
			impossible = true
		}
		c.part(what+"中"+ps[i].Label, &ps[i], total, "人")
		if ps[i].Count.Current.OK {
			sum += ps[i].Count.Current.V
			any = true
		}
	}
	switch {
	case impossible || sum > total.V:
		if !impossible {
			c.notef("%s各%s人数合计%s人，多于总数%s人，正文未采用%s分组，请核对原始数据。", what, dim, Num(sum), Num(total.V), dim)
		}
		for i := range ps {
			ps[i].Count.Current, ps[i].Share.Current = analytics.Value{}, analytics.Value{}
		}
	case any && sum < total.V:
		c.notef("%s中有%s人未填写或无法归入%s分组（各组合计%s人，总数%s人）。", what, Num(total.V-sum), dim, Num(sum), Num(total.V))
	}
}

func (c *checker) participation(what string, p *analytics.Participation) {
	reg, voted := p.Registered.Current, p.Voted.Current
	if !reg.OK || !voted.OK {
		return
	}
	if voted.V > reg.V {
		c.notef("%s参加投票%s人多于登记选民%s人，正文未采用参选率，请核对原始数据。", what, Num(voted.V), Num(reg.V))
		p.Turnout.Current = analytics.Value{}
		return
	}
	if t := p.Turnout.Current; t.OK && reg.V > 0 && math.Abs(t.V-voted.V/reg.V*100) > shareTolerance {
		c.notef("%s参选率%s与参加投票%s人÷登记选民%s人不符，正文未采用参选率。", what, Pct(t), Num(voted.V), Num(reg.V))
		p.Turnout.Current = analytics.Value{}
	}
	c.part(what+"委托投票", &p.ProxyVotes, voted, "人")
	c.part(what+"流动票箱投票", &p.MobileVotes, voted, "人")
}
