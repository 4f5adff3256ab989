package query_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"electsum/analytics/query"
	"electsum/analytics/query/querytest"
)

// csv shown on a terminal escapes ESC, other control characters and bidi overrides as the table does
// (electsum query --format csv replayed ESC sequences to the terminal); written to a file it keeps the
// values as they are. json writes them as \u escapes always: the same values for a JSON reader.
func TestTerminalEscapesControlsInCSVAndJSON(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	q := "SELECT chr(27) || '[31m红' AS a, 'x' || chr(8238) || 'y' AS b, '第一行' || chr(10) || '第二行' AS c, chr(155) || '2J' AS d"
	for _, f := range []query.Format{query.FormatCSV, query.FormatJSON} {
		for _, terminal := range []bool{true, false} {
			rows, err := query.Open(context.Background(), db, q)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			err = query.Write(&out, rows, f, query.WriteOptions{Terminal: terminal})
			rows.Close()
			if err != nil {
				t.Fatal(err)
			}
			got := out.String()
			raw := strings.ContainsAny(got, "\x1b\u202e\u009b")
			if (terminal || f == query.FormatJSON) && (raw || !strings.Contains(got, `\u001b[31m红`) || !strings.Contains(got, `x\u202ey`) || !strings.Contains(got, `\u009b2J`)) {
				t.Errorf("%s (terminal %v): %q", f, terminal, got)
			}
			if !terminal && f == query.FormatCSV && !raw {
				t.Errorf("%s to a file changed the values: %q", f, got)
			}
			var objs []map[string]string
			if f == query.FormatJSON && (json.Unmarshal(out.Bytes(), &objs) != nil || objs[0]["a"] != "\x1b[31m红" || objs[0]["b"] != "x\u202ey") {
				t.Errorf("json does not read back as the values: %v", objs)
			}
			if f == query.FormatCSV && !strings.Contains(got, "\"第一行\n第二行\"") {
				t.Errorf("%s (terminal %v): the line break is not kept in quotes: %q", f, terminal, got)
			}
		}
	}
}
