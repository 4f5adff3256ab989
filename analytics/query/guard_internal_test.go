package query

import (
	"strings"
	"testing"
)

func TestStripComments(t *testing.T) {
	cases := map[string]string{
		"SELECT 1":                          "SELECT 1",
		"-- note\nSELECT 1":                 "\nSELECT 1",
		"/* a */EXPLAIN /* b */ SELECT 1":   " EXPLAIN   SELECT 1",
		"SELECT '--not a comment' AS s":     "SELECT '--not a comment' AS s",
		`SELECT "a/*b" FROM t -- trailing`:  `SELECT "a/*b" FROM t `,
		"SELECT 1 /* unterminated":          "SELECT 1 ",
		"SELECT 'unterminated":              "SELECT 'unterminated",
		"SELECT 1 -- no newline at the end": "SELECT 1 ",
		"SELECT 'it''s' -- a doubled quote": "SELECT 'it''s' ",
		"SELECT 2 - -1, 4/2":                "SELECT 2 - -1, 4/2",
		"SELECT '中文' /* 注释 */ AS 名 -- 说明":   "SELECT '中文'   AS 名 ",
	}
	for in, want := range cases {
		if got := stripComments(in); got != want {
			t.Errorf("stripComments(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExplained(t *testing.T) {
	cases := []struct{ in, want string }{
		{"EXPLAIN SELECT 1", "SELECT 1"},
		{"explain analyze DELETE FROM t", "DELETE FROM t"},
		{"-- why\nEXPLAIN (FORMAT json) SELECT 1", "SELECT 1"},
		{"/* x */ EXPLAIN ANALYSE\n\tINSERT INTO t VALUES (1)", "INSERT INTO t VALUES (1)"},
	}
	for _, c := range cases {
		got, ok := explained(c.in)
		if !ok || got != c.want {
			t.Errorf("explained(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	if _, ok := explained("SELECT 'EXPLAIN'"); ok {
		t.Error("a SELECT was taken for an EXPLAIN")
	}
}

// FuzzStripComments: any text is handled without panicking, and text with no comment or quote
// characters comes back unchanged.
func FuzzStripComments(f *testing.F) {
	for _, s := range []string{"SELECT 1", "-- c\nSELECT 1", "/* */", "'--'", `"/*"`, "EXPLAIN ANALYZE SELECT 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := stripComments(s)
		explained(s)
		if !strings.ContainsAny(s, "-/'\"") && out != s {
			t.Errorf("stripComments(%q) = %q", s, out)
		}
		if len(out) > len(s) {
			t.Errorf("stripComments(%q) grew to %q", s, out)
		}
	})
}
