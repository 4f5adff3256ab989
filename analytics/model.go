package analytics

import (
	"encoding/json"
	"math"
	"time"

	"electsum"
)

// Body is 选举类型 (electsum.Body); the aliases keep the model's API in one place for its readers.
type Body = electsum.Body

// The bodies electsum knows, in the order summaries discuss them (see package electsum).
const (
	PartyBranch            = electsum.PartyBranch
	VillagersCommittee     = electsum.VillagersCommittee
	SupervisoryCommittee   = electsum.SupervisoryCommittee
	CommunityParty         = electsum.CommunityParty
	ResidentsCommittee     = electsum.ResidentsCommittee
	TownshipPartyCommittee = electsum.TownshipPartyCommittee
	TownshipDiscipline     = electsum.TownshipDiscipline
	Delegates              = electsum.Delegates
	CountyDeputies         = electsum.CountyDeputies
	TownshipDeputies       = electsum.TownshipDeputies
)

// Level is how wide a summary reaches; it decides which report template is used.
type Level string

const (
	LevelUnit     Level = "unit"     // one village or community (村/社区)
	LevelTownship Level = "township" // one township and its units (乡镇/街道)
	LevelCounty   Level = "county"   // one county and its townships (县/市/区)
	LevelAll      Level = "all"      // everything in the database (several counties)
)

