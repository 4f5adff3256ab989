package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"electsum/analytics"
	goldenfile "electsum/reports/internal/golden"
	"electsum/templates"
)

// golden compares got with testdata/golden/reports/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("..", "testdata", "golden", "reports", name), got)
}

func testConfig() Config {
	return Config{
		Basis:      "根据《中华人民共和国村民委员会组织法》和县委统一部署",
		Deployment: "镇党委高度重视，成立换届选举工作领导小组，逐村制定工作方案",
		Organ:      "中共东风镇委员会",
		Date:       "2024年12月20日",
		Practices: []Item{
			{Heading: "加强组织领导", Text: "成立由党委书记任组长的领导小组，班子成员分片包村。"},
			{Heading: "严格依法办事", Text: "严格执行法定程序，选民登记、候选人提名、投票选举等环节全程公开。"},
		},
		Plans: []Item{{Heading: "加强新班子培训", Text: "分批组织新一届村“两委”成员参加业务培训。"}},
	}
}

func render(t *testing.T, r *Renderer, s *analytics.Summary, cfg Config, script Script, format string) []byte {
	t.Helper()
	v := NewView(s, cfg)
	var buf bytes.Buffer
	var err error
	switch format {
	case "md":
		err = r.Markdown(&buf, v, script)
	case "html":
		err = r.HTML(&buf, v, script)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGoldenFixtures(t *testing.T) {
	for _, tt := range []struct {
		name    string
		summary func() *analytics.Summary
		cfg     Config
	}{
		{"unit", unitFixture, Config{}},
		{"township", townshipFixture, testConfig()},
		{"county", countyFixture, Config{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, "fixture-"+tt.name+".md", render(t, Builtin(), tt.summary(), tt.cfg, Hans, "md"))
			// Traditional names in the data: the report follows the data's script.
			trad := traditional(tt.summary())
			script := DetectScript(trad)
			if script != Hant {
				t.Fatalf("DetectScript of Traditional names = %q, want hant", script)
			}
			golden(t, "fixture-"+tt.name+".hant.md", render(t, Builtin(), trad, tt.cfg, script, "md"))
		})
	}
	golden(t, "fixture-township.html", render(t, Builtin(), townshipFixture(), testConfig(), Hans, "html"))
}

func TestDetectScriptSimplified(t *testing.T) {
	if got := DetectScript(townshipFixture()); got != Hans {
		t.Errorf("DetectScript = %q, want hans", got)
	}
}

// Every unit named like markup stays text in the HTML page: no element of the data gets through.
func TestHTMLEscapesNames(t *testing.T) {
	page := string(render(t, Builtin(), countyFixture(), Config{Organ: "<i>组织部</i> & 办公室"}, Hans, "html"))
	for _, bad := range []string{"<script>", "<b>西岭乡</b>", "<i>组织部</i>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains raw %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;村", "&lt;b&gt;西岭乡&lt;/b&gt;", "&lt;i&gt;组织部&lt;/i&gt; &amp; 办公室", "<svg", "font-family:&#34;FangSong&#34;"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "CHART") {
		t.Error("a chart placeholder was left in the page")
	}
	if n := strings.Count(page, "<svg"); n != 4 {
		t.Errorf("page has %d charts, want 4 (turnout, age, education, shares)", n)
	}
}

func TestMarkdownHasNoChartPlaceholders(t *testing.T) {
	md := string(render(t, Builtin(), countyFixture(), Config{}, Hans, "md"))
	if strings.Contains(md, "CHART") || strings.Contains(md, "<svg") {
		t.Error("Markdown carries chart output")
	}
}

// TestHTMLWithoutRosterHasNoChartPlaceholders: a county that sent results sheets but no members sheet
// has no age or education chart, and its HTML draft shows no placeholder in their place (it showed
// CHARTAGECHART).
func TestHTMLWithoutRosterHasNoChartPlaceholders(t *testing.T) {
	s := countyFixture()
	for i := range s.Bodies {
		s.Bodies[i].Members = analytics.Structure{}
		s.Bodies[i].Heads = analytics.Structure{}
	}
	s.TwoCommittees = nil
	page := string(render(t, Builtin(), s, Config{}, Hans, "html"))
	if strings.Contains(page, "CHART") {
		t.Errorf("HTML draft carries a chart placeholder: %.300s", page[strings.Index(page, "CHART")-100:])
	}
}

// A missing figure is left out: no 0人, no NaN, no doubled or dangling punctuation.
func TestMissingFiguresLeaveNoTrace(t *testing.T) {
	s := townshipFixture()
	for i := range s.Bodies {
		m := &s.Bodies[i].Members
		m.Women = analytics.Part{}
		m.PartyMembers.Count.Previous, m.PartyMembers.Share.Previous = analytics.Value{}, analytics.Value{}
		m.AverageAge = analytics.Figure{}
		s.Bodies[i].Participation.Registered = analytics.Figure{}
		s.Bodies[i].Participation.Turnout = analytics.Figure{}
	}
	md := string(render(t, Builtin(), s, Config{}, Hans, "md"))
	for _, bad := range []string{"NaN", "，，", "，。", "；。", "，；", "；；", "。，", "为。", "女性，", "平均年龄岁", "Inf"} {
		if strings.Contains(md, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	vc := md[strings.Index(md, "（二）村民委员会"):strings.Index(md, "（三）")]
	members := vc[strings.Index(vc, "共选出"):strings.Index(vc, "名主任中")]
	if strings.Contains(members, "女性") || strings.Contains(vc, "登记选民") || strings.Contains(vc, "参选率为") || strings.Contains(members, "平均年龄") {
		t.Errorf("村民委员会 section mentions a missing figure:\n%s", vc)
	}
}

func TestPlaceholdersWithoutConfig(t *testing.T) {
	md := string(render(t, Builtin(), townshipFixture(), Config{}, Hans, "md"))
	for _, want := range []string{"【待补充：主要做法】", "【待补充：下步打算】", "【待补充：发文机关】", "现将有关情况总结如下："} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestAchievementsFollowDirection: 成效 lists only improvements; a good figure that fell (women,
// the best educated, the average age grown) is stated under 存在的问题 as a problem, never under 成效
// (issue 10 prose).
func TestAchievementsFollowDirection(t *testing.T) {
	s := townshipFixture()
	two := &s.TwoCommittees[0].Persons
	*two = structure(33, 36, [2]float64{5, 9}, [2]float64{28, 27}, 18,
		[4][2]float64{{3, 5}, {11, 10}, {9, 13}, {10, 8}}, [3][2]float64{{8, 9}, {14, 16}, {11, 11}}, [2]float64{49.1, 47.9})
	s.Body(analytics.VillagersCommittee).Participation.Turnout.Previous = analytics.Known(96.5) // 94.0% now
	md := string(render(t, Builtin(), refind(s), Config{}, Hans, "md"))
	achieved := md[strings.Index(md, "三、取得的成效"):strings.Index(md, "四、存在的问题")]
	problems := md[strings.Index(md, "四、存在的问题"):strings.Index(md, "五、下步打算")]
	for _, bad := range []string{"班子结构更加优化", "年龄结构趋于合理", "素质明显提升", "减少", "下降", "增大"} {
		if strings.Contains(achieved, bad) {
			t.Errorf("成效 says %q although the figure got worse:\n%s", bad, achieved)
		}
	}
	for _, want := range []string{"女性成员占比有所下降。", "女性5人，比上届减少4人",
		"大专及以上学历成员占比有所下降。", "班子平均年龄有所增大。", "比上届增大1.2岁",
		"选民参选率有所下降。全镇村民委员会选举参选率为94.0%，比上届下降2.5个百分点。"} {
		if !strings.Contains(problems, want) {
			t.Errorf("存在的问题 lacks %q:\n%s", want, problems)
		}
	}
}

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"unit.md.tmpl", "township.md.tmpl", "county.md.tmpl"} {
		fsys[n] = &fstest.MapFile{Data: []byte("# {{.Title}}\n")}
	}
	fsys["county.md.tmpl"] = &fstest.MapFile{Data: []byte("# {{.Title}}\n\n{{nosuchfunc .Place}}\n")}
	_, err := NewRenderer(fsys)
	var te *TemplateError
	if !errors.As(err, &te) || te.File != "county.md.tmpl" || te.Line != 3 {
		t.Fatalf("parse error = %v (%#v), want county.md.tmpl line 3", err, te)
	}

	fsys["county.md.tmpl"] = &fstest.MapFile{Data: []byte("# {{.Title}}\n\n{{.NoSuchField}}\n")}
	r, err := NewRenderer(fsys)
	if err != nil {
		t.Fatal(err)
	}
	err = r.Markdown(&bytes.Buffer{}, NewView(countyFixture(), Config{}), Hans)
	if !errors.As(err, &te) || te.File != "county.md.tmpl" || te.Line != 3 {
		t.Fatalf("execution error = %v, want county.md.tmpl line 3", err)
	}

	delete(fsys, "unit.md.tmpl")
	if _, err := NewRenderer(fsys); !errors.Is(err, ErrMissingTemplate) {
		t.Fatalf("missing unit template: %v", err)
	}
}

func TestCustomTemplateFolder(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"sections.md.tmpl", "unit.md.tmpl", "township.md.tmpl", "county.md.tmpl"} {
		b, err := templates.FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if n == "township.md.tmpl" {
			b = []byte(strings.Replace(string(b), `{{template "title" .}}`, "# {{.Place}}换届工作情况报告（本单位格式）", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := NewRenderer(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	md := string(render(t, r, townshipFixture(), Config{}, Hans, "md"))
	if !strings.HasPrefix(md, "# 东风镇换届工作情况报告（本单位格式）\n") || !strings.Contains(md, "## 一、基本情况") {
		t.Errorf("custom template not used:\n%.300s", md)
	}
}

// TestJSONIsTheView: the township fixture's overview has four sections — 村党组织, 村民委员会, and the
// 两委 members' structure and 交叉任职 sections (two since issue 10's heading rule).
func TestJSONIsTheView(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, NewView(townshipFixture(), testConfig())); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Title    string `json:"title"`
		Overview []struct {
			Title string `json:"title"`
		} `json:"overview"`
		Summary analytics.Summary `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Title != "东风镇2024年村“两委”换届选举工作总结" || len(back.Overview) != 4 || back.Summary.Body(analytics.VillagersCommittee) == nil {
		t.Errorf("JSON view = %+v", back)
	}
}

var numberRe = regexp.MustCompile(`\d+(\.\d+)?`)

// The numbers of the township fixture's report are the fixture's figures (a guard against a helper
// printing a wrong field); the database test does the same against SQL.
func TestTownshipNumbersComeFromTheModel(t *testing.T) {
	md := string(render(t, Builtin(), townshipFixture(), Config{}, Hans, "md"))
	for _, want := range []string{"女性6人，占31.6%，比上届提高6.6个百分点", "登记选民6000人，参加投票5640人，参选率为94.0%", "3个村实现党组织书记、村民委员会主任“一肩挑”，占75.0%"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if len(numberRe.FindAllString(md, -1)) < 50 {
		t.Error("report has suspiciously few numbers")
	}
}

// The template data model's documentation (package templates) names every helper.
func TestEveryHelperIsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "templates", "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	for name := range builtinWords.Funcs() {
		if !regexp.MustCompile(`//.*\b` + name + `\b`).Match(doc) {
			t.Errorf("helper %s is not documented in templates/doc.go", name)
		}
	}
}

// Names from the data are never converted: 南岩村 stays 南岩村 (OpenCC s2tw gives 南巖村), while the text
// around it is Traditional; the charts' CSS font list keeps its Simplified font names.
func TestHantKeepsNames(t *testing.T) {
	s := countyFixture()
	s.Breakdown[0].Name = "南岩村"
	s.Bodies[1].Participation.BelowThreshold[0].Unit = "南岩村"
	v := NewView(s, Config{})
	var md, page bytes.Buffer
	if err := Builtin().Markdown(&md, v, Hant); err != nil {
		t.Fatal(err)
	}
	if err := Builtin().HTML(&page, v, Hant); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{md.String(), page.String()} {
		if !strings.Contains(out, "南岩村") || strings.Contains(out, "南巖村") {
			t.Errorf("hant output converted the name 南岩村")
		}
		if !strings.Contains(out, "選舉") {
			t.Errorf("hant output is not Traditional")
		}
	}
	if !strings.Contains(page.String(), "&#34;宋体&#34;") {
		t.Error("chart font list was converted")
	}
	if _, err := ParseScript("tw"); err == nil {
		t.Error("ParseScript accepts tw (Taiwan phrasing does not fit mainland documents)")
	}
}

// TestTiedUnitsAllNamed: tied units at the top or bottom of turnout are all named ("均为"), units tied at
// 100% are left to the "N个村参选率达到100%" clause, and 差额比例 says over how many 有候选人 elections
// it is (issue 10 items 3 and 5).
func TestTiedUnitsAllNamed(t *testing.T) {
	for _, tc := range []struct {
		name            string
		highest, lowest []analytics.UnitRate
		full            float64
		want, not       []string
	}{
		{"tied lowest", []analytics.UnitRate{{Unit: "红旗村", Turnout: 98.7}},
			[]analytics.UnitRate{{Unit: "甲村", Turnout: 86.2}, {Unit: "乙村", Turnout: 86.2}}, 0,
			[]string{"参选率最高的是红旗村（98.7%），最低的是甲村、乙村（均为86.2%）。"}, nil},
		{"tied at 100%", []analytics.UnitRate{{Unit: "红旗村", Turnout: 100}, {Unit: "丙村", Turnout: 100}},
			[]analytics.UnitRate{{Unit: "甲村", Turnout: 86.2}}, 2,
			[]string{"2个村参选率达到100%。参选率最低的是甲村（86.2%）。"}, []string{"最高"}},
		{"one at 100%", []analytics.UnitRate{{Unit: "红旗村", Turnout: 100}},
			[]analytics.UnitRate{{Unit: "甲村", Turnout: 86.2}}, 1,
			[]string{"参选率最高的是红旗村（100.0%），最低的是甲村（86.2%）。"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := townshipFixture()
			vc := &s.Bodies[1]
			vc.Participation.Highest, vc.Participation.Lowest = tc.highest, tc.lowest
			vc.Participation.FullTurnout = fig(tc.full, none)
			md := string(render(t, Builtin(), s, Config{}, Hans, "md"))
			saysAll(t, md, append(tc.want, "应选职数19名。其中3个有候选人选举的村应选14名，正式候选人18名，差额比例为28.6%。"), tc.not)
		})
	}
}

// TestEveryFindingKindIsWorded: each kind of analytics.Finding has its block finding.<kind>, and
// "finding" reaches it (a kind missing from either would vanish from the draft without an error).
func TestEveryFindingKindIsWorded(t *testing.T) {
	s := countyFixture()
	for _, kind := range analytics.FindingKinds() {
		if Builtin().t.Lookup("finding."+kind) == nil {
			t.Errorf("no template finding.%s", kind)
			continue
		}
		f := analytics.Finding{Kind: kind, Body: analytics.VillagersCommittee, Set: analytics.SetMembers,
			Part: s.Bodies[1].Members.Women, Also: s.Bodies[1].Members.PartyMembers, Figure: s.Bodies[1].Members.AverageAge,
			Value: analytics.Known(12), Whole: analytics.Known(13), Unfilled: analytics.Known(1), Of: "education",
			Units:  []analytics.Named{{UnitRef: analytics.UnitRef{Township: "东风镇", Unit: "红旗村"}, Rate: analytics.Known(80)}},
			Checks: s.Checks[:1]}
		f.Items = []analytics.Finding{f}
		text, err := Builtin().Finding(f, "全县", analytics.LevelCounty)
		if err != nil || text == "" {
			t.Errorf("finding %s worded %q, %v", kind, text, err)
		}
	}
}

// TestFolderWords: a template folder's words.toml rewords what the helpers print around figures (the
// drafts' wording lives with the templates, not in Go); a key it leaves out keeps the built-in word, and
// a misspelt key or an incomplete list of numerals is an error that names the file.
func TestFolderWords(t *testing.T) {
	folder := func(words string) fstest.MapFS {
		fsys := builtinFolder(t, nil)
		if words != "" {
			fsys[WordsFile] = &fstest.MapFile{Data: []byte(words)}
		}
		return fsys
	}
	r, err := NewRenderer(folder("[change]\nup = \"较上届增加\"\n[points]\nmoved_up = \"上升\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(render(t, r, countyFixture(), Config{}, Hans, "md"))
	for _, w := range []string{"女性9人，较上届增加2人，占比27.3%，上升7.9个百分点。", "中共党员28人，占84.8%，比上届提高9.8个百分点。"} {
		if !strings.Contains(md, w) {
			t.Errorf("draft with the folder's words lacks %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "比上届增加") {
		t.Error("the folder's words.toml did not replace 比上届增加")
	}
	// The frame's words (sections, 落款, titles) are the folder's too when its renderer builds the view,
	// and a map the folder gives in part keeps the other built-in entries.
	r, err = NewRenderer(folder("[drafts]\nplaceholder = \"【请补充：{what}】\"\ntitle = \"{place}{year}年{what}换届工作总结\"\n" +
		"[drafts.sections]\n\"村民委员会\" = \"村委会选举结果\"\n[drafts.party_congress]\ncounty = \"党代会\"\n" +
		"[charts]\ncurrent = \"本次\"\nshares = \"女性和党员比例（%）\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Markdown(&b, r.View(countyFixture(), Config{}), Hans); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"# 示例县2024年村“两委”换届工作总结\n", "（二）村委会选举结果", "（一）村党组织换届选举结果", "【请补充：发文机关】"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("draft with the folder's frame words lacks %q:\n%s", w, b.String())
		}
	}
	// The charts too (the HTML draft's and electsum serve's 统计).
	svg := Charts(r.View(countyFixture(), Config{}))["shares"]
	if !strings.Contains(svg, "本次") || !strings.Contains(svg, "女性和党员比例（%）") || strings.Contains(svg, "本届") {
		t.Errorf("shares chart in the folder's words: %s", svg)
	}
	var page bytes.Buffer
	if err := r.HTML(&page, r.View(countyFixture(), Config{}), Hans); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "本次") {
		t.Error("the HTML draft's charts lack the folder's legend 本次")
	}
	p := r.PartyCongressView(&analytics.PartyCongress{Level: analytics.LevelCounty, Year: 2024, Scope: analytics.Scope{County: "示例县", Year: 2024},
		Bodies: []analytics.PartyCongressBody{{Body: analytics.TownshipDiscipline}}}, Config{})
	if p.Title != "示例县2024年党代会换届工作总结" || p.Bodies[0].Noun != "纪委委员" || p.Bodies[0].Title != "纪委委员选举情况" {
		t.Errorf("party congress view in the folder's words: %q, %q, %q", p.Title, p.Bodies[0].Noun, p.Bodies[0].Title)
	}
	if NewView(countyFixture(), Config{}).Overview[1].Title != "村民委员会换届选举结果" {
		t.Error("a folder's words changed the built-in words")
	}
	same, err := NewRenderer(folder(""))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := render(t, same, countyFixture(), Config{}, Hans, "md"), render(t, Builtin(), countyFixture(), Config{}, Hans, "md"); !bytes.Equal(got, want) {
		t.Error("a folder without words.toml does not read as the built-in templates")
	}
	for words, want := range map[string]string{
		"[change]\nupp = \"较上届增加\"\n":    "change.upp",
		"[numerals]\ndigits = [\"零\"]\n": "digits",
		"[change\n":                      WordsFile,
	} {
		_, err := NewRenderer(folder(words))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), WordsFile) {
			t.Errorf("words %q: error %v, want one naming %s and %s", words, err, WordsFile, want)
		}
	}
}

// saysAll checks that the draft md says each of want and none of not, naming the missing (the whole
// draft with the first).
func saysAll(t *testing.T, md string, want, not []string) {
	t.Helper()
	shown := false
	for _, w := range want {
		if !strings.Contains(md, w) {
			text := "…"
			if !shown {
				text, shown = md, true
			}
			t.Errorf("draft lacks %q:\n%s", w, text)
		}
	}
	for _, n := range not {
		if strings.Contains(md, n) {
			t.Errorf("draft has %q", n)
		}
	}
}

// builtinFolder is the built-in templates as a template folder (--templates), each file passed
// through edit when it is not nil.
func builtinFolder(t *testing.T, edit func(name string, b []byte) []byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	names, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(templates.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			b = edit(n, b)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// TestTurnoutChartNamesTheTownships: the townships' turnout chart says 乡镇 in a county without 街道,
// 街道 when all are, and 乡镇（街道） only when the county has both (issue 10).
func TestTurnoutChartNamesTheTownships(t *testing.T) {
	for _, c := range []struct {
		subdistricts analytics.Value
		want         string
	}{
		{analytics.Known(0), "各乡镇参选率（%）"},
		{analytics.Known(1), "各乡镇（街道）参选率（%）"},
		{analytics.Known(2), "各街道参选率（%）"},
	} {
		s := countyFixture()
		s.Subdistricts = c.subdistricts
		svg := Charts(Builtin().View(s, Config{}))["turnout"]
		if !strings.Contains(svg, c.want) {
			t.Errorf("%v of %v townships are 街道: turnout chart lacks %q: %.300s", c.subdistricts.V, s.Townships.Current.V, c.want, svg)
		}
	}
}
