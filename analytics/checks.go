package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Severities of a Check.
const (
	SeverityViolation = "违规"   // a legal check failed
	SeverityNotice    = "提示"   // a data warning from ingest
	SeverityDataError = "数据错误" // the data contradict themselves (vote_checks): to be corrected, not a finding
)

// Rule codes of the legal checks, the same in v_checks.
const (
	RuleVCTurnout   = "vc_turnout_majority"
	RuleVCCandidate = "vc_candidate_majority"
	RuleVCWoman     = "vc_woman_member"
	RulePartyQuorum = "party_quorum"
	// RuleRepresentativesQuorum: a 村务监督委员会 chosen by a 村民代表会议 (electsum.ByRepresentatives)
	// with fewer than two thirds of the representatives due present (《村民委员会组织法》第二十六条).
	RuleRepresentativesQuorum = "sc_representatives_quorum"
	RulePartyCandidate        = "party_candidate_majority"
	RulePartyMargin           = "party_candidate_margin"
	// RuleVotesOverBallots is the data check of vote_checks (06_v_checks.sql): a person's 得票数 above
	// the 有效票数 (else 参加投票人数) of their election, wherever the two rows came from.
	RuleVotesOverBallots = "votes_gt_valid_ballots"
	// RuleCongressRolls is the data check of congress_checks (07_v_congress.sql): a township's 乡级
	// 选区 add up to another 选民登记 than its 县级 ones. It may have a reason (a 县级 选区 of a work
	// unit), so it is a notice.
	RuleCongressRolls = "renda_levels_roll"
)

// severityOf is the severity of a v_checks or congress_checks rule: every one is a legal check but
// the data checks RuleVotesOverBallots and RuleCongressRolls.
func severityOf(rule string) string {
	switch rule {
	case RuleVotesOverBallots:
		return SeverityDataError
	case RuleCongressRolls:
		return SeverityNotice
	}
	return SeverityViolation
}

// checkOrder places a rule in the report: group 0 the elections' own figures (turnout or quorum
// before the margin of the same election, by within), 1 the elected members' votes, 2 the committees.
func checkOrder(rule string) (group, within int) {
	switch rule {
	case RuleVCTurnout, RulePartyQuorum, RuleRepresentativesQuorum:
		return 0, 0
	case RulePartyMargin:
		return 0, 1
	case RuleVCCandidate, RulePartyCandidate:
		return 1, 0
	}
	return 2, 0
}

// checkRow is one row of sql/checks.sql.
type checkRow struct {
	Check
	name, position string
}

// loadChecks reads the year's legal-check failures of the scope from v_checks on conn (a figureConn
// after scopeTurnout: its copy scope_v_checks), in report order (checkOrder), by unit, body and, for
// members, position and name.
func loadChecks(ctx context.Context, conn querier, s Scope) ([]Check, error) {
	var rs []checkRow
	err := eachRow(ctx, conn, "the legal checks", sqlText("checks"), append([]any{s.Year}, scopeArgs(s)...), func(rows *sql.Rows) error {
		var r checkRow
		var body string
		if err := rows.Scan(&r.Rule, &r.Citation, &r.County, &r.Township, &r.Unit, &r.Year, &body,
			&r.name, &r.position, &r.Message); err != nil {
			return err
		}
		r.Severity = severityOf(r.Rule)
		r.Body = Body(body)
		if r.name != "" {
			r.Quoted = []string{r.name}
		}
		rs = append(rs, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		ga, wa := checkOrder(a.Rule)
		gb, wb := checkOrder(b.Rule)
		if ga != gb {
			return ga < gb
		}
		if ka, kb := unitKey(a.UnitRef), unitKey(b.UnitRef); ka != kb {
			return lessUnit(ka, kb)
		}
		if a.Body != b.Body {
			return a.Body.Rank() < b.Body.Rank()
		}
		if ra, rb := rankOf(positionOrder, a.position), rankOf(positionOrder, b.position); ra != rb {
			return ra < rb
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return wa < wb
	})
	out := make([]Check, len(rs))
	for i, r := range rs {
		out[i] = r.Check
	}
	return out, nil
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
		var quoted []string
		for _, q := range []string{w.File, w.Sheet} {
			if q != "" {
				quoted = append(quoted, q)
			}
		}
		out = append(out, Check{Rule: w.Rule, Severity: SeverityNotice, UnitRef: w.ref(), Year: w.Year, Body: w.Body, Message: msg, Quoted: quoted})
	}
	return out
}
