package ingest

import (
	"electsum"
	"slices"
)

// Kind is how a column's cells are read and normalised.
type Kind int

const (
	KindText     Kind = iota // trimmed text
	KindInt                  // whole number ≥ 0; full-width digits and numbers stored as text accepted
	KindEnum                 // one of Column.Values, matched in either script; stored canonical
	KindBool                 // 是/否/Y/N/1/0/√/× …; stored as BOOLEAN
	KindDate                 // a full date: 2024-03-15, 2024/3/15, 2024年3月15日, 2024.3.15, Excel serial
	KindBirth                // 出生年月: 1975.03, 1975-03, 1975/3, 197503, 1975年3月, full dates, Excel serial
	KindYear                 // a four-digit year: 2024, 2024年
	KindTerm                 // 届次: 10 or 第十届
	KindIDNumber             // 18-character 身份证号 with a valid check digit
)

// SheetKind tells the two input sheets apart.
type SheetKind string

const (
	ResultsSheet SheetKind = "选举结果"
	MembersSheet SheetKind = "当选人员"
	// RegistrationSheet is a 选民登记 table sent beside the results of a people's congress (or village
	// committee) election: the place columns and registration columns of the results sheet, without any
	// of its results columns (registrationOnly). It is read with the results sheet's columns.
	RegistrationSheet SheetKind = "选民登记"
)

// Column is one column of the standard input workbook. This list is the single definition that drives
// the parser, the blank template, its 填表说明 sheet and the README.
type Column struct {
	Key     string   // database column (shared/GLOSSARY.md)
	Header  string   // header as printed in the blank template
	Aliases []string // other headers townships use, Simplified; Traditional forms match automatically
	// English are the headers of an English sheet, as a clerk would type them; the first is the column's
	// English name. Case, spaces and punctuation do not matter, singular and plural match alike, and the
	// Key ("valid_ballots") is always accepted too.
	English []string
	Kind    Kind
	Values  []string // allowed canonical values for KindEnum; shown as a dropdown in the template
	// Yes and No are words that mean 是 or 否 in this column only (连任 and 新任 under 是否连任), read
	// besides the yes/no spellings every KindBool column takes.
	Yes, No []string
	// Negated are aliases (of a KindBool column) that ask the opposite question: under 是否新任 a 是 is
	// the 是否连任 column's 否. Yes and No keep their meaning under them (连任 is 连任 whatever the header).
	Negated []string
	// Open marks a KindEnum whose Values are the usual ones, not all: a value outside them is kept as
	// written (a warning, not an error, in the template's dropdown), a known one in any spelling or
	// script is stored canonical (职务, 选举方式).
	Open bool
	// Remarked marks a KindEnum whose values may carry a remark in brackets that does not change them:
	// 农民（含村干部） is 农民 (代表构成).
	Remarked bool
	Required bool
	Meaning  string // one line for the 填表说明 sheet
	Width    float64
}

// bodyNames are the canonical 选举类型 values, in report order (electsum.Bodies).
func bodyNames() []string {
	var out []string
	for _, b := range electsum.Bodies() {
		out = append(out, string(b))
	}
	return out
}

