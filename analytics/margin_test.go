package analytics_test

import (
	"strings"
	"testing"

	"electsum/analytics"
)

// TestUncontestedRowHasNoMargin: an election held 无候选人 has no 差额比例 of its own, even when its
// row gives a 候选人数 (南村 in the fixture: 3 seats, 4 "candidates"), so the annex's per-row cell is
// blank; a contested election of the same county keeps its margin (issue 10 item 7).
func TestUncontestedRowHasNoMargin(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	seen := map[string]bool{}
	for _, e := range s.Elections {
		if e.Body != analytics.VillagersCommittee {
			continue
		}
		seen[e.Unit] = true
		switch e.Unit {
		case "南村":
			if e.Margin.OK {
				t.Errorf("南村 (无候选人) has 差额比例 %v", e.Margin.V)
			}
		case "东村":
			if !e.Margin.OK {
				t.Error("东村 (有候选人) lost its 差额比例")
			}
		}
	}
	if !seen["南村"] || !seen["东村"] {
		t.Fatalf("fixture rows missing: %v", seen)
	}
}

// TestChecksQuoteTheirPerson: a check about a person says whom it quotes (Check.Quoted), so that a
// Traditional draft keeps the name as written, and its message is Chinese prose: no ASCII spaces around
// numbers, full-width brackets (issue 10 items 8 and prose).
func TestChecksQuoteTheirPerson(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	found := false
	for _, c := range s.Checks {
		if c.Severity == analytics.SeverityViolation && (strings.Contains(c.Message, " ") || strings.ContainsAny(c.Message, "()")) {
			t.Errorf("%s message %q has ASCII spaces or brackets", c.Rule, c.Message)
		}
		if c.Rule != analytics.RuleVCCandidate {
			continue
		}
		found = true
		if len(c.Quoted) != 1 || !strings.HasPrefix(c.Message, c.Quoted[0]+"（") {
			t.Errorf("check %q quotes %q, want its person", c.Message, c.Quoted)
		}
	}
	if !found {
		t.Fatal("fixture has no vc_candidate_majority check")
	}
}
