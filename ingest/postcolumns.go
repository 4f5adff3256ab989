package ingest

import (
	"fmt"
	"strings"

	"electsum"
)

// postColumn is a roster's column of one body's posts — 党组织职务, 村委会职务, 监委会职务 side by side, as a
// township's 村“两委”成员名册 often has them instead of 选举类型 and 职务: a person with a post in a column
// is a member of its body, the 一肩挑 a post in two.
type postColumn struct {
	index int
	body  electsum.Body
	text  string // the header as written
}

// postColumnWords end a header naming a body's posts: 党组织职务, 村委会任职, 监委会职位 (folded once).
var postColumnWords = func() []string {
	var out []string
	for _, w := range []string{"担任职务", "所任职务", "任职情况", "职务", "任职", "职位", "職務", "職位"} {
		out = append(out, fold(w, true))
	}
	return out
}()

// postColumnBody is the body a header of a postColumn names, trying the lower cell of a two-row header
// alone and then under its upper cell (职务 merged over 党组织 | 村委会); false for any other header.
func postColumnBody(child, up string) (electsum.Body, bool) {
	if !strings.ContainsAny(child, "职職任") && !strings.ContainsAny(up, "职職任") {
		return "", false // cheap: matchCells asks this of every header cell that names no column
	}
	for _, h := range []string{child, child + up, up + child} {
		f := fold(stripBracketed(h), true)
		for _, w := range postColumnWords {
			rest, ok := strings.CutSuffix(f, w)
			if !ok || rest == "" {
				continue
			}
			rest = strings.TrimSuffix(rest, "内") // 党内职务 names the party branch
			if b, ok := enums["body"].folded[rest]; ok && electsum.Body(b).UnitKind() != electsum.Township {
				return electsum.Body(b), true
			}
			if rest == "党" {
				return electsum.PartyBranch, true
			}
		}
	}
	return "", false
}

// columnPosts are the posts a row holds in its sheet's postColumns, each of its column's body (in a
// community, the community's: postsIn); a cell of 无, －, / or blank holds none.
func (sp *sheetParser) columnPosts(cells []string, kind electsum.UnitKind) []post {
	var out []post
	for _, pc := range sp.lay.posts {
		v := cleanAt(cells, pc.index)
		if v == "" || strings.Trim(v, "无無/／-－—、 ") == "" {
			continue
		}
		body := pc.body
		if kind == electsum.Community {
			switch body {
			case electsum.PartyBranch:
				body = electsum.CommunityParty
			case electsum.VillagersCommittee:
				body = electsum.ResidentsCommittee
			}
		}
		out = append(out, post{body: body, position: positionFor(v, body)})
	}
	return out
}

// postColumnsNotice says which columns give the rows' bodies.
func (sp *sheetParser) postColumnsNotice(row int) {
	var names []string
	for _, pc := range sp.lay.posts {
		names = append(names, fmt.Sprintf("“%s”", pc.text))
	}
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: colBody.Header, Rule: "body_from_position",
		Message: fmt.Sprintf("%s没有“选举类型”和“职务”列，各行按%s列归入组织：一列填了职务的，是该组织的成员(填了两列的，是两个组织的成员)；如不对，请在表头行添加“选举类型”和“职务”列，每人每个组织填一行", sp.where(), strings.Join(names, "、"))})
}
