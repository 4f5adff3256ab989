package ingest

import (
	"slices"
	"testing"

	"electsum"
)

func TestSchoolingHeader(t *testing.T) {
	for _, c := range []struct {
		child, up string
		want      bool
	}{
		{"全日制学历", "", true}, {"在职学历", "", true}, {"全日制教育学历", "", true}, {"在職教育學歷", "", true},
		{"全日制教育", "", true}, {"学历", "全日制教育", true}, {"学历", "在职教育", true},
		{"毕业院校及专业", "全日制教育", false}, {"学历", "", false}, {"最高学历", "", false}, {"全日制", "", false},
		{"在职", "", false}, {"在职情况", "", false},
	} {
		if got, _ := schoolingHeader(c.child, c.up); got != c.want {
			t.Errorf("schoolingHeader(%q, %q) = %v", c.child, c.up, got)
		}
	}
}

func TestHigherEducation(t *testing.T) {
	r := func(name string) []string { return educationRangeValues(name) }
	for _, c := range []struct {
		given [][]string
		want  string
	}{
		{[][]string{{"高中"}, {"大学专科"}}, "大学专科"},
		{[][]string{{"大学本科"}, {"研究生"}}, "研究生"},
		{[][]string{{"初中"}}, "初中"},
		{[][]string{r("初中及以下"), {"中专"}}, "中专"},
		{[][]string{r("初中及以下"), {"初中"}}, "初中"},
		{[][]string{r("高中（中专）"), {"高中"}}, "高中（中专）"},
		{[][]string{r("大专及以上"), {"高中"}}, "大专及以上"},
		{[][]string{r("初中及以下"), r("初中及以下")}, "初中及以下"},
	} {
		if got := higherEducation(c.given); got != c.want {
			t.Errorf("higherEducation(%q) = %q, want %q", c.given, got, c.want)
		}
	}
}

// TestSchoolingColumns: a roster with 全日制 and 在职 学历 and no 学历 counts the higher of the two; with a
// 学历 column they are not read; a row with neither is an error at the first.
func TestSchoolingColumns(t *testing.T) {
	head := []any{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌"}
	row := func(name string, more ...any) []any {
		return append([]any{"青石镇", "东山村", 2024, "村委会", name, "委员", "男", 44, "群众"}, more...)
	}
	cases := []struct {
		name     string
		rows     [][]any
		merges   []string
		want     []string
		problems []string
	}{
		{name: "one header row", rows: [][]any{append(head, "全日制学历", "在职学历"),
			row("王芳", "高中", "大专"), row("李四", "初中", ""), row("赵六", "", "中专")},
			want: []string{"大学专科", "初中", "中专"}, problems: []string{"education_of_schooling@J1"}},
		{name: "学历 under 全日制教育 and 在职教育", rows: [][]any{
			append(head, "全日制教育", "", "在职教育", ""),
			append([]any{"", "", "", "", "", "", "", "", ""}, "学历", "毕业院校及专业", "学历", "毕业院校及专业"),
			row("王芳", "大学本科", "某大学", "研究生", "某党校"), row("李四", "高中", "某中学", "", "")},
			merges: []string{"A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "I1:I2", "J1:K1", "L1:M1"},
			want:   []string{"研究生", "高中"}, problems: []string{"education_of_schooling@J2", "unknown_column@K2", "unknown_column@M2"}},
		{name: "beside a 学历 column", rows: [][]any{append(head, "学历", "在职学历"), row("王芳", "高中", "大专")},
			want: []string{"高中"}, problems: []string{"unknown_column@K1"}},
		{name: "neither filled", rows: [][]any{append(head, "全日制学历", "在职学历"), row("王芳", "", "")},
			problems: []string{"education_of_schooling@J1", "missing_value@J2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseFile(writeXLSX(t, sheetData{name: "当选人员", rows: c.rows, merges: c.merges}), ParseOptions{County: "白河县"})
			if err != nil {
				t.Fatal(err)
			}
			var got, problems []string
			for _, m := range p.Members {
				got = append(got, m.Education)
			}
			for _, pr := range p.Problems {
				problems = append(problems, pr.Rule+"@"+pr.Cell)
			}
			slices.Sort(problems)
			if c.want != nil && !slices.Equal(got, c.want) {
				t.Errorf("education %q, want %q", got, c.want)
			}
			if !slices.Equal(problems, c.problems) {
				t.Errorf("problems %q, want %q", problems, c.problems)
				for _, pr := range p.Problems {
					t.Log(pr.Message)
				}
			}
		})
	}
}

func educationRangeValues(name string) []string { return electsum.EducationRanges()[name] }
