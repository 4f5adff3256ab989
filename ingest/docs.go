package ingest

import (
	"fmt"
	"strings"
)

// ColumnsMarkdown renders the column list of both sheets as Markdown tables, for the README. The README
// section is checked against it by a test, so the documentation cannot drift from the parser.
func ColumnsMarkdown() string {
	var b strings.Builder
	for _, sheet := range []struct {
		kind SheetKind
		cols []Column
	}{{ResultsSheet, resultColumns}, {MembersSheet, memberColumns}} {
		fmt.Fprintf(&b, "**%s**\n\n| 列名 | 英文表头 | 必填 | 含义 | 也可写作 |\n|---|---|---|---|---|\n", sheet.kind)
		for _, c := range sheet.cols {
			required := ""
			if c.Required {
				required = "是"
			}
			meaning := c.Meaning
			switch {
			case c.Kind == KindEnum && c.Open:
				meaning += "（常用值：" + strings.Join(c.Values, "、") + "；也可填其他）"
			case c.Kind == KindEnum:
				meaning += "（可选值：" + strings.Join(c.Values, "、") + "）"
			}
			english := "`" + strings.Join(c.English, "`, `") + "`"
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Header, english, required, meaning, strings.Join(c.Aliases, "、"))
		}
		b.WriteString("\n")
	}
	b.WriteString("英文表头不分大小写，不计空格和标点，单数复数都可以(`Registered Voters`、`registered voter`)。\n\n")
	b.WriteString("由其他列算出的数字不是填报项：表中如有下列列，导入时忽略并给出提示(`derived_column`)，从不存入数据库，electsum 按原始数字自己计算：\n\n")
	for _, d := range derivedColumns {
		fmt.Fprintf(&b, "- %s(也可写作 %s；`%s`)：由%s算出\n", d.Header, strings.Join(d.Aliases, "、"), strings.Join(d.English, "`, `"), d.From)
	}
	b.WriteString("\n表中填写的参选率(95.2%、95.2、0.952、百分比格式的数字或公式结果)与按本行参加投票人数和登记选民数算出的不符、超出填写值本身的舍入或截位时(95.24%、95.28% 写作 95.2% 都不算不符)，给出警告(`turnout_mismatch`)：数据照常导入，统计用算出的参选率。\n")
	return strings.TrimSuffix(b.String(), "\n")
}
