package reports

import (
	"electsum/analytics"
)

// Stated is a finding as a template words it (finding.<kind> in findings.md.tmpl): the model's
// analytics.Finding with what its wording needs from the report, All (全县, 全镇) and the report's Level.
type Stated struct {
	analytics.Finding
	All   string          `json:"all"`
	Level analytics.Level `json:"level"`
	// Annexed is set when the annex workbook lists every check (the village workbook's 数据核对
	// sheet, which stays with the drafter and is not listed under 附件), so that a long list of
	// checks may name a few in the text and point the drafter to the sheet in the draft's 数据核对
	// notes; the people's and party congress annexes have no such sheet, and their drafts name
	// every check.
	Annexed bool `json:"annexed,omitempty"`
	// ListAnnex is the number under 附件 of the sheet listing every unit 四、存在的问题 names (the
	// village annex's 存在问题的村（社区）名单, the people's congress annex's 选区情况统计表, which flags
	// them); a list the draft cuts short refers to it. 0: no such sheet.
	ListAnnex int `json:"list_annex,omitempty"`
}

// stated are the findings of section in s, for a report of level whose whole scope is all; the
// village annex lists every check, and every unit of a problem under 附件 number list (0: none).
func stated(s *analytics.Summary, section, all string, level analytics.Level, list int) []Stated {
	out := []Stated{}
	for _, f := range s.Findings {
		if f.Section == section {
			out = append(out, Stated{Finding: f, All: all, Level: level, Annexed: true, ListAnnex: list})
		}
	}
	return out
}

// listAnnex is the number under 附件 (the list annex, words.toml [drafts.annex]) of sheet, the one
// listing every unit 四、存在的问题 names (0: not listed).
func listAnnex(annex []string, sheet string) int {
	for i, a := range annex {
		if a != "" && a == sheet {
			return i + 1
		}
	}
	return 0
}

// violations are the legal-check failures among checks as the one finding of 存在的问题 of a draft
// whose annex does not list them (人大, 党代会), for a report of level whose whole scope is all.
func violations(checks []analytics.Check, all string, level analytics.Level) []Stated {
	out := []Stated{}
	var failed []analytics.Check
	for _, c := range checks {
		if c.Severity == analytics.SeverityViolation {
			failed = append(failed, c)
		}
	}
	if len(failed) > 0 {
		out = append(out, Stated{Finding: analytics.Finding{Section: analytics.SectionProblem,
			Kind: analytics.FindingViolations, Checks: analytics.ByRule(failed)}, All: all, Level: level})
	}
	return out
}

// CheckAt is a check with the place a sentence names it by (the template "check" words it).
type CheckAt struct {
	analytics.Check
	Where string
}

// Uncited is c without its citation, for a check followed by another of the same rule, which cites it
// for both (finding.violations: one legal citation per rule).
func Uncited(c CheckAt) CheckAt {
	c.Citation = ""
	return c
}

// At names c's place: its unit, or its township and unit when withTownship (a county's draft, where
// unit names repeat across townships) or when it has no unit.
func At(c analytics.Check, withTownship bool) CheckAt {
	where := c.Unit
	if where == "" || withTownship {
		where = c.Township + where
	}
	return CheckAt{Check: c, Where: where}
}
