package ingest

import (
	"fmt"
	"strings"
)

// postponedWords say in a results row that its election was not held this term: a township lists every
// village, and writes 暂缓换届 (in 备注 or across the counts) for one whose election waits.
var postponedWords = []string{"暂缓", "缓选", "未换届", "暂不换届", "不换届", "推迟", "延期", "延迟", "未进行", "未选举", "未开展", "尚未"}

// postponed reports a results row whose counts are all blank (or hold words) and whose cells say its
// election was postponed (postponedWords): it is no election and not read, with a notice; a figure for
// it would be a guess. Any row with a count, or without such words, is read as before.
func (sp *sheetParser) postponed(row int, cells []string, k Key) bool {
	for _, f := range resultCounts {
		if _, ok := parseInt(sp.cell(cells, f)); ok {
			return false
		}
	}
	for j, c := range cells {
		c = clean(c)
		if c == "" {
			continue
		}
		s := scriptKey(c)
		for _, w := range postponedWords {
			if strings.Contains(s, w) {
				sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Cell: cellRef(j, row), Value: c, Rule: "election_postponed",
					Message: fmt.Sprintf("%s写明“%s”，没有选举结果，未导入：这一行不计入完成换届选举的村(社区)；换届后请补报", keyText(k), shorten(c, 20))})
				return true
			}
		}
	}
	return false
}
