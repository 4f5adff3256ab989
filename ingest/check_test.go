package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// set returns a copy of row with cell i replaced.
func set(row []any, kv ...any) []any {
	out := slices.Clone(row)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(int)] = kv[i+1]
	}
	return out
}

// without returns the header with column i dropped, and a row builder that drops it too.
func drop(row []any, i int) []any {
	return slices.Delete(slices.Clone(row), i, i+1)
}

func TestChecks(t *testing.T) {
	okResult := resultRow("石桥村", "村民委员会", 1)
	idMale := makeID("19750315", true)
	okMember := memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", idMale)
	resultsOnly := func(rows ...[]any) []sheetData {
		return []sheetData{{name: "选举结果", rows: append([][]any{resultsHeader}, rows...)}}
	}
	membersOnly := func(rows ...[]any) []sheetData {
		return []sheetData{{name: "当选人员", rows: append([][]any{membersHeader}, rows...)}}
	}
	for _, c := range []struct {
		name    string
		sheets  []sheetData
		sev     Severity
		rule    string
		cell    string
		message string // checked when given
	}{
		{name: "missing column", sev: Error, rule: "missing_column",
			sheets:  []sheetData{{name: "选举结果", rows: [][]any{drop(resultsHeader, 5), drop(okResult, 5)}}},
			message: "工作表“选举结果”是选举结果表，但缺少必填列“登记选民数”：请在表头行添加该列并填写(可用 electsum template 生成标准采集表)，或导入同一选区的选民登记表(与本表一起，或在本表之前)"},
		{name: "missing birth and age columns", sev: Error, rule: "missing_column", // and 身份证号, which would give the birth
			sheets: []sheetData{{name: "当选人员", rows: [][]any{drop(drop(membersHeader, 12), 7), drop(drop(okMember, 12), 7)}}}},
		{name: "missing value", sheets: resultsOnly(set(okResult, 5, "")), sev: Error, rule: "missing_value", cell: "F2",
			message: "登记选民数(F2)为必填项，本行未填写：请补填"},
		{name: "int wrong type", sheets: resultsOnly(set(okResult, 5, "很多")), sev: Error, rule: "wrong_type", cell: "F2",
			message: "登记选民数(F2)“很多”不是有效的整数：请填写不小于 0 的整数，如 1234"},
		{name: "negative", sheets: resultsOnly(set(okResult, 5, -3)), sev: Error, rule: "wrong_type", cell: "F2"},
		{name: "year wrong type", sheets: resultsOnly(set(okResult, 2, "二四年")), sev: Error, rule: "wrong_type", cell: "C2"},
		{name: "term wrong type", sheets: resultsOnly(set(okResult, 3, "最新")), sev: Error, rule: "wrong_type", cell: "D2"},
		{name: "date wrong type", sheets: resultsOnly(set(okResult, 12, "昨天")), sev: Error, rule: "wrong_type", cell: "M2"},
		{name: "birth wrong type", sheets: membersOnly(set(okMember, 7, "七五年", 12, "")), sev: Error, rule: "wrong_type", cell: "H2"},
		{name: "bool wrong type", sheets: membersOnly(set(okMember, 11, "也许")), sev: Error, rule: "wrong_type", cell: "L2"},
		{name: "body outside enum", sheets: resultsOnly(set(okResult, 4, "村小组")), sev: Error, rule: "bad_enum", cell: "E2",
			message: "选举类型(E2)“村小组”不是可选值：请填写 村党组织、村民委员会、村务监督委员会、社区党组织、居民委员会、乡镇党委、乡镇纪委、出席上级党代会代表、县级人大代表、乡级人大代表 之一"},
		{name: "gender outside enum", sheets: membersOnly(set(okMember, 6, "未知", 12, "")), sev: Error, rule: "bad_enum", cell: "G2"},
		{name: "voted > registered", sheets: resultsOnly(set(okResult, 6, 1300, 7, 1290)), sev: Error, rule: "voted_gt_registered", cell: "G2",
			message: "参加投票人数(G2)为 1300，多于登记选民数(F2)的 1200：请核对这两项"},
		{name: "elected > seats", sheets: resultsOnly(set(okResult, 11, 6)), sev: Error, rule: "elected_gt_seats", cell: "L2"},
		{name: "valid + invalid != voted", sheets: resultsOnly(set(okResult, 7, 1000)), sev: Error, rule: "ballots_mismatch", cell: "H2",
			message: "有效票数(H2) 1000 与无效票数(I2) 10 之和为 1010，不等于参加投票人数(G2) 1100：请核对"},
		{name: "candidates < seats", sheets: resultsOnly(set(okResult, 10, 4)), sev: Error, rule: "candidates_lt_seats", cell: "K2"},
		{name: "too young", sheets: membersOnly(set(okMember, 7, "2010.01", 12, "")), sev: Error, rule: "age_out_of_range", cell: "H2",
			message: "张三 选举时的年龄为 14 岁，不在 18—90 岁之间：请核对出生年月(H2)"},
		{name: "too old by age column", sev: Error, rule: "age_out_of_range", cell: "H2",
			sheets: []sheetData{{name: "当选人员", rows: [][]any{set(membersHeader, 7, "年龄"), set(okMember, 7, 95, 12, "")}}}},
		{name: "age at the election date", sev: Error, rule: "age_out_of_range", cell: "H3",
			sheets: []sheetData{
				{name: "选举结果", rows: [][]any{resultsHeader, set(okResult, 12, "2024-03-15")}},
				{name: "当选人员", rows: [][]any{membersHeader, okMember, set(okMember, 4, "小王", 7, "2006.04", 12, "")}}}},
		// Issue 8 item 8: 出生年月 2006.03 makes him 18 on 15 March 2024, but his 身份证号 says 20 March.
		{name: "age from the exact birthday", sev: Error, rule: "age_out_of_range", cell: "M3",
			message: "小王 选举时的年龄为 17 岁，不在 18—90 岁之间：请核对身份证号(M3)",
			sheets: []sheetData{
				{name: "选举结果", rows: [][]any{resultsHeader, set(okResult, 12, "2024-03-15")}},
				{name: "当选人员", rows: [][]any{membersHeader, okMember, set(okMember, 4, "小王", 7, "2006.03", 12, makeID("20060320", true))}}}},
		{name: "born after the election", sheets: membersOnly(set(okMember, 7, "2025.01", 12, "")), sev: Error, rule: "birth_after_election", cell: "H2"},
		{name: "neither birth nor age", sheets: membersOnly(set(okMember, 7, "", 12, "")), sev: Error, rule: "missing_birth_age", cell: "H2",
			message: "张三 的出生年月和年龄都未填写：请至少填写一项"},
		{name: "same person twice", sheets: membersOnly(okMember, okMember), sev: Error, rule: "duplicate_person", cell: "E3",
			message: "张三 在 城关镇石桥村 2024 年村民委员会 中出现两次(第 2 行与第 3 行)：同一人在同一年同一组织只填一行，请删除重复行"},
		{name: "same person twice by name", sheets: membersOnly(set(okMember, 12, ""), set(okMember, 12, "", 7, "1975-03")), sev: Error, rule: "duplicate_person", cell: "E3"},
		{name: "same results key twice", sheets: resultsOnly(okResult, okResult), sev: Error, rule: "duplicate_result", cell: "B3",
			message: "城关镇石桥村 2024 年村民委员会 的选举结果重复填写(第 2 行与第 3 行)：每个村(社区)每年每类选举只填一行，请删除重复行"},
		{name: "same results key on two sheets", sev: Error, rule: "duplicate_result", cell: "B2",
			sheets:  []sheetData{{name: "2021年", rows: [][]any{resultsHeader, okResult}}, {name: "2024年", rows: [][]any{resultsHeader, okResult}}},
			message: "城关镇石桥村 2024 年村民委员会 的选举结果重复填写(工作表“2021年”第 2 行与工作表“2024年”第 2 行)：每个村(社区)每年每类选举只填一行，请删除重复行"},
		{name: "same person on two sheets", sev: Error, rule: "duplicate_person", cell: "E2",
			sheets:  []sheetData{{name: "村委会", rows: [][]any{membersHeader, okMember}}, {name: "村委会(续)", rows: [][]any{membersHeader, okMember}}},
			message: "张三 在 城关镇石桥村 2024 年村民委员会 中出现两次(工作表“村委会”第 2 行与工作表“村委会(续)”第 2 行)：同一人在同一年同一组织只填一行，请删除重复行"},
		{name: "id length", sheets: membersOnly(set(okMember, 12, "33010219750315")), sev: Error, rule: "id_length", cell: "M2"},
		{name: "id stored as a number", sheets: membersOnly(set(okMember, 12, "3.3010219750315E+17")), sev: Error, rule: "id_length", cell: "M2",
			message: "张三 的身份证号(M2)被 Excel 存成了数字(3.3010219750315E+17)，后几位已丢失：请把该列设为文本格式后重新填写"},
		{name: "id check digit", sheets: membersOnly(set(okMember, 12, idMale[:17]+"0")), sev: Error, rule: "id_checksum", cell: "M2"},
		{name: "id from a number cell formatted 0", sheets: membersOnly(set(okMember, 12, idMale[:15]+"000")), sev: Error, rule: "id_truncated", cell: "M2",
			message: "张三 的身份证号(M2)末三位是 000，校验位不对：这一格被 Excel 存成了数字，只保留了前 15 位，后三位已丢失。请把该列设为文本格式后重新填写"},
		{name: "id from a number cell that passes the check", sheets: membersOnly(set(okMember, 7, "1983.05", 12, "430121198305148000")), sev: Error, rule: "id_gender_mismatch", cell: "G2",
			message: "张三 的身份证号(M2)显示性别为女，与性别(G2)“男”不一致：身份证号末三位是 000，多半是这一格被 Excel 存成了数字，只保留了前 15 位。请把该列设为文本格式后重新填写"},
		{name: "october stored as a number, the id says which", sheets: membersOnly(set(okMember, 7, "1975.1", 12, makeID("19751015", true))), sev: Notice, rule: "birth_month_from_id", cell: "H2",
			message: "张三 的出生年月(H2)“1975.1”是 Excel 把 1975.10 存成数字后丢了末尾的 0，已按身份证号(M2)读作 1975 年 10 月：今后请把该列设为文本格式"},
		{name: "january as written, the id says march", sheets: membersOnly(set(okMember, 7, "1975.1")), sev: Error, rule: "id_birth_mismatch", cell: "H2"},
		{name: "id letters", sheets: membersOnly(set(okMember, 12, "3301021975031501AX")), sev: Error, rule: "id_checksum", cell: "M2"},
		{name: "id impossible date", sheets: membersOnly(set(okMember, 12, makeID("19750230", true))), sev: Error, rule: "id_date", cell: "M2"},
		{name: "id vs birth", sheets: membersOnly(set(okMember, 7, "1976.03")), sev: Error, rule: "id_birth_mismatch", cell: "H2",
			message: "张三 的身份证号(M2)显示出生于1975年3月，与出生年月(H2)“1976.03”不一致"},
		{name: "id vs gender", sheets: membersOnly(set(okMember, 6, "女")), sev: Error, rule: "id_gender_mismatch", cell: "G2",
			message: "张三 的身份证号(M2)显示性别为男，与性别(G2)“女”不一致"},
		{name: "member without results row", sev: Warning, rule: "no_result_row", cell: "B2",
			sheets: []sheetData{
				{name: "选举结果", rows: [][]any{resultsHeader, okResult}},
				{name: "当选人员", rows: [][]any{membersHeader, set(okMember, 1, "河口村")}}}},
		{name: "member count != elected", sev: Warning, rule: "member_count_mismatch", cell: "L2",
			sheets: []sheetData{
				{name: "选举结果", rows: [][]any{resultsHeader, set(okResult, 11, 3)}},
				{name: "当选人员", rows: [][]any{membersHeader, okMember}}},
			message: "城关镇石桥村 2024 年村民委员会 的当选人数(L2)为 3，但当选人员表中有 1 人：请核对"},
		{name: "subtotal differs", sev: Warning, rule: "total_mismatch", cell: "F4",
			sheets:  resultsOnly(okResult, set(okResult, 1, "河口村"), []any{"城关镇", "小计", nil, nil, nil, 2500}),
			message: "小计行的登记选民数(F4)为 2500，而上一个小计以来各行之和为 2400：请核对"},
		{name: "unknown sheet", sev: Notice, rule: "unknown_sheet",
			sheets: []sheetData{{name: "选举结果", rows: [][]any{resultsHeader, okResult}}, {name: "汇总", rows: [][]any{{"列名", "含义"}, {"登记选民数", "登记的选民"}}}}},
		{name: "no data sheet", sev: Error, rule: "no_data_sheet",
			sheets: []sheetData{{name: "Sheet1", rows: [][]any{{"随便", "写点"}}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, writeXLSX(t, c.sheets...))
			var found *Problem
			for i, pr := range p.Problems {
				if pr.Rule == c.rule {
					found = &p.Problems[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s problem; got %v", c.rule, p.Problems)
			}
			if found.Severity != c.sev || found.Cell != c.cell {
				t.Errorf("got %s %s@%s, want %s %s@%s", found.Severity, found.Rule, found.Cell, c.sev, c.rule, c.cell)
			}
			if c.message != "" && found.Message != c.message {
				t.Errorf("message:\n got %s\nwant %s", found.Message, c.message)
			}
			if found.File == "" || (found.Cell != "" && (found.Row == 0 || found.Sheet == "" || found.Column == "")) {
				t.Errorf("problem lacks its place: %+v", *found)
			}
			for _, pr := range p.Problems {
				if pr.Severity == Error && pr.Rule != c.rule && c.sev == Error {
					t.Errorf("unrelated error: %s [%s]", pr, pr.Rule)
				}
			}
		})
	}
}

// TestCleanFixturesHaveNoProblems guards TestChecks: its base rows must be clean, or a check could
// pass for the wrong reason.
func TestCleanFixturesHaveNoProblems(t *testing.T) {
	p := mustParse(t, writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 1)}},
		sheetData{name: "当选人员", rows: [][]any{membersHeader, memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", makeID("19750315", true))}},
	))
	if len(p.Problems) != 0 {
		t.Errorf("problems: %v", p.Problems)
	}
}