var (
	// Keys shared by both sheets identify the election.
	colCounty   = Column{Key: "county", Header: "县(市、区)", Aliases: []string{"县", "县市区", "县区", "县(区)", "区县", "县(市)"}, English: []string{"county", "district", "county/district", "county or district", "county name"}, Kind: KindText, Meaning: "所属县(市、区)；整个文件属于同一个县时可不填", Width: 12}
	colTownship = Column{Key: "township", Header: "乡镇(街道)", Aliases: []string{"乡镇", "乡(镇)", "镇", "乡镇街道", "街道", "乡镇名称", "所属乡镇"}, English: []string{"township", "town", "township/town", "town/township", "subdistrict", "township/subdistrict", "township or subdistrict", "township name", "town name"}, Kind: KindText, Required: true, Meaning: "所属乡镇(街道)", Width: 12}
	colUnit     = Column{Key: "unit", Header: "村(社区)", Aliases: []string{"村", "村社区", "村名", "村(居)", "社区", "选区", "单位", "村(社区)名称", "村居", "所在村", "行政村"}, English: []string{"village", "community", "unit", "village/community", "village or community", "village name", "community name", "unit name", "constituency", "electoral district"}, Kind: KindText, Required: true, Meaning: "村、社区或选区名称", Width: 14}
	colYear     = Column{Key: "year", Header: "年份", Aliases: []string{"选举年份", "换届年份", "年度", "换届年度"}, English: []string{"year", "election year"}, Kind: KindYear, Required: true, Meaning: "换届选举的年份，如 2024", Width: 8}
	colBody     = Column{Key: "body", Header: "选举类型", Aliases: []string{"组织类型", "选举类别", "组织类别", "选举机构", "班子", "组织", "类别", "选举事项", "选举内容", "选举项目", "选举级别", "代表级别", "人大级别"}, English: []string{"body", "election type", "body elected", "organization", "organisation", "committee"}, Kind: KindEnum, Values: bodyNames(), Required: true, Meaning: "本行是哪个组织的选举", Width: 14}
	// colRegistered is named for useLayout: a results sheet may leave it to a 选民登记 table.
	colRegistered = Column{Key: "registered", Header: "登记选民数", Aliases: []string{"选民数", "有选举权人数", "有选举权的选民数", "登记选民", "选民登记数", "应到人数", "应到会人数", "应参加人数", "党员数", "应到村民代表数", "应到村民代表人数", "应到党员数", "应到党员人数", "应到代表数", "应到代表人数", "应到会代表数", "应到会代表人数", "应到会党员数", "应到会党员人数", "应到会党员"}, English: []string{"registered voters", "voters", "registered", "eligible voters", "electorate", "number of voters", "voters registered"}, Kind: KindInt, Required: true, Meaning: "登记选民数；党组织选举填应到人数；村民代表会议推选的填应到村民代表人数；人大代表、村(居)民委员会选举另用选民登记表填写的，本表可不填", Width: 11}
	// colPosition and colParty are named for fillMissing: a roster of deputies may leave out the first,
	// a roster of party bodies the second.
	colPosition = Column{Key: "position", Header: "职务", Aliases: []string{"当选职务", "任职", "拟任职务", "现任职务", "担任职务", "所任职务"}, English: []string{"position", "title", "post", "role", "office", "job title"}, Kind: KindEnum, Values: []string{"书记", "副书记", "委员", "主任", "副主任", "代表"}, Open: true, Required: true, Meaning: "书记、副书记、委员、主任、副主任、代表等；人大代表、出席上级党代会代表的名册可不填(都是代表)", Width: 9}
	colParty    = Column{Key: "party", Header: "政治面貌", Aliases: []string{"党派", "政治身份", "政治面目"}, English: []string{"political status", "party", "political affiliation", "party affiliation", "political party", "party membership", "politics"}, Kind: KindEnum, Values: []string{"中共党员", "中共预备党员", "共青团员", "群众", "民主党派", "无党派人士"}, Required: true, Meaning: "中共党员、中共预备党员、共青团员、群众、民主党派、无党派人士；党组织(村、社区党组织和乡镇党委)的成员须是中共党员；只有党组织当选人员的名单可不填", Width: 11}
)

