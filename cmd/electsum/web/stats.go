package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"electsum/analytics"
	"electsum/analytics/query"
	"electsum/reports"
)

// figTable is one table of the 统计 page: the typed model's figures laid out in rows, never computed
// here. A cell is a number (V set) or text; a missing figure is nil and shows as "—".
type figTable struct {
	ID      string
	Title   string
	Columns []string
	Rows    [][]any // string, analytics.Value, or nil
}

// Numeric says whether column i holds figures (right-aligned).
func (t *figTable) Numeric(i int) bool { return i > 0 }

// Cell formats one cell for the page.
func (t *figTable) Cell(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case analytics.Value:
		if !x.OK {
			return "—"
		}
		return reports.Num(x.V)
	}
	return "—"
}

// figureRow is 指标, 本届, 上届, 比上届: the change only when both terms have the figure.
func figureRow(label string, f analytics.Figure) []any {
	return []any{label, f.Current, f.Previous, f.Change()}
}

var figureColumns = []string{"指标", "本届", "上届", "比上届增减"}

// partColumns are a structure's columns: count and share of each term, and the change of the share.
var partColumns = []string{"项目", "本届人数", "本届占比(%)", "上届人数", "上届占比(%)", "占比增减(百分点)"}

func partRow(p analytics.Part) []any {
	return []any{p.Label, p.Count.Current, p.Share.Current, p.Count.Previous, p.Share.Previous, p.Share.Change()}
}

func labelled(label string, p analytics.Part) analytics.Part {
	if p.Label == "" {
		p.Label = label
	}
	return p
}

// structureRows lays out a Structure: total, then each part in the order the draft discusses them.
func structureRows(st analytics.Structure) [][]any {
	rows := [][]any{{"总人数", st.Total.Current, nil, st.Total.Previous, nil, nil}}
	add := func(ps ...analytics.Part) {
		for _, p := range ps {
			rows = append(rows, partRow(p))
		}
	}
	add(labelled("女性", st.Women), labelled("中共党员", st.PartyMembers), labelled("少数民族", st.Minorities))
	add(st.AgeBands...)
	rows = append(rows, []any{"平均年龄(岁)", st.AverageAge.Current, nil, st.AverageAge.Previous, nil, st.AverageAge.Change()})
	add(st.Education...)
	add(labelled("连任", st.Reelected), labelled("新当选", st.New), labelled("致富带头人", st.WealthLeaders), labelled("大学生村官", st.GraduateOfficials))
	add(st.Categories...)
	add(st.Positions...)
	return rows
}

// statsTables lays out the whole Summary as tables, in the order of the draft's 基本情况.
func statsTables(s *analytics.Summary) []*figTable {
	var out []*figTable
	n := 0
	add := func(title string, cols []string, rows [][]any) {
		if len(rows) == 0 {
			return
		}
		n++
		out = append(out, &figTable{ID: fmt.Sprintf("t%d", n), Title: title, Columns: cols, Rows: rows})
	}
	add("概况", figureColumns, [][]any{figureRow("乡镇(街道)数", s.Townships), figureRow("村(社区)数", s.Units)})
	for _, b := range s.Bodies {
		p := b.Participation
		add(string(b.Body)+"：参选情况", figureColumns, [][]any{
			figureRow("参加选举的单位数", p.Units),
			figureRow(registeredLabel(b.Body), p.Registered),
			figureRow(votedLabel(b.Body), p.Voted),
			figureRow(turnoutLabel(b.Body)+"(%)", p.Turnout),
			figureRow("委托投票人数", p.ProxyVotes.Count),
			figureRow("委托投票占比(%)", p.ProxyVotes.Share),
			figureRow("流动票箱投票人数", p.MobileVotes.Count),
			figureRow("流动票箱投票占比(%)", p.MobileVotes.Share),
			figureRow("有效票", p.ValidBallots),
			figureRow("无效票", p.InvalidBallots),
			figureRow(turnoutLabel(b.Body)+"100%的单位数", p.FullTurnout),
		})
		st := b.Seats
		add(string(b.Body)+"：职数与差额", figureColumns, [][]any{
			figureRow("应选职数", st.Seats),
			figureRow("候选人数", st.Candidates),
			figureRow("当选人数", st.Elected),
			figureRow("差额比例(%)", st.Margin),
			figureRow("一次选举成功的单位数", st.FirstRound.Count),
			figureRow("一次选举成功占比(%)", st.FirstRound.Share),
			figureRow(reports.HeadTitle(b.Body)+"变动的单位数", b.HeadsChanged.Count),
		})
		add(string(b.Body)+"：当选人员结构", partColumns, structureRows(b.Members))
		if reports.HasFigures(b.Heads) {
			add(string(b.Body)+"："+reports.HeadTitle(b.Body)+"结构", partColumns, structureRows(b.Heads))
		}
		if len(b.Methods) > 0 {
			var rows [][]any
			for _, m := range b.Methods {
				rows = append(rows, partRow(m))
			}
			add(string(b.Body)+"：选举方式(单位数)", partColumns, rows)
		}
	}
	for _, tc := range s.TwoCommittees {
		add(tc.Kind+"“两委”：职数、一肩挑与交叉任职", partColumns, [][]any{
			{"职数", tc.Positions.Current, nil, tc.Positions.Previous, nil, nil},
			{"人数", tc.Persons.Total.Current, nil, tc.Persons.Total.Previous, nil, nil},
			partRow(labelled("“一肩挑”的"+tc.Kind, tc.OneShoulder)),
			partRow(labelled("有交叉任职的"+tc.Kind, tc.CrossUnits)),
			partRow(labelled("交叉任职人数", tc.CrossPersons)),
			partRow(labelled("村(居)委会没有女性成员的"+tc.Kind, tc.NoWoman)),
		})
		add(tc.Kind+"“两委”成员结构(按人数)", partColumns, structureRows(tc.Persons))
	}
	if len(s.Breakdown) > 0 {
		var rows [][]any
		for _, br := range s.Breakdown {
			for _, b := range br.Bodies {
				rows = append(rows, []any{br.Name, string(b.Body), b.Participation.Turnout.Current, b.Seats.Elected.Current,
					b.Members.Women.Share.Current, b.Members.PartyMembers.Share.Current, b.Members.AverageAge.Current, b.Members.Reelected.Share.Current})
			}
		}
		what := "各乡镇(街道)"
		if s.Level == analytics.LevelTownship {
			what = "各村(社区)"
		}
		add(what+"情况", []string{"名称", "选举类型", "参选率(%)", "当选人数", "女性占比(%)", "党员占比(%)", "平均年龄", "连任占比(%)"}, rows)
	}
	if len(s.Checks) > 0 {
		var rows [][]any
		for _, c := range s.Checks {
			rows = append(rows, []any{c.Severity, c.Township, c.Unit, string(c.Body), c.Message, c.Citation})
		}
		add("数据核对：违反规定或需要核实的情况", []string{"类别", "乡镇(街道)", "村(社区)", "选举类型", "情况", "依据"}, rows)
	}
	return out
}

