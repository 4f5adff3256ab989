package analytics

import (
	"fmt"

	"electsum"
)

// Severities of a Check.
const (
	SeverityViolation = "违规" // a legal check failed
	SeverityNotice    = "提示" // a data warning from ingest
)

// Rule codes of the legal checks, the same in v_checks.
const (
	RuleVCTurnout         = "vc_turnout_majority"
	RuleVCCandidate       = "vc_candidate_majority"
	RuleVCWoman           = "vc_woman_member"
	RulePartyQuorum       = "party_quorum"
	RulePartyCandidate    = "party_candidate_majority"
	RulePartyMargin       = "party_candidate_margin"
	citeVCLaw34           = "《中华人民共和国村民委员会组织法》第三十四条"
	citeVCLaw6            = "《中华人民共和国村民委员会组织法》第六条"
	citePartyRegulation   = "《中国共产党基层组织选举工作条例》"
	citePartyQuorumText   = citePartyRegulation + "关于有选举权的到会人数须超过应到会人数五分之四的规定"
	citePartyMajorityText = citePartyRegulation + "关于被选举人获得的赞成票须超过实到会有选举权人数一半的规定"
	citePartyMarginText   = citePartyRegulation + "关于委员候选人差额不少于应选人数20%的规定"
)

// legalChecks lists every failing unit (and candidate) of the year's data, with the figures that fail.
// Elections are checked in their row order (township, unit, body); member checks follow per unit.
func legalChecks(year int, cur data) []Check {
	var out []Check
	add := func(rule, citation string, k unitKey, b Body, msg string) {
		out = append(out, Check{Rule: rule, Citation: citation, Severity: SeverityViolation, UnitRef: k.ref(), Year: year, Body: b, Message: msg})
	}
	for _, e := range cur.elections {
		r, v := e.Registered, e.Voted
		switch {
		case e.Body == VillagersCommittee && r.Valid && v.Valid && r.Int64 > 0 && 2*v.Int64 <= r.Int64:
			add(RuleVCTurnout, citeVCLaw34, e.unitKey, e.Body, fmt.Sprintf(
				"登记选民 %d 人，参加投票 %d 人(%.1f%%)，未超过半数，选举无效", r.Int64, v.Int64, electsum.Round(100*float64(v.Int64)/float64(r.Int64), 1)))
		case e.Body.Party() && r.Valid && v.Valid && r.Int64 > 0 && 5*v.Int64 <= 4*r.Int64:
			add(RulePartyQuorum, citePartyQuorumText, e.unitKey, e.Body, fmt.Sprintf(
				"应到会 %d 人，实到会 %d 人(%.1f%%)，未超过五分之四，会议无效", r.Int64, v.Int64, electsum.Round(100*float64(v.Int64)/float64(r.Int64), 1)))
		}
		if e.Body.Party() && e.Seats.Valid && e.Candidates.Valid && e.Seats.Int64 > 0 && 5*e.Candidates.Int64 < 6*e.Seats.Int64 {
			add(RulePartyMargin, citePartyMarginText, e.unitKey, e.Body, fmt.Sprintf(
				"应选 %d 名，候选人 %d 名，差额比例 %.1f%%，不足 20%%", e.Seats.Int64, e.Candidates.Int64,
				electsum.Round(100*float64(e.Candidates.Int64-e.Seats.Int64)/float64(e.Seats.Int64), 1)))
		}
	}
	voted := map[unitKey]map[Body]int64{}
	for _, e := range cur.elections {
		if e.Voted.Valid {
			if voted[e.unitKey] == nil {
				voted[e.unitKey] = map[Body]int64{}
			}
			voted[e.unitKey][e.Body] = e.Voted.Int64
		}
	}
	for _, m := range cur.members {
		v, ok := voted[m.unitKey][m.Body]
		if !ok || !m.Votes.Valid || 2*m.Votes.Int64 > v {
			continue
		}
		switch {
		case m.Body == VillagersCommittee:
			add(RuleVCCandidate, citeVCLaw34, m.unitKey, m.Body, fmt.Sprintf(
				"%s(%s)得票 %d 张，参加投票 %d 人，未获得过半数选票", m.Name, m.Position, m.Votes.Int64, v))
		case m.Body.Party():
			add(RulePartyCandidate, citePartyMajorityText, m.unitKey, m.Body, fmt.Sprintf(
				"%s(%s)得赞成票 %d 张，实到会 %d 人，未超过半数", m.Name, m.Position, m.Votes.Int64, v))
		}
	}
	for _, u := range twoCommitteeUnits(electsum.Pairs()[0], cur) {
		if len(u.committee) == 0 {
			continue
		}
		women := 0
		for _, c := range u.committee {
			if c.Gender == "女" {
				women++
			}
		}
		if women == 0 {
			add(RuleVCWoman, citeVCLaw6, u.unitKey, VillagersCommittee, fmt.Sprintf(
				"村民委员会 %d 名成员中没有妇女成员", len(u.committee)))
		}
	}
	return out
}

// warningChecks turns ingest's data warnings into notices.
func warningChecks(ws []*warningRow) []Check {
	var out []Check
	for _, w := range ws {
		msg := w.Message
		if w.File != "" {
			loc := w.File
			if w.Sheet != "" {
				loc += ":" + w.Sheet
				if w.Row > 0 {
					loc += fmt.Sprintf("!第%d行", w.Row)
				}
			}
			msg = loc + ": " + msg
		}
		out = append(out, Check{Rule: w.Rule, Severity: SeverityNotice, UnitRef: w.ref(), Year: w.Year, Body: w.Body, Message: msg})
	}
	return out
}