// resultColumns are the columns of the results sheet 选举结果: one row per unit per body per election,
// followed by the columns only people's congress elections use (congressColumns).
var resultColumns = append([]Column{
	colCounty, colTownship, colUnit, colYear,
	{Key: "term", Header: "届次", Aliases: []string{"第几届", "本届届次", "届别", "换届届次"}, English: []string{"term", "term number", "session"}, Kind: KindTerm, Meaning: "如 10 或 第十届", Width: 8},
	colBody,
	{Key: "method", Header: "选举方式", Aliases: []string{"选举办法", "产生方式"}, English: []string{"method", "election method", "voting method"}, Kind: KindEnum, Values: electsum.Methods(), Open: true, Meaning: "本次选举采取的方式；村务监督委员会由村民代表会议推选的，填“村民代表会议推选”，登记选民数、参加投票人数两列填应到、实到村民代表人数", Width: 14},
	colRegistered,
	{Key: "voted", Header: "参加投票人数", Aliases: []string{"投票人数", "参选人数", "实参选人数", "实际参选人数", "参加选举人数", "实到人数", "到会人数", "实到会人数", "实际投票人数", "参选选民数", "投票选民数", "实际参加投票人数", "实到村民代表数", "实到村民代表人数", "实到党员数", "实到党员人数", "实到代表数", "实到代表人数", "实到会代表数", "实到会代表人数", "实到会党员数", "实到会党员人数", "实到会党员", "参加投票选民数", "参加投票选民人数"}, English: []string{"ballots cast", "voted", "votes cast", "number voted", "voters voted", "actual voters", "participating voters"}, Kind: KindInt, Required: true, Meaning: "参加投票人数；党组织选举填实到人数；村民代表会议推选的填实到村民代表人数", Width: 12},
	{Key: "excused", Header: "批准剔除人数", Aliases: []string{"批准剔除", "经批准剔除人数", "批准不列入应到人数", "不计入应到会人数"}, English: []string{"excused", "excused members", "approved absences"}, Kind: KindInt, Meaning: "党组织选举：经党组织批准不计入应到会人数的人数(计算五分之四到会时从应到人数中减去)", Width: 10},
	{Key: "proxy_votes", Header: "委托投票数", Aliases: []string{"委托投票", "委托投票人数"}, English: []string{"proxy votes", "proxy", "proxy ballots", "votes by proxy"}, Kind: KindInt, Meaning: "委托投票的人数", Width: 10},
	{Key: "mobile_votes", Header: "流动票箱投票数", Aliases: []string{"流动票箱", "流动票箱投票", "流动票箱投票人数"}, English: []string{"mobile ballot box votes", "mobile ballot box", "mobile box votes", "mobile votes", "mobile ballots"}, Kind: KindInt, Meaning: "通过流动票箱投票的人数", Width: 12},
	{Key: "valid_ballots", Header: "有效票数", Aliases: []string{"有效票", "有效选票", "收回有效票", "收回有效选票"}, English: []string{"valid ballots", "valid votes", "valid"}, Kind: KindInt, Meaning: "收回的有效选票数", Width: 9},
	{Key: "invalid_ballots", Header: "无效票数", Aliases: []string{"无效票", "无效选票", "废票", "废票数"}, English: []string{"invalid ballots", "invalid votes", "invalid", "spoiled ballots", "void ballots"}, Kind: KindInt, Meaning: "收回的无效选票数", Width: 9},
	{Key: "seats", Header: "应选职数", Aliases: []string{"应选人数", "职数", "应选名额", "名额", "应选", "应选代表名额", "应选代表数", "应选代表人数", "代表名额", "应选委员数", "应选委员名额", "应选委员人数"}, English: []string{"seats", "number of seats", "seats to fill", "positions to fill", "quota"}, Kind: KindInt, Required: true, Meaning: "应选出的职数(名额)", Width: 9},
	{Key: "candidates", Header: "候选人数", Aliases: []string{"正式候选人数", "候选人", "正式候选人", "候选", "代表候选人数", "正式代表候选人数", "正式代表候选人", "代表候选人"}, English: []string{"candidates", "number of candidates", "formal candidates", "official candidates"}, Kind: KindInt, Meaning: "正式候选人数", Width: 9},
	{Key: "elected", Header: "当选人数", Aliases: []string{"实选人数", "当选", "当选人员数", "选出人数", "当选代表数", "当选代表人数", "当选代表", "当选委员数", "当选委员人数"}, English: []string{"elected", "number elected", "persons elected", "winners"}, Kind: KindInt, Required: true, Meaning: "实际当选的人数", Width: 9},
	{Key: "election_date", Header: "选举日期", Aliases: []string{"选举时间", "投票日期", "日期", "换届时间", "换届日期", "投票时间"}, English: []string{"election date", "date", "date of election", "voting date", "polling date"}, Kind: KindDate, Meaning: "选举大会的日期，如 2024-03-15", Width: 12},
	{Key: "first_round", Header: "一次选举成功", Aliases: []string{"是否一次选举成功", "一次性选举成功"}, English: []string{"first round", "elected in first round", "first round success", "first ballot success"}, Kind: KindBool, Yes: []string{"一次成功", "一次选举成功", "成功", "一次选足"}, No: []string{"另行选举", "未一次选举成功", "未成功", "不成功", "二次选举"}, Meaning: "是 或 否", Width: 10},
}, congressColumns...)

