package analytics

import (
	"fmt"
	"math"
	"strings"
)

// whereHeads names a body's heads in the 数据核对 notes.
const whereHeads = "带头人"

// inconsistencies cross-checks the model: parts that should add up to a total and distributions whose
// shares should total 100.0. Each failure is a sentence for the report's 数据核对 notes. A figure that
// cannot be right (a turnout over 100%, an average age outside 18–100) is dropped from s, so no
// sentence prints it.
func inconsistencies(s *Summary, opts Options) []string {
	out := []string{}
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	checkStructure := func(where string, st *Structure) {
		if a := st.AverageAge.Current; a.OK && (a.V < 18 || a.V > 100) {
			add("%s：平均年龄 %.1f 岁不合常理，正文未采用，请核对出生年月或年龄", where, a.V)
			st.AverageAge = Figure{}
		}
		total := st.Total.Current
		if !total.OK || total.Int() == 0 {
			return
		}
		dist := func(name string, parts []Part, mustSum bool) {
			sum, known, shares := 0, false, 0.0
			for _, p := range parts {
				if p.Count.Current.OK {
					known = true
					sum += p.Count.Current.Int()
				}
				shares += p.Share.Current.V
			}
			if !known {
				return
			}
			if sum != total.Int() {
				if mustSum {
					add("%s：%s各项合计 %d 人，与总数 %d 人不符", where, name, sum, total.Int())
				} else {
					add("%s：%s各项合计 %d 人，另有 %d 人未填写", where, name, sum, total.Int()-sum)
				}
				return
			}
			if opts.Rounding == LargestRemainder && math.Abs(shares-100) > 1e-6 {
				add("%s：%s各项占比合计 %.1f%%，不等于 100%%", where, name, shares)
			}
		}
		dist("年龄段", st.AgeBands, false)
		dist("学历", st.Education, false)
		dist("职务", st.Positions, true)
		// Heads have 连任 only where the unit had a head last term (head_terms): the others are not a gap.
		if st.Reelected.Count.Current.OK && st.New.Count.Current.OK && !strings.HasSuffix(where, whereHeads) {
			if n := st.Reelected.Count.Current.Int() + st.New.Count.Current.Int(); n != total.Int() {
				add("%s：连任 %d 人与新当选 %d 人合计 %d 人，另有 %d 人未填写是否连任", where,
					st.Reelected.Count.Current.Int(), st.New.Count.Current.Int(), n, total.Int()-n)
			}
		}
	}
	for i := range s.Bodies {
		b := &s.Bodies[i]
		where := string(b.Body)
		checkStructure(where+"成员", &b.Members)
		checkStructure(where+whereHeads, &b.Heads)
		el, mem := b.Seats.Elected.Current, b.Members.Total.Current
		if el.OK && mem.OK && el.Int() != mem.Int() {
			add("%s：选举结果表中当选人数合计 %d 人，当选人员名单中有 %d 人", where, el.Int(), mem.Int())
		}
		r, v := b.Participation.Registered.Current, b.Participation.Voted.Current
		if r.OK && v.OK && v.V > r.V {
			add("%s：参加投票人数合计 %d 人，多于登记选民数合计 %d 人，正文未采用参选率", where, v.Int(), r.Int())
			b.Participation.Turnout.Current = Value{}
		}
	}
	for i := range s.TwoCommittees {
		t := &s.TwoCommittees[i]
		where := t.Kind + "“两委”"
		checkStructure(where+"成员", &t.Persons)
		if t.Positions.Current.OK && t.Persons.Total.Current.OK && t.CrossPersons.Count.Current.OK {
			if t.Positions.Current.Int() != t.Persons.Total.Current.Int()+t.CrossPersons.Count.Current.Int() {
				add("%s：职数 %d 个不等于人数 %d 人加交叉任职 %d 人(同一人在同一组织中出现了两次)", where,
					t.Positions.Current.Int(), t.Persons.Total.Current.Int(), t.CrossPersons.Count.Current.Int())
			}
		}
	}
	return out
}