func TestIDNumberMaskedInProblems(t *testing.T) {
	id := makeID("19750315", true)
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", id[:17]+"0")}}))
	for _, pr := range p.Problems {
		if strings.Contains(pr.Value, id[6:14]) || strings.Contains(pr.Message, id[6:14]) {
			t.Errorf("problem shows the ID number unmasked: %+v", pr)
		}
	}
}

// TestPartyBodyMembers is issue 8 item 6: a member of a party body (村/社区党组织, 乡镇党委) who is
// not a party member is an error at the 政治面貌 cell; a blank 政治面貌 there is a warning instead of
// missing_value; on other bodies 群众 is fine and a blank stays missing_value.
func TestPartyBodyMembers(t *testing.T) {
	member := func(body, position, party string) []any {
		return set(memberRow("石桥村", body, "张三", position, "男", "1975.03", ""), 9, party)
	}
	for _, c := range []struct {
		name  string
		row   []any
		rules []string // "severity rule@cell", all of the row's problems
	}{
		{"村党组织 群众", member("村党组织", "委员", "群众"), []string{"错误 non_party_member@J2"}},
		{"村党组织 traditional variant", member("村黨支部", "委員", "團員"), []string{"错误 non_party_member@J2"}},
		{"社区党组织 民主党派", member("社区党组织", "委员", "民主党派"), []string{"错误 non_party_member@J2"}},
		{"乡镇党委 无党派人士", member("乡镇党委", "委员", "无党派人士"), []string{"错误 non_party_member@J2"}},
		{"村党组织 预备党员", member("村党组织", "委员", "中共预备党员"), []string{"警告 probationary_member_elected@J2"}},
		{"村党组织 blank", member("村党组织", "书记", ""), []string{"警告 party_blank@J2"}},
		{"村党组织 党员", member("村党组织", "书记", "党员"), nil},
		{"村民委员会 群众", member("村民委员会", "委员", "群众"), nil},
		{"村民委员会 blank", member("村民委员会", "委员", ""), []string{"错误 missing_value@J2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader, c.row}}))
			var got []string
			for _, pr := range p.Problems {
				got = append(got, fmt.Sprintf("%s %s@%s", pr.Severity, pr.Rule, pr.Cell))
			}
			if !slices.Equal(got, c.rules) {
				t.Errorf("problems %q, want %q (%v)", got, c.rules, p.Problems)
			}
		})
	}
}