// memberColumns are the columns of the members sheet 当选人员: one row per elected person per body.
var memberColumns = []Column{
	colCounty, colTownship, colUnit, colYear, colBody,
	{Key: "name", Header: "姓名", Aliases: []string{"名字", "当选人姓名", "代表姓名", "委员姓名"}, English: []string{"name", "full name", "member name", "name of member"}, Kind: KindText, Required: true, Meaning: "当选人姓名", Width: 9},
	colPosition,
	{Key: "gender", Header: "性别", English: []string{"sex", "gender"}, Kind: KindEnum, Values: []string{"男", "女"}, Required: true, Meaning: "男 或 女；有“身份证号”列时可不填(按身份证号读出)", Width: 6},
	{Key: "birth", Header: "出生年月", Aliases: []string{"出生日期", "出生年月日", "生日"}, English: []string{"date of birth", "birth", "birth date", "birthdate", "dob", "born", "birthday", "birth month", "month of birth", "year and month of birth"}, Kind: KindBirth, Meaning: "如 1975.03；与“年龄”至少填一项(有“身份证号”列时可都不填，按身份证号读出)", Width: 10},
	{Key: "age", Header: "年龄", Aliases: []string{"周岁", "年龄(周岁)"}, English: []string{"age", "age at election"}, Kind: KindInt, Meaning: "选举时的周岁年龄；与“出生年月”至少填一项", Width: 6},
	{Key: "ethnicity", Header: "民族", English: []string{"ethnicity", "ethnic group", "ethnic", "nationality"}, Kind: KindText, Meaning: "如 汉族、回族", Width: 7},
	colParty,
	{Key: "education", Header: "学历", Aliases: []string{"文化程度", "最高学历", "文化", "学历学位"}, English: []string{"education", "education level", "educational level", "educational background", "highest education", "degree", "qualification"}, Kind: KindEnum, Values: electsum.Educations(), Required: true, Meaning: "研究生、大学本科、大学专科(大专)、中专、高中、初中、小学及以下；注明学习方式的(大专（函授）、在职研究生、党校本科)按所注学历统计，在读、肄业不能填；只知学历段的可填 大专及以上、高中（中专）、初中及以下，按学历段统计", Width: 10},
	{Key: "reelected", Header: "是否连任", Aliases: []string{"连任", "是否连选连任", "连选连任", "是否留任", "是否新任", "是否新当选"}, Negated: []string{"是否新任", "是否新当选"}, English: []string{"reelected", "re-elected", "reelection", "re-election", "incumbent"}, Kind: KindBool, Yes: []string{"连任", "连选连任", "留任"}, No: []string{"新任", "新当选", "新进", "新选", "初任", "首次当选", "第一次当选"}, Meaning: "是 或 否；不填的人不计入连任、新当选的统计；表头写作“是否新任”的，是 即新任(不是连任)", Width: 8},
	{Key: "id_number", Header: "身份证号", Aliases: []string{"身份证号码", "公民身份号码", "身份证"}, English: []string{"id number", "id", "id no", "id card", "id card number", "id card no", "identity card", "identity card number", "identity number", "citizen id", "citizen id number", "national id", "resident id"}, Kind: KindIDNumber, Meaning: "18 位身份证号(可不填)；填写时须与出生年月、性别一致", Width: 20},
	{Key: "wealth_leader", Header: "致富带头人", Aliases: []string{"是否致富带头人"}, English: []string{"wealth leader", "leader in getting rich", "wealth creation leader"}, Kind: KindBool, Meaning: "是 或 否", Width: 9},
	{Key: "graduate_official", Header: "大学生村官", Aliases: []string{"是否大学生村官"}, English: []string{"graduate official", "graduate village official", "college graduate village official", "college graduate official"}, Kind: KindBool, Meaning: "是 或 否", Width: 9},
	{Key: "category", Header: "代表构成", Aliases: []string{"代表类别", "构成"}, English: []string{"category", "deputy category", "composition", "deputy composition"}, Kind: KindEnum, Values: electsum.Categories(), Remarked: true, Meaning: "人大代表填写：工人、农民、专业技术人员、干部(党政领导干部)、其他", Width: 10},
	{Key: "votes", Header: "得票数", Aliases: []string{"得票", "所得票数", "赞成票数", "赞成票", "得赞成票数"}, English: []string{"votes", "votes received", "votes won", "votes obtained", "vote count", "number of votes"}, Kind: KindInt, Meaning: "当选人所得票数", Width: 8},
	{Key: "valid_ballots", Header: "有效票数", Aliases: []string{"有效票", "有效选票", "所在选举有效票数", "有效票总数"}, English: []string{"valid ballots", "valid votes", "valid"}, Kind: KindInt, Meaning: "当选人那一次投票的有效票数(另行选举当选的填另行选举的)，用于赞成票率；不填的按选举结果表的有效票数", Width: 9},
}

