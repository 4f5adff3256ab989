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
	}{{ResultsSheet, ResultColumns}, {MembersSheet, MemberColumns}} {
		fmt.Fprintf(&b, "**%s**\n\n| 列名 | 英文名 | 必填 | 含义 | 也可写作 |\n|---|---|---|---|---|\n", sheet.kind)
		for _, c := range sheet.cols {
			required := ""
			if c.Required {
				required = "是"
			}
			meaning := c.Meaning
			if c.Kind == KindEnum {
				meaning += "（可选值：" + strings.Join(c.Values, "、") + "）"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", c.Header, c.English, required, meaning, strings.Join(c.Aliases, "、"))
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