// TestOctoberFromIDNumber: 1975.10 typed into a number cell is stored as 1975.1. With a 身份证号 born in
// October 1975 the member is born in October (a notice, not the January warning nor an error); without
// one it stays January with the warning that asks which it was.
func TestOctoberFromIDNumber(t *testing.T) {
	row := func(id string) []any {
		return memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.1", id)
	}
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader, row(makeID("19751015", true))}}))
	if got := slices.Concat(rules(p, Error), rules(p, Warning), rules(p, Notice)); !slices.Equal(got, []string{"birth_month_from_id@H2"}) {
		t.Errorf("with the 身份证号: problems %v, want only birth_month_from_id@H2", got)
	}
	if len(p.Members) != 1 || p.Members[0].Birth == nil || p.Members[0].Birth.Format("2006-01") != "1975-10" {
		t.Fatalf("with the 身份证号: members %+v, want one born 1975-10", p.Members)
	}
	p = mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader, row("")}}))
	if got := slices.Concat(rules(p, Error), rules(p, Warning), rules(p, Notice)); !slices.Equal(got, []string{"birth_month_ambiguous@H2"}) {
		t.Errorf("without the 身份证号: problems %v, want only birth_month_ambiguous@H2", got)
	}
	if len(p.Members) != 1 || p.Members[0].Birth.Format("2006-01") != "1975-01" {
		t.Errorf("without the 身份证号: members %+v, want one born 1975-01", p.Members)
	}
}
