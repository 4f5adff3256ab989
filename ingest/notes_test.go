package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Issue 8.3: a real township sheet ends with notes merged across the whole row; each note was copied
// into every column and rejected as 9 wrong-type errors.
func TestNotesUnderTheTableEndIt(t *testing.T) {
	sheet := messyResults(2900)
	sheet.rows = append(sheet.rows,
		[]any{"注：本表由各村填报，镇汇总。"},
		[]any{"填表人：王五    審核人：趙六    填報日期：2024年4月2日"},
		[]any{"单位负责人："},
	)
	sheet.merges = append(sheet.merges, "A9:K9", "A10:K10")
	p := mustParse(t, writeXLSX(t, sheet))
	if errs := rules(p, Error); len(errs) != 0 {
		t.Fatalf("errors %v", errs)
	}
	if got := rules(p, Notice); len(got) != 1 || got[0] != "notes_row@A9" {
		t.Fatalf("notices %v, want one notes_row at A9", got)
	}
	if !strings.Contains(p.Problems[0].Message, "第9行“注：本表由各村填报，镇汇总。”是表格下方的说明") {
		t.Errorf("notice %q", p.Problems[0].Message)
	}
	if len(p.Results) != 3 || len(rules(p, Warning)) != 0 {
		t.Errorf("results %d, warnings %v", len(p.Results), rules(p, Warning))
	}
}

// A row below the notes that is not a note is not read as data, but never silently.
func TestRowsBelowNotesAreWarned(t *testing.T) {
	sheet := messyResults(2900)
	sheet.rows = append(sheet.rows, []any{"说明：数据截至4月"}, nil, []any{"城关镇", "北岭村", 2024, "村委会", 500, 450, 450, 0, 5, 6, 5})
	p := mustParse(t, writeXLSX(t, sheet))
	if got := rules(p, Warning); len(got) != 1 || got[0] != "rows_after_notes@" {
		t.Fatalf("warnings %v", got)
	}
}

// A village whose name starts like a note is data; so is a row whose first cells hold data.
func TestNotesWordsInsideData(t *testing.T) {
	for _, c := range []struct {
		cells []string
		note  bool
	}{
		{[]string{"注：本表由各村填报"}, true},
		{[]string{"", "註1.選舉日期按大會日期填寫"}, true},
		{[]string{"填表人：张三", "", "", "审核人：李四", "", "填报日期：2024.4.2"}, true},
		{[]string{"单位负责人："}, true},
		{[]string{"联系电话"}, true},
		{[]string{"城关镇", "说明村", "2024", "村委会"}, false},
		{[]string{"", "", "", "注：在第四列"}, false},
		{[]string{"注册村", "2024"}, false},
		{[]string{"合计", "1200"}, false},
	} {
		if _, _, got := notesText(c.cells); got != c.note {
			t.Errorf("notesText(%q) = %v, want %v", c.cells, got, c.note)
		}
	}
}

// Merged cells are filled down inside the data area only: a value merged across data columns is never
// copied sideways (today 有效票数 merged over two columns became the 无效票数 too).
func TestDataMergesFillOnlyDown(t *testing.T) {
	sheet := messyResults(2900)
	sheet.rows[4] = []any{"城关镇", "石桥村", 2024, "村委会", 1200, 1100, 1100, nil, 5, 6, 5}
	sheet.merges = append(sheet.merges, "G5:H5")
	p := mustParse(t, writeXLSX(t, sheet))
	r := p.Results[0]
	if r.InvalidBallots != nil || *r.ValidBallots != 1100 {
		t.Errorf("a horizontal merge was copied sideways: valid %v invalid %v", r.ValidBallots, r.InvalidBallots)
	}
	if p.Results[2].Township != "城关镇" {
		t.Errorf("the township merged down its villages no longer fills: %+v", p.Results[2].Key)
	}
}

// The same notes in a GBK CSV (a CSV has no merges, the note stands in the first cell).
func TestNotesUnderACSVTable(t *testing.T) {
	text := "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n" +
		",东镇,河岭村,2024,村民委员会,300,280,3,3\n" +
		"注：本表由各村填报，镇汇总。,,,,,,,,\n填表人：王五,,审核人：赵六,,,,填报日期：2024年4月2日,,\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, writeFile(t, "选举结果.csv", []byte(gbk)))
	if errs := rules(p, Error); len(errs) != 0 || len(p.Results) != 1 {
		t.Fatalf("errors %v, results %d", errs, len(p.Results))
	}
	if got := rules(p, Notice); len(got) != 1 || got[0] != "notes_row@A3" {
		t.Errorf("notices %v", got)
	}
}

// Every word of issue 8.3 starts a notes row, in both scripts, alone or followed by a colon and text;
// followed by other characters in a row with other cells (a village named after it), it does not.
func TestEveryNotesWordInBothScripts(t *testing.T) {
	for _, w := range []string{
		"注", "註", "说明", "說明", "备注", "備註", "填表人", "填报人", "填報人", "制表人", "製表人",
		"审核人", "審核人", "负责人", "負責人", "联系电话", "聯繫電話", "聯絡電話", "填报日期", "填報日期",
	} {
		for _, cells := range [][]string{{w + "："}, {w + ":王五"}, {"", w + "：王五"}, {w + "：王五", "", "", "", "其他：…"}} {
			if _, _, ok := notesText(cells); !ok {
				t.Errorf("notesText(%q) is not a notes row", cells)
			}
		}
		if _, _, ok := notesText([]string{"东镇", w + "村", "2024", "村民委员会"}); ok {
			t.Errorf("a data row with the village %s村 is a notes row", w)
		}
	}
}
