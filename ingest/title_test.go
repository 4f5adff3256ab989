package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPlacesFromTitle: a sheet without 乡镇(街道) or 年份 takes them from its title, before its sheet's
// name, its file's name and --year (title.go); a title and a name that disagree are warned of.
func TestPlacesFromTitle(t *testing.T) {
	header := []any{"村(社区)", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	row := []any{"东岭村", "村民委员会", 500, 450, 5, 5}
	cases := []struct {
		name               string
		file, sheet, title string
		sender             string // a 填报单位 cell in a row of labels below the title
		year               int    // the load's --year
		township           string
		wantYear           int
		warnings, notices  []string
	}{
		{name: "title gives both", file: "选举结果.xlsx", sheet: "Sheet1", title: "北山乡2024年村级换届选举结果统计表",
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "Traditional title", file: "選舉結果.xlsx", sheet: "Sheet1", title: "青山鎮2021年村（社區）「兩委」換屆選舉情況統計表",
			township: "青山鎮", wantYear: 2021, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "title over --year", file: "选举结果.xlsx", sheet: "Sheet1", title: "北山乡2024年村级换届选举结果统计表", year: 2021,
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "title agrees with file", file: "北山乡.xlsx", sheet: "Sheet1", title: "北山乡2024年村级换届选举结果统计表",
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "title agrees across scripts", file: "北山鄉.xlsx", sheet: "Sheet1", title: "北山乡2024年村级换届选举结果统计表",
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "title against file", file: "南山镇.xlsx", sheet: "Sheet1", title: "东山镇2024年村级换届选举结果统计表",
			township: "东山镇", wantYear: 2024, warnings: []string{"title_township_mismatch@A1"}, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "title against sheet year", file: "西山乡.xlsx", sheet: "2021年", title: "西山乡2024年村级换届选举结果统计表",
			township: "西山乡", wantYear: 2024, warnings: []string{"title_year_mismatch@A1"}, notices: []string{"township_from_title@", "year_from_title@"}},
		{name: "title without year", file: "选举结果.xlsx", sheet: "2024年", title: "北山乡村级换届选举结果统计表",
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@", "year_from_sheet@"}},
		{name: "sheet names the township", file: "选举结果.xlsx", sheet: "北山乡", title: "村级换届选举结果统计表", year: 2024,
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_name@"}},
		{name: "a note above the header is no title", file: "北山乡.xlsx", sheet: "Sheet1", title: "说明：依据2018年修订的《村民委员会组织法》填报", year: 2024,
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_name@"}},
		{name: "填报单位 beside 单位：人", file: "选举结果.xlsx", sheet: "Sheet1", title: "", sender: "填报单位：北山乡人民政府", year: 2024,
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@"}},
		{name: "乡镇党委 beside 单位：人", file: "选举结果.xlsx", sheet: "Sheet1", title: "", sender: "乡镇党委：北山乡党委", year: 2024,
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_title@"}},
		{name: "乡镇（街道） beside 单位：人", file: "选举结果.xlsx", sheet: "Sheet1", title: "", sender: "乡镇（街道）：北山乡", year: 2024,
			township: "北山乡", wantYear: 2024, notices: []string{"form_field@"}},
		{name: "title naming every township", file: "北山乡.xlsx", sheet: "Sheet1", title: "2024年各乡镇村级换届选举结果统计表",
			township: "北山乡", wantYear: 2024, notices: []string{"township_from_name@", "year_from_title@"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := writeXLSX(t, sheetData{name: c.sheet, rows: [][]any{{c.title}, {c.sender, "", "", "", "单位：人", ""}, header, row}, merges: []string{"A1:F1"}})
			path := filepath.Join(t.TempDir(), c.file)
			if err := os.Rename(src, path); err != nil {
				t.Fatal(err)
			}
			p, err := ParseFile(path, ParseOptions{County: "白水县", Year: c.year})
			if err != nil {
				t.Fatal(err)
			}
			if errs := rules(p, Error); len(errs) > 0 || len(p.Results) != 1 {
				t.Fatalf("errors %v, %d rows: %v", errs, len(p.Results), p.Problems)
			}
			if r := p.Results[0]; r.Township != c.township || r.Year != c.wantYear {
				t.Errorf("row under %s %d, want %s %d", r.Township, r.Year, c.township, c.wantYear)
			}
			if got := rules(p, Warning); !slices.Equal(got, c.warnings) {
				t.Errorf("warnings %v, want %v: %v", got, c.warnings, p.Problems)
			}
			if got := rules(p, Notice); !slices.Equal(got, c.notices) {
				t.Errorf("notices %v, want %v: %v", got, c.notices, p.Problems)
			}
		})
	}
}

// TestSecondTableIsRefused: a second table below the first in one sheet (the header again, under a title
// of its own or not) is one error at its header, not its title and header read as data.
func TestSecondTableIsRefused(t *testing.T) {
	header := "村(社区),选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"
	rows := "东村,村委会,1000,900,5,5\n西村,村委会,1000,900,5,5\n"
	for _, c := range []struct {
		name, csv, cell, message string
	}{
		{name: "under its own title", csv: "北山乡2024年村级换届选举结果统计表,,,,,\n" + header + rows + ",,,,,\n北山乡2021年村级换届选举结果统计表,,,,,\n" + header + rows,
			cell: "A7", message: "文件第7行又是一行表头(第6行是它的标题)，下面是另一个表：一个文件只能有一个表，第7行起未读取。请把第二个表另存为一个文件后重新导入"},
		{name: "header again", csv: header + rows + header + rows, cell: "A4",
			message: "文件第4行又是一行表头，下面是另一个表：一个文件只能有一个表，第4行起未读取。请把第二个表另存为一个文件后重新导入"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseFile(writeFile(t, "北山乡.csv", []byte(c.csv)), ParseOptions{County: "白水县", Year: 2024})
			if err != nil {
				t.Fatal(err)
			}
			if got := rules(p, Error); !slices.Equal(got, []string{"second_table@" + c.cell}) {
				t.Fatalf("errors %v, want second_table@%s: %v", got, c.cell, p.Problems)
			}
			for _, pr := range p.Problems {
				if pr.Rule == "second_table" && pr.Message != c.message {
					t.Errorf("message %s\nwant %s", pr.Message, c.message)
				}
			}
		})
	}
	// A workbook's sheet says to move it to another sheet; a members sheet repeats its 姓名.
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", ""), membersHeader,
		memberRow("石桥村", "村民委员会", "李四", "委员", "男", "1976.03", "")}}))
	if got := rules(p, Error); !slices.Equal(got, []string{"second_table@E3"}) {
		t.Fatalf("errors %v, want second_table@E3: %v", got, p.Problems)
	}
}

// TestTitleAgainstTownshipColumn: a 乡镇(街道) cell naming another township than the title is warned of
// once a sheet, at the first such cell; the rows keep their cells.
func TestTitleAgainstTownshipColumn(t *testing.T) {
	header := []any{"乡镇", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{
		{"北山鄉2024年村級換屆選舉結果統計表"}, header,
		{"北山乡", "东村", 2024, "村委会", 1000, 900, 5, 5},
		{"南山镇", "西村", 2024, "村委会", 1000, 900, 5, 5},
		{"南山镇", "北村", 2024, "村委会", 1000, 900, 5, 5},
	}, merges: []string{"A1:H1"}}))
	if got, want := rules(p, Warning), []string{"title_township_mismatch@A4"}; !slices.Equal(got, want) {
		t.Fatalf("warnings %v, want %v: %v", got, want, p.Problems)
	}
	const msg = "工作表“选举结果”第1行的标题写的是“北山鄉”，而乡镇(A4)是“南山镇”：各行按表中的乡镇(街道)导入；请核对是标题写错了，还是混入了其他乡镇的行"
	if p.Problems[0].Message != msg {
		t.Errorf("message %s\nwant %s", p.Problems[0].Message, msg)
	}
	if len(p.Results) != 3 || p.Results[1].Township != "南山镇" {
		t.Errorf("rows %+v", p.Results)
	}
}