// Scope selects the data a Summary covers. Empty names mean "all"; Year is required. Compare is the
// previous term's year; 0 means the latest earlier election year of the same scope and body.
type Scope struct {
	County   string `json:"county,omitempty"`
	Township string `json:"township,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Year     int    `json:"year"`
	Compare  int    `json:"compare,omitempty"`
}

// Value is one number that may be missing: OK is false when the data did not collect it or a
// denominator was zero ("no figure"). It marshals to JSON as the number or null, never NaN.
type Value struct {
	V  float64
	OK bool
}

// Known returns a Value holding v.
func Known(v float64) Value { return Value{V: v, OK: true} }

// Int is the value as a whole number (counts).
func (v Value) Int() int { return int(math.Round(v.V)) }

func (v Value) MarshalJSON() ([]byte, error) {
	if !v.OK || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(v.V)
}

func (v *Value) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = Value{}
		return nil
	}
	v.OK = true
	return json.Unmarshal(b, &v.V)
}

// Figure is one figure this term beside the same figure in the previous term.
type Figure struct {
	Current  Value `json:"current"`
	Previous Value `json:"previous"`
}

// Change is Current − Previous; it has no figure unless both do. For shares it is in percentage points
// (百分点) and is the difference of the two rounded shares, so that the text's numbers agree.
func (f Figure) Change() Value {
	if !f.Current.OK || !f.Previous.OK {
		return Value{}
	}
	return Known(electsum.Round(f.Current.V-f.Previous.V, 1))
}

// Part is a group within a whole: a count of people (or positions, or units) and its share of the whole
// in percent, each with the previous term's value. Label is the group's name as printed (女, 35岁及以下,
// 大专及以上, 书记 …).
type Part struct {
	Label string `json:"label"`
	Count Figure `json:"count"`
	Share Figure `json:"share"` // percent, rounded by the Rounding policy
	// Base is the denominator of Share this term: the people, votes or units it is taken over.
	Base Value `json:"base"`
	// Partial is set when Base is only the people or units that filled an optional item (致富带头人,
	// 委托投票, 一次选举成功 …) and fewer than the whole set: Share is then not a share of the whole
	// and a draft prints the count alone (with Reporting), or the share with its base named.
	Partial bool `json:"partial,omitempty"`
	// Reporting counts the units whose rows filled the item, for a count summed over an optional
	// column of the results sheet (委托投票, 流动票箱投票, 一次选举成功); no figure otherwise.
	Reporting Value `json:"reporting"`
	// Within are the kinds of this part that Count includes (其中): the 选举方式 report.toml's [methods]
	// classes under this one (两推一选12个村，其中公推直选5个村), each over the same base; none otherwise.
	Within []Part `json:"within,omitempty"`
}

// Structure is 成员结构: the make-up of a set of people — the members of one body, the heads, the two
// committees counted once per person, or the newly elected heads.
type Structure struct {
	Total             Figure `json:"total"`         // people in the set
	Women             Part   `json:"women"`         // 女
	PartyMembers      Part   `json:"party_members"` // 中共党员 + 中共预备党员
	Minorities        Part   `json:"minorities"`    // ethnicity other than 汉族
	AgeBands          []Part `json:"age_bands"`     // in configured order
	AverageAge        Figure `json:"average_age"`   // years, one decimal
	Education         []Part `json:"education"`     // configured buckets, in order
	Reelected         Part   `json:"reelected"`     // 连任
	New               Part   `json:"new"`           // 新当选
	WealthLeaders     Part   `json:"wealth_leaders"`
	GraduateOfficials Part   `json:"graduate_officials"`
	Categories        []Part `json:"categories,omitempty"` // deputies' 代表构成
	Positions         []Part `json:"positions,omitempty"`  // 书记, 副书记, 委员 … as held
	// WomenPositions are the women per 职务, each a share of the holders of that 职务 (女副主任);
	// in the order of Positions, with the same labels.
	WomenPositions []Part `json:"women_positions,omitempty"`
	// HighSchoolUp is 高中（中专）以上: 高中, 中专 and every higher 学历, whatever the configured groups,
	// as a share of the people whose 学历 is known.
	HighSchoolUp Part `json:"high_school_up"`
}

// Participation is 参选情况 of one body's elections in the scope (for party elections: 应到, 实到, 到会率).
type Participation struct {
	Units          Figure `json:"units"`        // units that reported this body's election
	Registered     Figure `json:"registered"`   // 登记选民数 / 应到人数
	Voted          Figure `json:"voted"`        // 参加投票人数 / 实到人数
	Turnout        Figure `json:"turnout"`      // percent: sum voted / sum registered
	ProxyVotes     Part   `json:"proxy_votes"`  // share of voted
	MobileVotes    Part   `json:"mobile_votes"` // share of voted
	ValidBallots   Figure `json:"valid_ballots"`
	InvalidBallots Figure `json:"invalid_ballots"`
	// ValidUnits and InvalidUnits are the units that gave 有效票数 / 无效票数: the sums' reach.
	ValidUnits   Value `json:"valid_units"`
	InvalidUnits Value `json:"invalid_units"`
	// Term is 届次 when every unit gave the same one; no figure when any left it blank or they differ.
	Term           Value      `json:"term"`
	Lowest         []UnitRate `json:"lowest,omitempty"`  // every unit at the lowest turnout (ties: all)
	Highest        []UnitRate `json:"highest,omitempty"` // every unit at the highest turnout (ties: all)
	BelowThreshold []UnitRate `json:"below_threshold"`   // units under Options.TurnoutThreshold
	Threshold      float64    `json:"threshold"`         // percent
	FullTurnout    Figure     `json:"full_turnout"`      // units at 100%
	// MobileAbove are the units whose 流动票箱投票 share of 参加投票 (UnitRate.Turnout holds it) is above
	// MobileThreshold (Options.MobileThreshold, percent), highest first; empty when no unit gave
	// 流动票箱投票数.
	MobileAbove     []UnitRate `json:"mobile_above"`
	MobileThreshold float64    `json:"mobile_threshold"`
	// Representatives are the elections a 村民代表会议 made (a 村务监督委员会 chosen so,
	// electsum.ByRepresentatives): Registered, Voted, Turnout, FullTurnout and the unit lists above leave
	// them out, for their 应到/实到 are representatives, not voters.
	Representatives Representatives `json:"representatives"`
}

// Representatives are the 村民代表会议 that chose a body's members in the scope: how many, their
// 应到 and 实到村民代表, and 到会率 (Present / Due, percent) — a figure of its own, never a 参选率.
type Representatives struct {
	Units   Figure `json:"units"`   // elections by a 村民代表会议
	Due     Figure `json:"due"`     // Σ应到村民代表
	Present Figure `json:"present"` // Σ实到村民代表
	Rate    Figure `json:"rate"`    // 到会率, percent
	Full    Figure `json:"full"`    // meetings every representative due attended
	Voters  Figure `json:"voters"`  // the body's other elections, by the voters (Participation.Units − Units)
}

// UnitRate names one unit and its turnout in percent.
type UnitRate struct {
	Township string  `json:"township"`
	Unit     string  `json:"unit"`
	Turnout  float64 `json:"turnout"`
}

// Seats is 职数: 应选, 候选, 当选 and how contested the election was.
type Seats struct {
	Seats      Figure `json:"seats"`
	Candidates Figure `json:"candidates"`
	Elected    Figure `json:"elected"`
	// ContestedUnits are the elections with candidates (有候选人选举: seats and candidates given, a
	// 选举方式 other than 无候选人/海选), ContestedSeats and ContestedCandidates their 应选 and 正式候选人;
	// Margin 差额比例 is over them only, in percent: (candidates − seats) / seats.
	ContestedUnits      Figure `json:"contested_units"`
	ContestedSeats      Figure `json:"contested_seats"`
	ContestedCandidates Figure `json:"contested_candidates"`
	Margin              Figure `json:"margin"`
	FirstRound          Part   `json:"first_round"` // 一次选举成功 (never a unit whose quorum failed), share of units
}

// BodySummary is everything about one body's elections in the scope.
type BodySummary struct {
	Body          Body          `json:"body"`
	Participation Participation `json:"participation"`
	Seats         Seats         `json:"seats"`
	Members       Structure     `json:"members"`   // everyone elected to this body
	Heads         Structure     `json:"heads"`     // 书记 / 主任
	NewHeads      Structure     `json:"new_heads"` // heads not re-elected
	// NewHeadsAgeGap is the new heads' average age minus all heads' (negative: younger);
	// NewHeadsCollegeGap the same for the share with 大专及以上 (or the first education bucket), in points.
	NewHeadsAgeGap     Value  `json:"new_heads_age_gap"`
	NewHeadsCollegeGap Value  `json:"new_heads_college_gap"`
	HeadsChanged       Part   `json:"heads_changed"` // units whose head is not last term's head, share of units
	Methods            []Part `json:"methods"`       // units per 选举方式
	// Rostered counts the units with a member of this body on the roster. Unrostered are this term's
	// units whose election of the body elected people (or did not say how many) and that have no member
	// of it on the roster — members sheet not sent or not loaded —, UnrosteredPrevious counts the
	// previous term's. Members, Heads and NewHeads then describe part of the body: they are compared
	// with the previous term only when neither term has such a unit.
	Rostered           Figure    `json:"rostered"`
	Unrostered         []UnitRef `json:"unrostered"`
	UnrosteredPrevious Value     `json:"unrostered_previous"`
	// TownshipsOnlyCurrent and TownshipsOnlyPrevious are the townships (Unit "") holding the body in
	// this term only and in the previous term only, when both terms hold it: the other term's sheets of
	// them were not loaded, and no figure of the body is compared with the previous term while any is
	// listed.
	TownshipsOnlyCurrent  []UnitRef `json:"townships_only_current,omitempty"`
	TownshipsOnlyPrevious []UnitRef `json:"townships_only_previous,omitempty"`
}

// TwoCommittees is 村“两委”: the party branch and the villagers' committee of the same units together
// (or 社区党组织 and 居民委员会 for communities).
type TwoCommittees struct {
	Kind         string    `json:"kind"`           // 村 or 社区
	Positions    Figure    `json:"positions"`      // 职数: seats held, a person on both committees counts twice
	Persons      Structure `json:"persons"`        // 人数: distinct people, with their structure
	OneShoulder  Part      `json:"one_shoulder"`   // units whose 书记 is also 主任, share of units
	CrossUnits   Part      `json:"cross_units"`    // units with at least one person on both committees, share of units
	CrossPersons Part      `json:"cross_persons"`  // people on both committees, share of distinct members
	NoWomanUnits []UnitRef `json:"no_woman_units"` // units whose 村民委员会/居民委员会 has no woman
	NoWoman      Part      `json:"no_woman"`       // their count and share of units
	// Unrostered counts the units whose roster misses either body (BodySummary.Unrostered): the
	// figures above are then of the other units only, and not compared with the previous term.
	Unrostered Value `json:"unrostered"`
}

// UnitRef names a unit.
type UnitRef struct {
	County   string `json:"county,omitempty"`
	Township string `json:"township"`
	Unit     string `json:"unit"`
}

// Check is one legal-check failure or data warning, with the rule cited and the figures that fail.
type Check struct {
	Rule     string `json:"rule"`     // short code, e.g. vc_turnout_majority
	Citation string `json:"citation"` // 《中华人民共和国村民委员会组织法》第三十四条
	Severity string `json:"severity"` // 违规 (legal check failed), 数据错误 (the data contradict themselves) or 提示 (data warning)
	UnitRef
	Year    int    `json:"year"`
	Body    Body   `json:"body,omitempty"`
	Message string `json:"message"` // in Chinese, with the figures
	// Quoted are the data the message quotes as the sheets write them, beyond the unit's own names: the
	// person a check is about, the file and sheet of a data warning. A Traditional draft leaves them
	// unconverted, like every name from the data.
	Quoted []string `json:"quoted,omitempty"`
}

// ElectionRow is one unit's election of one body, for the annex's per-unit tables.
type ElectionRow struct {
	UnitRef
	Body   Body   `json:"body"`
	Method string `json:"method,omitempty"`
	// ByRepresentatives: a 村民代表会议 made this election (electsum.ByRepresentatives); Registered and
	// Voted are then 应到 and 实到村民代表 and Turnout their 到会率.
	ByRepresentatives bool   `json:"by_representatives,omitempty"`
	Date              string `json:"date,omitempty"` // YYYY-MM-DD
	Registered        Value  `json:"registered"`
	Voted             Value  `json:"voted"`
	Turnout           Value  `json:"turnout"` // percent
	ProxyVotes        Value  `json:"proxy_votes"`
	MobileVotes       Value  `json:"mobile_votes"`
	ValidBallots      Value  `json:"valid_ballots"`
	InvalidBallots    Value  `json:"invalid_ballots"`
	Seats             Value  `json:"seats"`
	Candidates        Value  `json:"candidates"`
	Elected           Value  `json:"elected"`
	Margin            Value  `json:"margin"` // percent
	FirstRound        *bool  `json:"first_round"`
}

// Member is one elected person in the roster. IDNumber is masked (3301**********1234) unless the
// caller asked for it unmasked.
type Member struct {
	UnitRef
	Body      Body   `json:"body"`
	Position  string `json:"position"`
	Name      string `json:"name"`
	Gender    string `json:"gender"`
	Age       Value  `json:"age"`
	Ethnicity string `json:"ethnicity,omitempty"`
	Party     string `json:"party,omitempty"`
	Education string `json:"education,omitempty"`
	Reelected *bool  `json:"reelected"`
	IDNumber  string `json:"id_number,omitempty"`
}

// Breakdown is the structure of one sub-scope (a township within a county, a unit within a township),
// for the annex's per-township tables and the report's per-township chart.
type Breakdown struct {
	Name          string          `json:"name"` // township or unit name
	UnitRef                       // which sub-scope
	Bodies        []BodySummary   `json:"bodies"`
	TwoCommittees []TwoCommittees `json:"two_committees"`
}

// Summary is the one typed model of an election year in a scope: every figure with its previous-term
// value, the per-unit rows and the checks. Reports and annexes are written from it alone.
type Summary struct {
	Scope        Scope     `json:"scope"`
	Level        Level     `json:"level"`
	Year         int       `json:"year"`
	PreviousYear int       `json:"previous_year,omitempty"` // 0: no earlier election in the database
	GeneratedAt  time.Time `json:"generated_at"`

	Counties     []string `json:"counties"`
	Townships    Figure   `json:"townships"`            // townships with data
	Subdistricts Value    `json:"subdistricts"`         // of this year's townships, those that are 街道 (electsum.Subdistrict)
	Units        Figure   `json:"units"`                // units with data
	FirstDate    string   `json:"first_date,omitempty"` // earliest 选举日期 in the scope, YYYY-MM-DD
	LastDate     string   `json:"last_date,omitempty"`

	Bodies        []BodySummary   `json:"bodies"`         // bodies present this year, in Bodies order
	TwoCommittees []TwoCommittees `json:"two_committees"` // 村 and/or 社区, where both committees are present

	Breakdown []Breakdown `json:"breakdown"` // per township (county level) or per unit (township level)

	Elections []ElectionRow `json:"elections"` // every unit's election this year, ordered by township, unit, body
	Roster    []Member      `json:"roster"`    // every elected person this year

	OnlyCurrent  []UnitRef `json:"only_current"`  // units with data this year but not in the previous term
	OnlyPrevious []UnitRef `json:"only_previous"` // units of the previous term with no data this year

	Checks []Check `json:"checks"` // legal-check failures, then data warnings
	// Findings are what the draft states from the figures beyond 一、基本情况, as data (kind, figures,
	// units): 成效, 存在的问题, then the 数据核对 notes (optional items filled by some, and the model's
	// own cross-checks that failed, in place of a wrong sentence). The templates word them
	// (finding.<kind>).
	Findings []Finding `json:"findings"`
}

// The sections a Finding belongs to.
const (
	SectionAchievement = "achievement" // 三、取得的成效
	SectionProblem     = "problem"     // 四、存在的问题
	SectionDataCheck   = "data_check"  // 数据核对: notes for the drafter, not the reader
)

// The kinds of Finding; the template finding.<kind> words each. Subject is Body and Set (whose
// figures: Set members, heads, new_heads or two_committees, Body then the 两委 kind 村/社区).
const (
	// FindingWomen (成效, or 问题 when their share fell): Part is the subject's women; in 成效 Also its
	// party members when their share rose, Every when each unit's 村民委员会/居民委员会 has a woman (Set
	// two_committees). The next three are also 问题 when their figure got worse (Improved false).
	FindingWomen = "women"
	// FindingEducation (成效): Part is the subject's highest education bucket.
	FindingEducation = "education"
	// FindingAge (成效): Figure is the subject's average age; Also its youngest age band when that
	// band's share is known in both terms.
	FindingAge = "age"
	// FindingTurnout (成效: risen or high; 问题: fallen below 95%): Items, one per committee body, with
	// Figure its turnout and Value its units at 100%.
	FindingTurnout = "turnout"
	// FindingOneShoulder (成效): Body is the 两委 kind; Part its units with 一肩挑, Also its 交叉任职 people.
	FindingOneShoulder = "one_shoulder"
	// FindingLowTurnout (问题): Items, one per body, with Units below Threshold and their turnout (Rate);
	// bodies whose lists name the same units share one item (Bodies, Named.Rates), as in the two below.
	// In a unit's own draft an item's Figure is the unit's turnout when it also fell since the last term.
	FindingLowTurnout = "low_turnout"
	// FindingNoWoman (问题): Body is the 两委 kind; Part its units whose committee has no woman, Units them.
	FindingNoWoman = "no_woman"
	// FindingAged (问题): Part is the subject's oldest age band when its share is above Threshold (else
	// no count); Units the sub-scopes whose 两委 (Kind) have more than Threshold in it (Rate).
	FindingAged = "aged"
	// FindingLowEducation (问题): Part is the subject's lowest education bucket, above Threshold.
	FindingLowEducation = "low_education"
	// FindingSecondRound (问题): Items, one per body, with Units that did not succeed at the first round.
	FindingSecondRound = "second_round"
	// FindingViolations (问题): Checks are the legal-check failures (Severity 违规).
	FindingViolations = "violations"

	// FindingMobileVotes (存在的问题): Items, one per body with units whose 流动票箱投票 share of 参加投票
	// is above Threshold (Options.MobileThreshold): Units with Rate that share; DistinctUnits.
	FindingMobileVotes = "mobile_votes"
	// FindingPartialShare (数据核对): Part was filled in for only Part.Base of the Whole people of the
	// subject, so the draft prints its count alone; WholeShare is the count's share of the whole.
	FindingPartialShare = "partial_share"
	// FindingImplausibleAge (数据核对): Value is the subject's average age, outside 18–100; dropped.
	FindingImplausibleAge = "implausible_age"
	// FindingPartsMismatch (数据核对): the parts of distribution Of (age_bands, education, positions)
	// of the subject sum to Value, not to the Whole.
	FindingPartsMismatch = "parts_mismatch"
	// FindingPartsUnfilled (数据核对): as FindingPartsMismatch for an optional item: Unfilled people
	// did not fill it in.
	FindingPartsUnfilled = "parts_unfilled"
	// FindingSharesNot100 (数据核对): the shares of distribution Of sum to Value, not to 100.
	FindingSharesNot100 = "shares_not_100"
	// FindingReelectedUnfilled (数据核对): Part (连任) and Also (新当选) sum to Value, less than the
	// Whole: Unfilled people did not fill in 是否连任.
	FindingReelectedUnfilled = "reelected_unfilled"
	// FindingElectedMismatch (数据核对): the results sheets elected Value people, the roster has Whole.
	FindingElectedMismatch = "elected_mismatch"
	// FindingTurnoutOver100 (数据核对): Value voted, more than the Whole registered; turnout dropped.
	FindingTurnoutOver100 = "turnout_over_100"
	// FindingPositionsMismatch (数据核对): the two committees' Value positions are not the Whole people
	// plus Also (交叉任职) people.
	FindingPositionsMismatch = "positions_mismatch"
	// FindingOnlyCurrent (数据核对): Units have data this term and none in the previous term, so the
	// comparisons with the previous term weigh different units (a new or merged village, or the
	// previous term's sheets not all loaded).
	FindingOnlyCurrent = "only_current"
	// FindingOnlyPrevious (数据核对): Units had data in the previous term and have none this term (not
	// loaded yet, or merged away).
	FindingOnlyPrevious = "only_previous"
	// FindingTownshipsOneTerm (数据核对): Body is held in the townships Units (Unit "") in one term only —
	// this term's when Every is set, else the previous term's: no figure of Body is compared with the
	// previous term.
	FindingTownshipsOneTerm = "townships_one_term"
	// FindingRosterGaps (数据核对): Units elected people to Body this term and have none of them on the
	// roster; Value counts the previous term's such units, Figure the units with a roster in each term
	// (BodySummary.Rostered). The members' figures leave them out and are not compared with the previous
	// term. It stands for FindingElectedMismatch, which a missing roster would always raise.
	FindingRosterGaps = "roster_gaps"
	// FindingSupervisorySmall (数据核对): Units whose 村务监督委员会, not marked 村民代表会议推选, has under
	// a fifth of the 登记选民 of their 村民委员会 (Named.Rates: the two counts): likely representatives
	// written as voters.
	FindingSupervisorySmall = "supervisory_small"
)

// FindingKinds lists every kind of Finding, for a check that each has its template.
func FindingKinds() []string {
	return []string{FindingWomen, FindingEducation, FindingAge, FindingTurnout, FindingOneShoulder,
		FindingLowTurnout, FindingMobileVotes, FindingNoWoman, FindingAged, FindingLowEducation, FindingSecondRound, FindingViolations,
		FindingPartialShare, FindingImplausibleAge, FindingPartsMismatch, FindingPartsUnfilled, FindingSharesNot100,
		FindingReelectedUnfilled, FindingElectedMismatch, FindingTurnoutOver100, FindingPositionsMismatch,
		FindingOnlyCurrent, FindingOnlyPrevious, FindingTownshipsOneTerm, FindingSupervisorySmall}
}

// Finding is one statement of the draft as data: what the figures say beyond 一、基本情况 (成效, 问题)
// and the 数据核对 notes. Kind names the wording template and says which fields it fills (see the
// kinds); a field a kind does not use is zero.
type Finding struct {
	Section string `json:"section"`
	Kind    string `json:"kind"`
	// Improved is set for a 成效, whose figure moved the good way; a 成效 kind in 问题 (Section problem)
	// is the same figure fallen, worded as a problem (女性成员比例下降).
	Improved bool   `json:"improved,omitempty"`
	Body     Body   `json:"body,omitempty"`
	Set      string `json:"set,omitempty"`
	Of       string `json:"of,omitempty"` // the distribution a data check is about
	Part     Part   `json:"part"`
	Also     Part   `json:"also"`
	Figure   Figure `json:"figure"`
	Value    Value  `json:"value"`
	Whole    Value  `json:"whole"`
	Unfilled Value  `json:"unfilled"` // people of the Whole who did not fill the item in
	// WholeShare is Part's count as a share of Whole (partial_share).
	WholeShare Value     `json:"whole_share"`
	Threshold  float64   `json:"threshold,omitempty"` // percent
	Every      bool      `json:"every,omitempty"`
	Units      []Named   `json:"units,omitempty"`
	Items      []Finding `json:"items,omitempty"` // one statement per body, for a kind that joins them
	// Bodies is set on an item of Items that stands for two or more bodies whose lists name the same
	// units (村党组织 and 村民委员会 both failing the first round in the same two villages), in the order
	// of the summary's bodies; Body is the first. The units are then listed once, each with Rates, its
	// rate under each of Bodies (in the same order) when the kind names a rate.
	Bodies []Body `json:"bodies,omitempty"`
	// DistinctUnits counts the units the Items name, each once (a village named under 村党组织 and under
	// 村民委员会 is one village): what 个别 (at most three) or 部分 is said of. No figure without Items.
	DistinctUnits Value   `json:"distinct_units"`
	Checks        []Check `json:"checks,omitempty"`
}

// Named is a unit, or a sub-scope of the summary (a township of a county, a unit of a township), that a
// finding names, with the rate it is named for.
type Named struct {
	UnitRef
	Kind string `json:"kind,omitempty"` // the 两委 kind 村/社区 of a sub-scope named for its 两委
	Rate Value  `json:"rate"`
	// Rates are the unit's rates under each of the Bodies of a joined item (Finding.Bodies).
	Rates []Value `json:"rates,omitempty"`
}

// Body returns the summary of body b, or nil when the scope has no such election this year.
func (s *Summary) Body(b Body) *BodySummary {
	for i := range s.Bodies {
		if s.Bodies[i].Body == b {
			return &s.Bodies[i]
		}
	}
	return nil
}
