package ingest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// partyCongressForm is a township's own 党代会 form: a title naming county, township and year, the bodies
// in a 选举事项 column as the meeting wrote them, no 村(社区) and no 年份, and a roster whose 当选职务 names
// each person's body, without 选举类型, 年份 or 政治面貌.
func partyCongressForm(title, item, roster string, results, members [][]any) []sheetData {
	header := []any{item, "应到代表数", "实到代表数", "应选名额", "候选人数", "当选人数", "有效票", "无效票", "选举日期"}
	return []sheetData{
		{name: "选举情况", rows: append([][]any{{title}, header}, results...)},
		{name: "当选名单", rows: append([][]any{{"姓名", "性别", "出生年月", "民族", "学历", roster, "得票数"}}, members...)},
	}
}

func TestTownshipPartyCongressForm(t *testing.T) {
	simplified := []any{"白河县青石镇2026年第十六次党代会选举情况统计表", "选举事项", "当选职务",
		[]any{"镇党委委员", 120, 116, 3, 4, 3, 116, 0, "2026年9月20日"},
		[]any{"镇纪委委员", 120, 116, 2, 3, 2, 115, 1, "2026年9月20日"},
		[]any{"出席县第十五次党代会代表", 120, 116, 2, 3, 2, 116, 0, "2026年9月20日"},
		[]any{"张三", "男", "1975.03", "汉族", "大学", "镇党委书记", 110},
		[]any{"李四", "女", "1980.05", "汉族", "研究生", "镇党委副书记、出席县党代会代表", 112},
		[]any{"王五", "男", "1982.07", "回族", "大专", "镇党委委员", 108},
		[]any{"赵六", "男", "1979.01", "汉族", "大学", "镇纪委书记", 105},
		[]any{"钱七", "女", "1988.10", "汉族", "大学", "镇纪委委员", 100},
		[]any{"孙八", "男", "1970.02", "汉族", "高中", "出席县第十五次党代会代表", 101},
	}
	cc, err := opencc.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	traditional := convertCells(t, cc, simplified)
	for _, c := range []struct {
		script                 string
		form                   []any // title, 选举事项, 当选职务, three results rows, six members rows
		township, unit, county string
	}{
		{script: "简体", form: simplified, township: "青石镇", unit: "青石镇党代会", county: "白河县"},
		{script: "繁體", form: traditional, township: "青石鎮", unit: "青石鎮党代会", county: "白河縣"},
	} {
		t.Run(c.script, func(t *testing.T) {
			var rows [][]any
			for _, r := range c.form[3:] {
				rows = append(rows, r.([]any))
			}
			book := partyCongressForm(c.form[0].(string), c.form[1].(string), c.form[2].(string), rows[:3], rows[3:])
			p, err := ParseFile(writeXLSX(t, book...), ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if errs := rules(p, Error); len(errs) > 0 {
				t.Fatalf("errors %v: %v", errs, p.Problems)
			}
			var results []string
			for _, r := range p.Results {
				results = append(results, fmt.Sprintf("%s/%s/%s/%d/%s", r.County, r.Township, r.Unit, r.Year, r.Body))
			}
			want := []string{}
			for _, b := range []string{"乡镇党委", "乡镇纪委", "出席上级党代会代表"} {
				want = append(want, fmt.Sprintf("%s/%s/%s/2026/%s", c.county, c.township, c.unit, b))
			}
			if !slices.Equal(results, want) {
				t.Errorf("results %v, want %v", results, want)
			}
			var members []string
			for _, m := range p.Members {
				if m.Unit != c.unit || m.Year != 2026 || m.Party != "中共党员" {
					t.Errorf("member %+v: want unit %s, year 2026, 中共党员", m, c.unit)
				}
				members = append(members, m.Body+":"+m.Position)
			}
			wantMembers := []string{"乡镇党委:书记", "乡镇党委:副书记", "出席上级党代会代表:代表", "乡镇党委:委员", "乡镇纪委:书记", "乡镇纪委:委员", "出席上级党代会代表:代表"}
			if !slices.Equal(members, wantMembers) {
				t.Errorf("members %v, want %v", members, wantMembers)
			}
			notices := rules(p, Notice)
			for _, n := range []string{"year_from_title@", "year_from_results@", "township_from_results@", "unit_of_meeting@", "party_of_body@", "body_from_position@"} {
				if !slices.Contains(notices, n) {
					t.Errorf("notices %v lack %s", notices, n)
				}
			}
			if warnings := rules(p, Warning); len(warnings) > 0 {
				t.Errorf("warnings %v, want none (the roster is whole)", warnings)
			}
		})
	}
}

// convertCells converts every text of v (strings and nested rows) with cc.
func convertCells(t *testing.T, cc *opencc.OpenCC, v []any) []any {
	out := make([]any, len(v))
	for i, x := range v {
		switch x := x.(type) {
		case string:
			s, err := cc.Convert(x)
			if err != nil {
				t.Fatal(err)
			}
			out[i] = s
		case []any:
			out[i] = convertCells(t, cc, x)
		default:
			out[i] = x
		}
	}
	return out
}

// What the township form does without stays required elsewhere: a village body's sheet without
// 村(社区), a roster of a committee without 政治面貌; and the year is never the 选举日期's.
func TestTownshipFormLeniencyStopsAtOtherBodies(t *testing.T) {
	for _, c := range []struct {
		name   string
		sheets []sheetData
		want   []string
	}{
		{"village body without 村(社区)", partyCongressForm("白河县青石镇2024年换届选举情况统计表", "选举类型", "职务",
			[][]any{{"村委会", 1200, 1100, 5, 7, 5, 1100, 0, "2024-04-01"}}, nil)[:1],
			[]string{"missing_column@"}},
		{"committee roster without 政治面貌", []sheetData{{name: "当选名单", rows: [][]any{
			{"乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "学历"},
			{"青石镇", "东山村", 2024, "村党组织", "张三", "书记", "男", "1975.03", "大专"},
			{"青石镇", "东山村", 2024, "村委会", "李四", "主任", "男", "1978.03", "高中"},
		}}}, []string{"missing_column@"}},
		{"no 年份 anywhere but the 选举日期", partyCongressForm("白河县青石镇党代会选举情况统计表", "选举事项", "当选职务",
			[][]any{{"镇党委委员", 120, 116, 3, 4, 3, 116, 0, "2026-09-20"}}, nil)[:1],
			[]string{"missing_column@"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseFile(writeXLSX(t, c.sheets...), ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := rules(p, Error); !slices.Equal(got, c.want) {
				t.Errorf("errors %v, want %v: %v", got, c.want, p.Problems)
			}
		})
	}
}

// A roster that lists 身份证号 but not 性别, 出生年月 or 年龄 takes both from the number, with a notice for
// each column; a row without a number is missing it, and a roster with neither stays refused.
func TestGenderAndBirthFromIDNumber(t *testing.T) {
	header := []any{"乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "身份证号", "政治面貌", "学历"}
	row := func(name, id string) []any {
		return []any{"青石镇", "东山村", 2024, "村民委员会", name, "委员", id, "群众", "高中"}
	}
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{header,
		row("张三", "110101197503071230"), row("李芳", "110101198005122343"), row("王五", "")}}))
	var got []string
	for _, m := range p.Members {
		birth := ""
		if m.Birth != nil {
			birth = m.Birth.Format("2006-01")
		}
		got = append(got, m.Name+":"+m.Gender+":"+birth)
	}
	if want := []string{"张三:男:1975-03", "李芳:女:1980-05", "王五::"}; !slices.Equal(got, want) {
		t.Errorf("members %v, want %v", got, want)
	}
	if notices := rules(p, Notice); !slices.Equal(notices, []string{"from_id_number@", "from_id_number@"}) {
		t.Errorf("notices %v, want from_id_number for 性别 and for 出生年月", notices)
	}
	if errs := rules(p, Error); !slices.Equal(errs, []string{"missing_value@G4", "missing_value@G4"}) {
		t.Errorf("errors %v, want 王五's blank 身份证号 missing for 出生年月 and 性别", errs)
	}

	header[6] = "备注"
	p = mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{header, row("张三", "")}}))
	if errs := rules(p, Error); !slices.Equal(errs, []string{"missing_column@", "missing_column@"}) {
		t.Errorf("without 身份证号: errors %v, want missing_column for 性别 and 出生年月 或 年龄", errs)
	}
}

