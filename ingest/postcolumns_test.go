package ingest

import (
	"fmt"
	"slices"
	"testing"

	"electsum"
)

// TestPostColumnBody: which headers name one body's posts.
func TestPostColumnBody(t *testing.T) {
	for _, c := range []struct {
		child, up string
		want      electsum.Body // "": not a post column
	}{
		{"党组织职务", "", electsum.PartyBranch},
		{"村党支部职务", "", electsum.PartyBranch},
		{"党内职务", "", electsum.PartyBranch},
		{"村委会职务", "", electsum.VillagersCommittee},
		{"村委会任职", "", electsum.VillagersCommittee},
		{"监委会职务", "", electsum.SupervisoryCommittee},
		{"村務監督委員會職務", "", electsum.SupervisoryCommittee},
		{"社区党委职务", "", electsum.CommunityParty},
		{"居委会职务", "", electsum.ResidentsCommittee},
		{"党组织", "职务", electsum.PartyBranch}, // 职务 merged over the bodies
		{"职务", "", ""},
		{"现任职务", "", ""},
		{"行政职务", "", ""},
		{"镇党委职务", "", ""}, // a township's: its roster names the body in 职务
	} {
		got, _ := postColumnBody(c.child, c.up)
		if got != c.want {
			t.Errorf("%s/%s: %q, want %q", c.up, c.child, got, c.want)
		}
	}
}

// TestPostColumns: a 村“两委”成员名册 with a column of posts per body and neither 选举类型 nor 职务 has a
// member per post (the 一肩挑 in two bodies), a community's posts its own bodies, and a row without any
// post is an error at the first post column.
func TestPostColumns(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "青石镇2024年", rows: [][]any{
		{"青石镇2024年村（社区）“两委”成员名册"},
		{"村（社区）", "姓名", "性别", "出生年月", "政治面貌", "学历", "党组织职务", "村委会职务", "监委会职务"},
		{"东山村", "王芳", "女", "1976.05", "中共党员", "大专", "书记", "主任", ""},
		{"东山村", "李四", "男", "1980.03", "中共党员", "高中", "组织委员", "委员", "无"},
		{"东山村", "钱七", "男", "1972.03", "群众", "高中", "", "", "监委会主任"},
		{"城关社区", "赵六", "男", "1970.03", "中共党员", "本科", "书记", "主任", ""},
		{"城关社区", "孙八", "男", "1971.03", "群众", "高中", "/", "", ""},
	}}))
	var got []string
	for _, m := range p.Members {
		got = append(got, fmt.Sprintf("%s %s %s", m.Name, m.Body, m.Position))
	}
	want := []string{"王芳 村党组织 书记", "王芳 村民委员会 主任", "李四 村党组织 委员", "李四 村民委员会 委员",
		"钱七 村务监督委员会 主任", "赵六 社区党组织 书记", "赵六 居民委员会 主任"}
	if !slices.Equal(got, want) {
		t.Errorf("members %q\nwant %q", got, want)
	}
	if errs := rules(p, Error); !slices.Equal(errs, []string{"post_without_body@G7"}) {
		t.Errorf("errors %v, want post_without_body@G7: %v", errs, p.Problems)
	}
	if n := rules(p, Notice); !slices.Contains(n, "body_from_position@") || slices.ContainsFunc(n, func(r string) bool { return r[:14] == "unknown_column" }) {
		t.Errorf("notices %v", n)
	}
}

// TestPostColumnsBesideBody: beside 选举类型 and 职务 the post columns are not read, and said to be ignored.
func TestPostColumnsBesideBody(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{
		{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历", "党组织职务"},
		{"青石镇", "东山村", 2024, "村民委员会", "王芳", "主任", "女", "1976.05", "中共党员", "大专", "书记"},
	}}))
	if len(p.Members) != 1 || p.Members[0].Body != "村民委员会" || !slices.Equal(rules(p, Notice), []string{"unknown_column@K1"}) {
		t.Errorf("members %+v, notices %v", p.Members, rules(p, Notice))
	}
}
