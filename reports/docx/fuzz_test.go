package docx

import (
	"bytes"
	"testing"
)

// FuzzWrite feeds Markdown of any shape — what a user's own templates may produce — to the writer:
// it must not fail or panic, and every part must stay well-formed with its children in schema order.
func FuzzWrite(f *testing.F) {
	for _, seed := range []string{
		"# 标题\n\n正文【待补充：主要做法】。\n\n附件：1．表一  \n　　　2．表二\n\n中共某县委组织部  \n2024年12月5日\n\n---\n\n## 数据核对\n\n- 一\n- 二\n",
		"| a | b |\n|---|:-:|\n| 1 | <x> & |\n| 2 |\n",
		"> 引用 *强调* **加粗** `代码` [链接](http://x) ![图](y.png)\n\n```\ncode\n```\n\n1. 一\n   - 二\n",
		"（一）班子结构。正文\x00\x1f\xff【待补充：\n\n####### 七级\n\n<div>块</div>\n\n---\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, md string) {
		var buf bytes.Buffer
		if err := write(&buf, []byte(md), [2]string{"【待补充：", "】"}, md, simplifiedFonts, testTime); err != nil {
			t.Fatal(err)
		}
		parts, _ := unzip(t, buf.Bytes())
		for name, b := range parts {
			if name != "[Content_Types].xml" {
				checkWellFormed(t, name, b)
				checkOrder(t, name, b)
			}
		}
	})
}