func isParty(b analytics.Body) bool {
	return b == analytics.PartyBranch || b == analytics.CommunityParty || b == analytics.TownshipPartyCommittee
}

func registeredLabel(b analytics.Body) string {
	if isParty(b) {
		return "应到人数"
	}
	return "登记选民数"
}

func votedLabel(b analytics.Body) string {
	if isParty(b) {
		return "实到人数"
	}
	return "参加投票人数"
}

func turnoutLabel(b analytics.Body) string {
	if isParty(b) {
		return "到会率"
	}
	return "参选率"
}

// chart is one of the draft's charts, drawn by package reports.
type chart struct {
	Name string
	SVG  template.HTML
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseScope(r.Context(), r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Form": f}
	sum, cfg, err := s.summarize(r.Context(), f)
	if err != nil {
		data["Error"] = err.Error()
		data["Hint"] = pageHint(err)
		s.render(w, r, "stats", "统计", data)
		return
	}
	data["Summary"] = sum
	data["Tables"] = statsTables(sum)
	svgs := reports.Charts(reports.NewView(sum, cfg))
	var charts []chart
	for _, name := range reports.ChartNames() {
		if svgs[name] != "" {
			charts = append(charts, chart{Name: name, SVG: template.HTML(svgs[name])})
		}
	}
	data["Charts"] = charts
	s.render(w, r, "stats", "统计", data)
}

// statsTable downloads one table of the 统计 page as .xlsx (?table=t3 and the scope).
func (s *Server) statsTable(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseScope(r.Context(), r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sum, _, err := s.summarize(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id := r.URL.Query().Get("table")
	for _, t := range statsTables(sum) {
		if t.ID != id {
			continue
		}
		tab := &query.Table{}
		for i, c := range t.Columns {
			typ := "VARCHAR"
			if t.Numeric(i) && numericColumn(t, i) {
				typ = "DOUBLE"
			}
			tab.Columns = append(tab.Columns, query.Column{Name: c, Type: typ})
		}
		for _, row := range t.Rows {
			out := make([]any, len(row))
			for i, v := range row {
				switch x := v.(type) {
				case string:
					out[i] = x
				case analytics.Value:
					if x.OK {
						out[i] = x.V
					}
				}
			}
			tab.Rows = append(tab.Rows, out)
		}
		name := fmt.Sprintf("%s%d年%s.xlsx", f.Place(), f.Scope.Year, strings.NewReplacer("：", "_", "“", "", "”", "", "(", "", ")", "", "%", "").Replace(t.Title))
		attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
		if err := query.XLSX(w, tab.Reader()); err != nil {
			s.opts.Logf("统计表下载: %v", err)
		}
		return
	}
	http.NotFound(w, r)
}

// numericColumn is true when no cell of column i is text.
func numericColumn(t *figTable, i int) bool {
	for _, row := range t.Rows {
		if _, ok := row[i].(string); ok {
			return false
		}
	}
	return true
}
