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
}

// stated are the findings of section in s, for a report of level whose whole scope is all.
func stated(s *analytics.Summary, section, all string, level analytics.Level) []Stated {
	out := []Stated{}
	for _, f := range s.Findings {
		if f.Section == section {
			out = append(out, Stated{Finding: f, All: all, Level: level})
		}
	}
	return out
}

// CheckAt is a check with the place a sentence names it by (the template "check" words it).
type CheckAt struct {
	analytics.Check
	Where string
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
