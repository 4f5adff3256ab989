package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const membersCSV = `城关镇2024年当选人员名单
乡镇,村,年份,选举类型,姓名,职务,性别,出生年月,民族,政治面貌,学历,是否连任
城关镇,石桥村,2024,村委会,张三,村委会主任,男,1975.03,汉,党员,本科,是
城关镇,石桥村,2024,村委会,"李　四",委员,女,1980年11月,漢族,群眾,大專,否
`

func TestCSVEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(membersCSV)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().String(membersCSV)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data string
	}{
		{"utf-8", membersCSV},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + membersCSV},
		{"gbk", gbk},
		{"gb18030", gb18030},
		{"crlf", strings.ReplaceAll(membersCSV, "\n", "\r\n")},
		{"tab separated", strings.ReplaceAll(membersCSV, ",", "\t")},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, writeFile(t, "members.csv", []byte(c.data)))
			if len(p.Problems) != 0 {
				t.Fatalf("problems: %v", p.Problems)
			}
			if len(p.Members) != 2 {
				t.Fatalf("members = %d, want 2", len(p.Members))
			}
			a, b := p.Members[0], p.Members[1]
			if a.Name != "张三" || a.Position != "主任" || a.Party != "中共党员" || a.Education != "大学本科" || a.Ethnicity != "汉族" || a.Body != "村民委员会" {
				t.Errorf("first member = %+v", a)
			}
			if b.Name != "李四" || b.Party != "群众" || b.Education != "大学专科" || b.Ethnicity != "汉族" || b.Birth.Format("2006-01") != "1980-11" {
				t.Errorf("second member = %+v", b)
			}
			if a.Row != 3 || b.Row != 4 || a.Sheet != "" {
				t.Errorf("rows = %d, %d; want 3, 4", a.Row, b.Row)
			}
		})
	}
}

func TestCSVProblemsNameCells(t *testing.T) {
	data := "乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,石桥村,2024,村委会,100,120,5,5\n"
	p := mustParse(t, writeFile(t, "results.csv", []byte(data)))
	got := rules(p, Error)
	if len(got) != 1 || got[0] != "voted_gt_registered@F2" {
		t.Fatalf("errors = %v", got)
	}
	if s := p.Problems[0].String(); !strings.HasSuffix(s, "results.csv:F2: 参加投票人数(F2)为 120，多于登记选民数(E2)的 100：请核对这两项") {
		t.Errorf("String() = %s", s)
	}
}

func TestCSVWithoutHeader(t *testing.T) {
	p := mustParse(t, writeFile(t, "notes.csv", []byte("a,b,c\n1,2,3\n")))
	if got := rules(p, Error); len(got) != 1 || got[0] != "no_data_sheet@" {
		t.Errorf("errors = %v", got)
	}
	if got := rules(p, Notice); len(got) != 1 || got[0] != "unknown_sheet@" {
		t.Errorf("notices = %v", got)
	}
}
