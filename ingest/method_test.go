package ingest

import (
	"testing"

	"electsum"
)

// TestMethodValues: 选举方式 is an open list. A usual value in any spelling or script is stored as its
// canonical form; 村民代表会议推选, which says that 登记选民数/参加投票人数 hold 应到/实到村民代表, is
// recognised however a township writes it; any other value is kept as written, without a problem.
func TestMethodValues(t *testing.T) {
	header := append(append([]any{}, resultsHeader...), "选举方式")
	row := func(unit, body, method string) []any {
		return append(resultRow(unit, body, 5), method)
	}
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{header,
		row("石桥村", "村务监督委员会", "村民代表會議"),
		row("河口村", "村务监督委员会", "由村民代表会议推选"),
		row("石桥村", "村党组织", "兩推一選"),
		row("河口村", "村党组织", "两推一选（公推）"),
		row("东岭村", "村民委员会", ""),
	}}))
	if len(p.Problems) != 0 {
		t.Errorf("problems: %v", p.Problems)
	}
	want := []string{electsum.ByRepresentatives, electsum.ByRepresentatives, "两推一选", "两推一选（公推）", ""}
	if len(p.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(p.Results), len(want))
	}
	for i, r := range p.Results {
		if r.Method != want[i] {
			t.Errorf("row %d: method %q, want %q", i+2, r.Method, want[i])
		}
	}
}

// TestMethodBodyMismatch: only a 村务监督委员会 is chosen by a 村民代表会议 (村民委员会组织法 第三十二条);
// a 村民委员会 row that says so would hold representatives where the drafts read voters.
func TestMethodBodyMismatch(t *testing.T) {
	header := append(append([]any{}, resultsHeader...), "选举方式")
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{header,
		append(resultRow("石桥村", "村民委员会", 5), "村民代表会议"),
	}}))
	var got []Problem
	for _, pr := range p.Problems {
		if pr.Rule == "method_body_mismatch" {
			got = append(got, pr)
		}
	}
	if len(got) != 1 {
		t.Fatalf("method_body_mismatch problems: %v (all: %v)", got, p.Problems)
	}
	const msg = "选举方式(N2)为“村民代表会议推选”，但选举类型(E2)为村民委员会：村民代表会议推选只用于村务监督委员会(《中华人民共和国村民委员会组织法》第三十二条)，请核对这两项"
	if got[0].Severity != Error || got[0].Cell != "N2" || got[0].Message != msg {
		t.Errorf("got %s@%s %q\nwant Error@N2 %q", got[0].Severity, got[0].Cell, got[0].Message, msg)
	}
}