// Member cells as a township writes them beside the standard values: 44周岁, 中共正式党员, 中共党员（预备）,
// 初中文化, 中师, 是（连任）, 首次当选.
func TestMemberValuesWithWords(t *testing.T) {
	header := []any{"乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "学历", "是否连任"}
	row := func(name, age, party, education, reelected string) []any {
		return []any{"青石镇", "东山村", 2024, "村民委员会", name, "委员", "男", age, party, education, reelected}
	}
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{header,
		row("张三", "44周岁", "中共正式党员", "初中文化", "是（连任）"),
		row("李四", "38", "中共党员（预备）", "中师", "首次当选"),
		row("王五", "51岁", "群众", "高中文化程度", "否(新当选)"),
	}}))
	if errs := rules(p, Error); len(errs) > 0 {
		t.Fatalf("errors %v: %v", errs, p.Problems)
	}
	var got []string
	for _, m := range p.Members {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s:%v", m.Name, *m.Age, m.Party, m.Education, *m.Reelected))
	}
	want := []string{"张三:44:中共党员:初中:true", "李四:38:中共预备党员:中专:false", "王五:51:群众:高中:false"}
	if !slices.Equal(got, want) {
		t.Errorf("members %v, want %v", got, want)
	}
}

// A roster whose sheet and file name no body, below a results sheet of one body, is that body's; below
// one of several bodies it still needs the column.
func TestRosterBodyFromResults(t *testing.T) {
	results := sheetData{name: "选举结果", rows: [][]any{
		{"乡镇(街道)", "选区", "年份", "选举类型", "登记选民数", "参加投票人数", "应选代表名额", "当选代表数"},
		{"青石镇", "第一选区", 2026, "乡级人大代表", 1500, 1420, 2, 2},
	}}
	roster := sheetData{name: "名册", rows: [][]any{
		{"乡镇(街道)", "选区", "代表姓名", "性别", "出生年月", "政治面貌", "学历"},
		{"青石镇", "第一选区", "张三", "男", "1975.03", "中共党员", "大专"},
		{"青石镇", "第一选区", "李芳", "女", "1980.05", "群众", "高中"},
	}}
	p := mustParse(t, writeXLSX(t, results, roster))
	if errs := rules(p, Error); len(errs) > 0 {
		t.Fatalf("errors %v: %v", errs, p.Problems)
	}
	for _, m := range p.Members {
		if m.Body != "乡级人大代表" || m.Year != 2026 || m.Position != "代表" {
			t.Errorf("member %s: body %q, year %d, position %q; want the results sheet's 乡级人大代表 of 2026, 代表", m.Name, m.Body, m.Year, m.Position)
		}
	}
	if notices := rules(p, Notice); !slices.Contains(notices, "body_from_results@") {
		t.Errorf("notices %v lack body_from_results", notices)
	}

	results.rows = append(results.rows, []any{"青石镇", "第一选区", 2026, "县级人大代表", 1500, 1420, 1, 1})
	p = mustParse(t, writeXLSX(t, results, roster))
	if errs := rules(p, Error); !slices.Equal(errs, []string{"missing_column@"}) {
		t.Errorf("below two bodies' results: errors %v, want missing_column (选举类型)", errs)
	}
}

