// Package templates holds the built-in report templates (text/template, Markdown output) and documents
// the data they receive. `electsum templates export DIR` copies them out; `electsum report --templates
// DIR` uses a folder of adapted copies instead. A folder must contain unit.md.tmpl, township.md.tmpl and
// county.md.tmpl; every *.tmpl in it is parsed together, so shared blocks ({{define "…"}}) may live in
// any file (the built-ins keep them in sections.md.tmpl, and the wording of the findings in
// findings.md.tmpl). A shared built-in file the folder lacks is taken from the built-ins.
//
// Only the template's own text is Markdown: whatever an action prints ({{.Title}}, {{sentence …}},
// text from report.toml) is escaped so that it reads as exactly those characters — a unit named
// [链接](javascript:…) or <script> stays text in the .md file and in the HTML page. Links written in a
// template itself are kept in the HTML page only when they go to http or https; raw HTML is dropped.
//
// # Data: the view (reports.View)
//
// Each template executes with one value, the view. Missing figures are never 0: helpers print "" for
// them, and a clause joined with clauses/sentence disappears with its comma.
//
//	.Title        string   示例县2024年村“两委”换届选举工作总结 (report.toml title, else generated)
//	.Level        string   unit | township | county
//	.Place        string   示例县 — the county, township or unit the report is about
//	.Self         string   我县 / 我镇 / 我村 (我街道, 我社区, 我区 follow the place name's ending)
//	.Whole        string   全县 / 全镇 / 全村
//	.Kind         string   村, 社区 or 村（社区）: whose “两委” the data holds
//	.Year         int      2024
//	.Period       string   2024年3月1日至4月20日 ("" when no dates were collected)
//	.UnitsText    string   45个村、6个社区
//	.Overview     []Section  the numbered parts of 一、基本情况, in report order (see below)
//	.Practices    []Item   二、主要做法 from report.toml [[practices]]; empty → template prints 【待补充：主要做法】
//	.Achievements []Stated 三、取得的成效: findings from the change versus the previous term
//	.Problems     []Stated 四、存在的问题: findings from the data (report.toml [[problems]] are .Config.Problems)
//	.Plans        []Item   五、下步打算 from report.toml [[plans]]
//	.Annex        []string 附件 sheet titles: 选举基本情况统计表, 村“两委”成员结构统计表, …
//	.Organ        string   落款 organ, e.g. 中共示例县委组织部 (or 【待补充：发文机关】)
//	.Date         string   落款 date, e.g. 2024年12月20日 (or 【待补充：日期】)
//	.DataChecks   []Stated 数据核对 findings: optional items filled by some, figures that did not add up
//	.Notices      []analytics.Check 数据核对: data warnings (.Township .Unit .Body .Message .Citation)
//	.Config       report.toml's prose as read: .Config.Basis, .Config.Deployment, .Config.Problems … (the
//	              thresholds a finding used are the finding's own .Threshold)
//	.Summary      the whole analytics.Summary (JSON names in `electsum report --format json`):
//	              .Summary.Units.Current, .Summary.Townships.Current, .Summary.PreviousYear, .Summary.Breakdown …
//	.Chart NAME   method: where the HTML page puts chart NAME (age, education, shares, turnout); "" in Markdown
//
// Item is {.Heading "加强组织领导", .Text "成立换届工作领导小组……"}.
//
// Section is one part of 一、基本情况:
//
//	.Number  （一）
//	.Title   村民委员会换届选举结果 | 村“两委”交叉任职和“一肩挑”情况 | …
//	.Whole   全县 (as above, for use inside a section)
//	.Noun    村 or 社区
//	.Head    书记 or 主任 (body sections)
//	.Level   the report's level (as the view's .Level), for wording that differs by level
//	.Body    *analytics.BodySummary, set for one body's election:
//	         .Body.Body (村民委员会), .Body.Participation.{Units,Registered,Voted,Turnout,FullTurnout} (Figure),
//	         .Body.Participation.{ProxyVotes,MobileVotes} (Part), .Body.Participation.{ValidBallots,InvalidBallots}
//	         (Figure) with .ValidUnits/.InvalidUnits (Value: the units that gave them), .Body.Participation.Term
//	         (Value: 届次 when every unit gave the same one), .Body.Methods (Part list: units per 选举方式),
//	         .Body.Seats.{Seats,Candidates,Elected},
//	         .Body.Seats.{ContestedUnits,ContestedSeats,ContestedCandidates,Margin} (有候选人选举 only),
//	         .Body.Seats.FirstRound (Part), .Body.Members / .Body.Heads / .Body.NewHeads (Structure),
//	         .Body.NewHeadsAgeGap (Value), .Body.HeadsChanged (Part)
//	.Two     *analytics.TwoCommittees, set for the two committees together:
//	         .Two.Kind (村), .Two.Positions (Figure), .Two.Persons (Structure), .Two.OneShoulder,
//	         .Two.CrossUnits, .Two.CrossPersons, .Two.NoWoman (Part), .Two.NoWomanUnits
//	.Members bool, set on the first of the two committees' two sections: the members' structure
//	         (村“两委”成员结构情况); the second has 一肩挑, 交叉任职 and 没有女性成员
//
// Structure: .Total (Figure); .Women .PartyMembers .Minorities .Reelected .New .WealthLeaders
// .GraduateOfficials .HighSchoolUp (高中（中专）以上) (Part); .AgeBands .Education (in configured order) (Part
// lists); .AverageAge (Figure); for a body's members .Positions and .WomenPositions (Part lists, 职务 in the
// same order: holders, and the women among them).
// Figure is {.Current, .Previous} Values; Value is {.V float, .OK bool}; Part is {.Label, .Count, .Share}
// with Count and Share Figures, shares in percent, and .Base (Value: the share's denominator), .Partial
// (bool: only some people or units filled the item in, so the share is not of the whole; part, some,
// parts and countShare then print the count alone) and .Reporting (Value: the units that filled an
// optional column of the results sheet, for .ProxyVotes, .MobileVotes and .Seats.FirstRound; print it
// beside a Partial count: 委托投票313人（4个村填报）).
//
// # Findings (reports.Stated: an analytics.Finding with .All 全县, .Level and .Annexed)
//
// 成效, 存在的问题 and 数据核对 come from analytics as data, never as sentences: .Section (achievement,
// problem, data_check), .Kind, .Improved (成效: the figure moved the good way; women, education, age
// and turnout in 问题 are those figures fallen since the last term), .Body and .Set (whose
// figures: members, heads, new_heads, two_committees with .Body the 两委 kind 村/社区), .Of (the
// distribution a data check is about), .Part, .Also (Part), .Figure, .Value, .Whole, .Unfilled,
// .WholeShare (Value), .Threshold, .Every, .Units (.Township .Unit .County .Kind .Rate), .Items (one
// finding per body, for kinds that join bodies), .Checks; .Annexed is set when the annex lists every check
// (the village annex's 数据核对 sheet; the 人大 and 党代会 drafts name every check of their violations
// finding, which is their 存在的问题 item). What each kind fills is documented with its
// constant in package analytics (FindingWomen …). The block "finding" picks the block
// "finding.<kind>" of findings.md.tmpl that words each one; "findings" numbers a list （一）（二）….
// A department rewords a finding by redefining its block in its own folder.
//
// # Helpers (reports.Words.Funcs)
//
// The words the helpers put around figures (punctuation, 占, 岁, 比上届增加, Chinese numerals, dates)
// and the words of the drafts' frame that the view carries (.Title, .Self, .Whole, .UnitsText, the
// sections' .Number and .Title, .Annex, the 落款 placeholders: its [drafts] tables) and the charts'
// titles and legend ([charts]) are in words.toml,
// which a folder may carry too: a key it leaves out keeps the built-in word.
//
//	num 28.75 → 28.8             pct V → 28.8%              count V "人" → 19人 (a zero part prints nothing: part, some, parts)
//	countOf "女性" V "人" → 女性19人   share V → 占28.8%       part "女性" P "人" → 女性19人，占28.8%
//	parts PS "人" → 35岁及以下6人，占9.1%；36—45岁13人，占19.7%
//	change F "人" → 比上届增加10人 | 比上届减少2人 | 与上届持平
//	pp F → 比上届提高3.3个百分点, 比上届下降1.0个百分点     years F → 比上届下降0.7岁, 比上届增大1.0岁
//	clauses A B … → A，B (empties dropped)    sentence A B … → A，B。    semis A B → A；B
//	prefix "其中，" S → 其中，S ("" when S is "")      wrap "（" S "）"
//	list A B C → A、B和C          cn 12 → 十二              term 10 → 第十届
//	known V, positive V (bool)    unitNoun BODY → 村|社区|选区   headTitle BODY → 书记|主任
//	compare F → 上届为90.0%       turnoutOf UNITRATE → 甲村（85.0%）   hasFigures STRUCTURE (bool)
//	some "少数民族" P "人" → like part, but "" when the count is 0 (for attributes worth naming only when present)
//	countShare P "个村一次选举成功" → 15个村一次选举成功，占100.0%
//	wholeShare P → P's share when it is of the whole set, no figure when P is Partial
//	named PS → PS not Partial, for parts whose base the sentence names (在填报代表构成的50名中，…)
//	zero P (bool) → P is known to be 0 (say the negative: 没有女性成员)   every P TOTAL (bool) → P is all of TOTAL (均为连任)
//	age V → 47.0岁 (ages always with one decimal)   flat F (bool) → the change rounds to 0.0 (group the 持平 figures)
//	moved F → 提高3.3个百分点 (after a change clause)   gap V → 小3.2岁 | 大1.0岁 | 相同
//	nonzero V → V, or no figure when 0     unitsOf UNITRATES withTownship → 东风镇甲村、东风镇乙村   rateOf UNITRATES → their (tied) turnout V
//	date "2024-03-05" → 2024年3月5日        firstRound *bool → 一次选举成功 | 未能一次选举成功 | ""
//	membersOf BODY STRUCTURE → the structure without the party share for party bodies (all are members)
//	committee "村" → 村民委员会 ("社区" → 居民委员会)     add 1 2 → 3        seq 3 → [1 2 3]
//	checkAt CHECK withTownship → the check with .Where (its unit, or township and unit)   contains S SUB (bool)
//	uncited CHECKAT → the same without its citation (one citation per rule, after the last of its checks)
//	unitBody WHERE BODY → 南街社区 社区党组织 → 南街社区党组织 (a body of [drafts.places] after_kind drops the unit kind the name ends with)
//
// Every sentence of the generated items (.Achievements, .Problems) and of the 数据核对 notes is
// worded here (findings.md.tmpl), none in Go.
package templates

import "embed"

// FS holds the built-in templates: unit.md.tmpl, township.md.tmpl, county.md.tmpl, renda.md.tmpl,
// dangdaihui.md.tmpl, shequdangzuzhi.md.tmpl (the 社区党组织 draft, a reports.PartyCongressView of
// analytics.SummarizeCommunityParty; it shares the block party-structure of dangdaihui.md.tmpl)
// and the shared blocks in sections.md.tmpl and findings.md.tmpl, and the helpers' words in words.toml.
//
//go:embed *.tmpl words.toml
var FS embed.FS

//go:embed report.toml
var exampleConfig string

// ExampleConfig is the commented report.toml written by `electsum report init` (a new copy each time).
func ExampleConfig() []byte { return []byte(exampleConfig) }