// Derived is a figure electsum computes from the input columns, such as 参选率. A sheet may carry it as a
// column; it is never read nor stored, so a typed-in rate can never disagree with the counts it comes
// from, and a notice says why the column was left out. A stated 参选率 is compared with the one computed
// from its row (checkTurnout): a township's own arithmetic error is warned of.
type Derived struct {
	Key     string   // a stable name: turnout, competition
	Header  string   // the figure's usual name
	Aliases []string // other Chinese headers
	English []string // English headers, matched as for Column.English
	From    string   // the columns it is computed from, for the notice
}

// derivedColumns are the figures a results sheet is known to carry beside its counts.
var derivedColumns = []Derived{
	{Key: "turnout", Header: "参选率", Aliases: []string{"投票率", "参选比例", "参选率(%)", "参选率%", "到会率", "到会比例"}, English: []string{"turnout", "turnout rate", "voter turnout", "turnout %", "participation rate"}, From: "参加投票人数和登记选民数"},
	{Key: "competition", Header: "差额比例", Aliases: []string{"差额率", "差额选举比例"}, English: []string{"competition ratio"}, From: "候选人数和应选职数"},
	{Key: "approval", Header: "得票率", Aliases: []string{"赞成票率", "得票比例", "得赞成票率"}, English: []string{"vote share", "approval rate"}, From: "得票数和有效票数"},
}

// ResultColumns returns the columns of the results sheet (resultColumns), a copy the caller may change.
func ResultColumns() []Column { return slices.Clone(resultColumns) }

// MemberColumns returns the columns of the members sheet (memberColumns), a copy the caller may change.
func MemberColumns() []Column { return slices.Clone(memberColumns) }

// CongressColumns returns the results columns of people's congress elections (congressColumns), a copy
// the caller may change.
func CongressColumns() []Column { return slices.Clone(congressColumns) }