// A roster (or a later results row) naming a place by its bare stem or its full name where the results
// rows above wrote the other is read as that place, with a notice per name; places of one stem with
// different suffixes (青石乡 and 青石镇, 东山村 and 东山社区) stay apart.
func TestPlacesMatchResultsAbove(t *testing.T) {
	results := sheetData{name: "选举结果", rows: [][]any{
		{"乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
		{"青石镇", "东山村", 2024, "村民委员会", 1200, 1100, 1, 1},
		{"青石镇", "西河", 2024, "村民委员会", 800, 700, 1, 1},
		{"青石镇", "西河村", 2024, "村党组织", 40, 38, 1, 1},
		{"青石镇", "东山社区", 2024, "居民委员会", 900, 800, 1, 1},
		{"青石乡", "南岭村", 2024, "村民委员会", 500, 450, 1, 1},
		{"白石乡", "北坡村", 2024, "村民委员会", 500, 450, 1, 1},
		{"白石乡", "第一选区（北坡村、南坡村）", 2024, "乡级人大代表", 900, 850, 1, 1},
		{"白石乡", "第二选区", 2024, "乡级人大代表", 800, 750, 1, 1},
	}}
	member := func(township, unit, body, name string) []any {
		return []any{township, unit, 2024, body, name, "委员", "男", "1975.03", "中共党员", "高中"}
	}
	roster := sheetData{name: "当选人员", rows: [][]any{
		{"乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历"},
		member("白石", "北坡村", "村民委员会", "张三"),
		member("青石镇", "西河村", "村民委员会", "李四"),
		member("青石镇", "西河", "村党组织", "李四"),
		member("青石镇", "东山社区", "居民委员会", "王五"),
		member("青石乡", "南岭", "村民委员会", "赵六"),
		member("青石", "东山", "村民委员会", "孙八"), // 青石镇 or 青石乡, 东山村 or 东山社区: stays as written
		member("青石镇", "东山村", "村民委员会", "周九"),
		member("白石乡", "第一选区", "乡级人大代表", "吴十"),
		member("白石乡", "第2选区", "乡级人大代表", "郑一"),
	}}
	p := mustParse(t, writeXLSX(t, results, roster))
	var got []string
	for _, r := range p.Results {
		got = append(got, r.Township+"/"+r.Unit)
	}
	for _, m := range p.Members {
		got = append(got, m.Township+"/"+m.Unit)
	}
	want := []string{"青石镇/东山村", "青石镇/西河", "青石镇/西河", "青石镇/东山社区", "青石乡/南岭村", "白石乡/北坡村", "白石乡/第一选区（北坡村、南坡村）", "白石乡/第二选区",
		"白石乡/北坡村", "青石镇/西河", "青石镇/西河", "青石镇/东山社区", "青石乡/南岭村", "青石/东山", "青石镇/东山村", "白石乡/第一选区（北坡村、南坡村）", "白石乡/第二选区"}
	if !slices.Equal(got, want) {
		t.Errorf("places %v, want %v", got, want)
	}
	if warnings := rules(p, Warning); !slices.Equal(warnings, []string{"no_result_row@B7"}) {
		t.Errorf("warnings %v, want only the ambiguous 青石/东山 without its results row", warnings)
	}
	if notices := rules(p, Notice); !slices.Equal(notices, []string{"place_matched@B4", "place_matched@A2", "place_matched@B6", "place_ambiguous@A7", "place_matched@B9", "place_matched@B10"}) {
		t.Errorf("notices %v, want one place_matched per name and file (西河村 said on the results sheet), and place_ambiguous for 青石", notices)
	}
}

// A 下拉选项 sheet of a township's template — only columns of fixed values under their headers — is
// passed over with a notice instead of refusing the workbook as a roster without 姓名.
func TestListSheetPassedOver(t *testing.T) {
	results := sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 1)}}
	roster := sheetData{name: "当选人员", rows: [][]any{membersHeader, memberRow("石桥村", "村民委员会", "王芳", "主任", "女", "1975.03", "")}}
	lists := sheetData{name: "下拉选项", rows: [][]any{{"性别", "学历", "政治面貌", "选举类型", "是否连任"},
		{"男", "研究生", "中共党员", "村党组织", "是"}, {"女", "大学本科", "群众", "村民委员会", "否"}}}
	p := mustParse(t, writeXLSX(t, results, roster, lists))
	if errs := rules(p, Error); len(errs) > 0 {
		t.Fatalf("errors %v: %v", errs, p.Problems)
	}
	if len(p.Results) != 1 || len(p.Members) != 1 {
		t.Errorf("%d results, %d members; want 1 and 1", len(p.Results), len(p.Members))
	}
	if notices := rules(p, Notice); !slices.Equal(notices, []string{"list_sheet@"}) {
		t.Errorf("notices %v, want list_sheet", notices)
	}

	lists.rows[0] = append(lists.rows[0], "姓名") // a roster without its places is still refused
	if errs := rules(mustParse(t, writeXLSX(t, results, roster, lists)), Error); len(errs) == 0 {
		t.Errorf("a sheet naming 姓名 among its lists was passed over; want it read as a roster and refused")
	}
}
