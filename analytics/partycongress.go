package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"electsum"
)

// PartyCongress is the model of a township party congress summary (乡镇党代会换届选举工作总结): per body
// a township 党代会 elects (乡镇党委, 乡镇纪委, 出席上级党代会代表) the attendance and its 4/5 quorum, the
// seats, candidates and elected with 差额比例, the 赞成票率 and the 构成 of those elected, each beside the
// previous term's; the meetings for the annex, the roster and the legal checks. Every count comes from
// views/08_v_party_congress.sql; rates and shares are divided and rounded by share and ratio.
type PartyCongress struct {
	// Kind is dangdaihui (a township 党代会's bodies) or shequdangzuzhi (the 社区党组织 elections by
	// 党员大会 or 党员代表大会, SummarizeCommunityParty): the same figures over other bodies.
	Kind         electsum.Kind `json:"kind"`
	Scope        Scope         `json:"scope"`
	Level        Level         `json:"level"`
	Year         int           `json:"year"`
	PreviousYear int           `json:"previous_year,omitempty"` // 0: no earlier township party congress in the scope
	GeneratedAt  time.Time     `json:"generated_at"`
	FirstDate    string        `json:"first_date,omitempty"` // earliest 选举日期, YYYY-MM-DD
	LastDate     string        `json:"last_date,omitempty"`

	Bodies   []PartyCongressBody `json:"bodies"`   // 乡镇党委, 乡镇纪委, 出席上级党代会代表: those elected this year
	Meetings []PartyMeeting      `json:"meetings"` // each body each township's 党代会 elected this year
	Roster   []Elected           `json:"roster"`   // everyone elected this year
	Checks   []Check             `json:"checks"`   // legal-check failures (违规)
	// Findings are the 数据核对 notes: the bodies held in townships of one term only (not compared).
	Findings []Finding `json:"findings"`
}

// PartyCongressBody is one body's elections in the scope.
type PartyCongressBody struct {
	Body      Body   `json:"body"`
	Meetings  Figure `json:"meetings"`  // results rows (one per township's 党代会)
	Townships Figure `json:"townships"` // townships with such a row
	// Subdistricts: of this year's Townships, those that are 街道 (electsum.Subdistrict).
	Subdistricts Value `json:"subdistricts"`

	Due        Figure `json:"due"`        // 应到 (Σ)
	Excused    Figure `json:"excused"`    // 批准剔除 (Σ over the rows giving it)
	Present    Figure `json:"present"`    // 实到 (Σ)
	Attendance Figure `json:"attendance"` // 到会率, percent: Σ实到 / Σ应到 over the rows giving both
	// QuorumMet counts the meetings whose 实到 exceeded 4/5 of 应到 less 批准剔除, of those that can be judged.
	QuorumMet Part `json:"quorum_met"`

	Seats      Figure `json:"seats"`      // 应选
	Candidates Figure `json:"candidates"` // 候选
	Elected    Figure `json:"elected"`    // 当选 (results sheet)
	Margin     Figure `json:"margin"`     // 差额比例, percent: (Σ候选 − Σ应选) / Σ应选 over the rows giving both
	// ExcusedReporting, CandidatesReporting and MarginReporting count the rows (meetings) that gave
	// 批准剔除, 正式候选人数, and both terms of Margin, this term when fewer than all did (else no
	// figure): the sum or rate is then of those meetings alone, and the draft says so.
	ExcusedReporting    Value `json:"excused_reporting"`
	CandidatesReporting Value `json:"candidates_reporting"`
	MarginReporting     Value `json:"margin_reporting"`

	// Approval is 赞成票率, percent: the elected persons' 得票数 summed, over the 有效票数 of their
	// election summed, over the persons with 得票数 whose election gave 有效票数 (ApprovalCounted).
	Approval        Figure          `json:"approval"`
	ApprovalCounted Value           `json:"approval_counted"`
	Lowest          *LowestApproval `json:"lowest,omitempty"` // the person with the lowest individual rate

	Members PartyMembers `json:"members"`

	// Methods are the elections per 选举方式 (党员大会, 党员代表大会 …), with Σ实到 (those who took part),
	// most used first; elections that named none are not in any. Sizes are the elections per 当选人数
	// (设5名委员的社区7个), largest first. This term only: no comparison is made of them.
	Methods      []PartyMethod `json:"methods"`
	MethodsKnown Value         `json:"methods_known"` // elections that named their 选举方式
	Sizes        []PartySize   `json:"sizes"`
}

// PartyMethod is one 选举方式 of a body's elections: how many used it and how many took part (Σ实到,
// no figure when none of them gave it).
type PartyMethod struct {
	Label   string `json:"label"`
	Units   Value  `json:"units"`
	Present Value  `json:"present"`
}

// PartySize is the number of elections that elected Elected persons (当选人数 of the results sheet).
type PartySize struct {
	Elected Value `json:"elected"`
	Units   Value `json:"units"`
}

// LowestApproval is the elected person with the lowest 得票数 / 有效票数.
type LowestApproval struct {
	Township string `json:"township"`
	Name     string `json:"name"`
	Votes    int    `json:"votes"`
	Valid    int    `json:"valid"`
	Rate     Value  `json:"rate"` // percent
}

// PartyMembers is the 构成 of those elected to one body; each part is a share of the persons whose
// column was filled (no figure when nobody's was); Change of a share is in 百分点.
type PartyMembers struct {
	Total Figure `json:"total"`
	Women Part   `json:"women"`
	// Heads are the 书记 elected; WomenHeads the women among them (篇3's 书记男女比例).
	Heads      Figure `json:"heads"`
	WomenHeads Part   `json:"women_heads"`
	Minorities Part   `json:"minorities"`
	College    Part   `json:"college"`  // 大专及以上
	Under46    Part   `json:"under_46"` // 45岁及以下
	Reelected  Part   `json:"reelected"`
	AverageAge Figure `json:"average_age"` // years, one decimal
	// Categories are 代表构成 (工人, 农民, 专业技术人员, 干部, 其他), shares of those whose 代表构成 was
	// filled: the delegates' occupation (篇4's 干部党员代表); no figure when nobody's was.
	Categories []Part `json:"categories"`
	// Unlisted counts those the results elected beyond those the roster lists (their 当选名单 not
	// sent); no figure when it lists them all. The parts are then of the listed ones only.
	Unlisted Value `json:"unlisted"`
}

// PartyMeeting is one body one township's 党代会 elected, for the annex.
type PartyMeeting struct {
	UnitRef
	Body       Body   `json:"body"`
	Method     string `json:"method,omitempty"` // 选举方式 (社区党组织 elections; '' for a 党代会)
	Due        Value  `json:"due"`
	Excused    Value  `json:"excused"`
	Present    Value  `json:"present"`
	QuorumMet  *bool  `json:"quorum_met"`
	Seats      Value  `json:"seats"`
	Candidates Value  `json:"candidates"`
	Elected    Value  `json:"elected"`
	Valid      Value  `json:"valid_ballots"`
	Attendance Value  `json:"attendance"` // percent
	Margin     Value  `json:"margin"`     // percent
	Approval   Value  `json:"approval"`   // 赞成票率 of this election, percent: Σ得票 / Σ有效票 of those elected
}

// Elected is one person a township 党代会 elected; IDNumber is masked unless Options.Unmasked.
type Elected struct {
	Member
	Votes    Value `json:"votes"`
	Valid    Value `json:"valid_ballots"` // of the person's election
	Approval Value `json:"approval"`      // percent: Votes / Valid
}

// partyKind says which party bodies a summary covers and the words of its errors.
type partyKind struct {
	kind   electsum.Kind
	bodies string // comma-separated, in report order
	totals string // sql/<totals>.sql: party_totals and party_members over the bodies
	what   string
}

var (
	partyCongressKind  = partyKind{electsum.Dangdaihui, "乡镇党委,乡镇纪委,出席上级党代会代表", "party_congress_totals", "township party congress"}
	communityPartyKind = partyKind{electsum.Shequdangzuzhi, string(CommunityParty), "community_party_totals", "community party organisation"}
)

// SummarizePartyCongress computes the township party congress model of the scope's year (the latest
// year with such an election when scope.Year is 0). scope.Unit is ignored. It returns a *NoDataError
// when the scope holds no such election that year.
func SummarizePartyCongress(ctx context.Context, db *sql.DB, scope Scope, opts Options) (*PartyCongress, error) {
	return summarizeParty(ctx, db, scope, opts, partyCongressKind)
}

// SummarizeCommunityParty computes the model of the 社区党组织 elections (by 党员大会 or 党员代表大会;
// 篇3's 社区党委换届) of the scope's year, as SummarizePartyCongress does for a township 党代会: the same
// figures (views/08_v_party_congress.sql), with Bodies holding the one body 社区党组织 and Meetings each
// community's election. These elections stay in the 两委 summary too.
func SummarizeCommunityParty(ctx context.Context, db *sql.DB, scope Scope, opts Options) (*PartyCongress, error) {
	return summarizeParty(ctx, db, scope, opts, communityPartyKind)
}

// SummarizeParty is SummarizePartyCongress for kind dangdaihui, SummarizeCommunityParty for
// shequdangzuzhi: the model of a party kind, for callers that pick the kind from the data.
func SummarizeParty(ctx context.Context, db *sql.DB, kind electsum.Kind, scope Scope, opts Options) (*PartyCongress, error) {
	switch kind {
	case electsum.Dangdaihui:
		return SummarizePartyCongress(ctx, db, scope, opts)
	case electsum.Shequdangzuzhi:
		return SummarizeCommunityParty(ctx, db, scope, opts)
	}
	return nil, fmt.Errorf("%s is no party kind of summary", kind)
}

func summarizeParty(ctx context.Context, db *sql.DB, scope Scope, opts Options, k partyKind) (*PartyCongress, error) {
	scope.Unit = ""
	conn, opts, err := electionConn(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	latest := func(before int, s Scope) (int, error) {
		var y sql.NullInt64
		err := conn.QueryRowContext(ctx, sqlText("party_previous_year"), k.bodies, before, s.County, s.Township).Scan(&y)
		if err != nil {
			return 0, fmt.Errorf("find the %s elections: %w", k.what, err)
		}
		return int(y.Int64), nil
	}
	if scope.Year == 0 {
		if scope.Year, err = latest(1<<30, Scope{}); err != nil {
			return nil, err
		}
	}
	prevYear := scope.Compare
	if prevYear == 0 {
		if prevYear, err = latest(scope.Year, scope); err != nil {
			return nil, err
		}
	}
	cur, prev, gaps, err := termTotals(ctx, conn, k.totals, k.what, scope, prevYear,
		"lowest_township", "lowest_name", "methods", "sizes")
	if err != nil {
		return nil, err
	}
	p := &PartyCongress{Kind: k.kind, Scope: scope, Year: scope.Year, PreviousYear: prevYear, GeneratedAt: opts.now(),
		Level: electionLevel(scope), Findings: append([]Finding{}, gaps...)}
	for _, r := range cur {
		b := partyCongressBody(r, prev[r.body])
		if err := partyShapes(&b, r); err != nil {
			return nil, err
		}
		p.Bodies = append(p.Bodies, b)
	}
	if err := conn.QueryRowContext(ctx, sqlText("party_dates"), append([]any{k.bodies}, electionScopeArgs(scope)...)...).Scan(&p.FirstDate, &p.LastDate); err != nil {
		return nil, fmt.Errorf("read the %s dates: %w", k.what, err)
	}
	if p.Meetings, err = partyMeetings(ctx, conn, k, scope); err != nil {
		return nil, err
	}
	for i, b := range p.Bodies {
		held := map[[2]string]bool{}
		for _, m := range p.Meetings {
			if m.Body == b.Body {
				held[[2]string{m.County, m.Township}] = true
			}
		}
		p.Bodies[i].Subdistricts = count(subdistricts(held))
	}
	if p.Roster, err = partyRoster(ctx, conn, k, scope, opts.Unmasked); err != nil {
		return nil, err
	}
	if p.Checks, err = scopeChecks(ctx, conn, "party_checks", "the "+k.what+" checks", scope, k.bodies); err != nil {
		return nil, err
	}
	return p, nil
}

// partyShapes reads a body's elections per 选举方式 and per 当选人数 (party_totals' JSON columns).
func partyShapes(b *PartyCongressBody, r bodyCounts) error {
	var methods []struct {
		Label   string `json:"label"`
		Units   int    `json:"units"`
		Present *int64 `json:"present"`
	}
	if err := json.Unmarshal([]byte(cmp.Or(r.text["methods"], "[]")), &methods); err != nil {
		return fmt.Errorf("read the methods of %s: %w", r.body, err)
	}
	b.Methods = []PartyMethod{}
	for _, m := range methods {
		pm := PartyMethod{Label: m.Label, Units: count(m.Units)}
		if m.Present != nil {
			pm.Present = count(int(*m.Present))
		}
		b.Methods = append(b.Methods, pm)
	}
	var sizes []struct{ Elected, Units int }
	if err := json.Unmarshal([]byte(cmp.Or(r.text["sizes"], "[]")), &sizes); err != nil {
		return fmt.Errorf("read the sizes of %s: %w", r.body, err)
	}
	b.Sizes = []PartySize{}
	for _, z := range sizes {
		b.Sizes = append(b.Sizes, PartySize{Elected: count(z.Elected), Units: count(z.Units)})
	}
	if n, ok := r.n.get("methods_known"); ok {
		b.MethodsKnown = count(n)
	}
	return nil
}

func partyCongressBody(cur, prev bodyCounts) PartyCongressBody {
	c, p := cur.n, prev.n
	b := PartyCongressBody{Body: cur.body}
	b.Meetings = sumFigure(c, p, "meetings", "")
	b.Townships = sumFigure(c, p, "townships", "")
	b.Due = sumFigure(c, p, "due", "due_known")
	b.Excused = sumFigure(c, p, "excused", "excused_known")
	b.Present = sumFigure(c, p, "present", "present_known")
	b.Attendance = rateFigure(c, p, "attendance_present", "attendance_due")
	b.QuorumMet = sharePart("达到五分之四", c, p, "quorum_met", "quorum_known")
	noneKnown(&b.QuorumMet, c, p, "quorum_known")
	b.Seats = sumFigure(c, p, "seats", "seats_known")
	b.Candidates = sumFigure(c, p, "candidates", "candidates_known")
	b.Elected = sumFigure(c, p, "elected", "elected_known")
	b.Margin = marginFigure(c, p)
	b.ExcusedReporting = fewer(c, "excused_known", "meetings")
	b.CandidatesReporting = fewer(c, "candidates_known", "meetings")
	b.MarginReporting = fewer(c, "margin_known", "meetings")
	b.Approval = rateFigure(c, p, "approval_votes", "approval_valid")
	if n, ok := c.get("approval_counted"); ok && n > 0 {
		b.ApprovalCounted = count(n)
		votes, _ := c.get("lowest_votes")
		valid, _ := c.get("lowest_valid")
		b.Lowest = &LowestApproval{Township: cur.text["lowest_township"], Name: cur.text["lowest_name"], Votes: votes, Valid: valid, Rate: ratio(votes, valid)}
	}

	m := &b.Members
	m.Total = sumFigure(c, p, "members", "")
	m.Women = sharePart("女性", c, p, "women", "members")
	m.Heads = sumFigure(c, p, "heads", "")
	m.WomenHeads = sharePart("女性书记", c, p, "women_heads", "heads")
	m.Minorities = sharePart("少数民族", c, p, "minorities", "ethnicity_known")
	m.College = sharePart(electsum.EducationCollege, c, p, "college", "education_known")
	m.Under46 = sharePart("45岁及以下", c, p, "under_46", "age_known")
	m.Reelected = sharePart("连任", c, p, "reelected", "reelected_known")
	noneKnown(&m.Minorities, c, p, "ethnicity_known")
	noneKnown(&m.College, c, p, "education_known")
	noneKnown(&m.Under46, c, p, "age_known")
	noneKnown(&m.Reelected, c, p, "reelected_known")
	// A share over those who filled an optional column (民族, 学历, age, 连任, 代表构成), when some did
	// not, is not a share of those elected (Part.Partial): the draft names its base beside it.
	m.Categories = categoryParts(c, p)
	partial := []*Part{&m.Minorities, &m.College, &m.Under46, &m.Reelected}
	for i := range m.Categories {
		partial = append(partial, &m.Categories[i])
	}
	for _, x := range partial {
		if x.Base.OK && m.Total.Current.OK && x.Base.V < m.Total.Current.V {
			x.Partial = true
		}
	}
	average := func(n counts) Value {
		sum, ok1 := n.get("age_sum")
		k, ok2 := n.get("age_known")
		if n == nil || !ok1 || !ok2 || k == 0 {
			return Value{}
		}
		return Known(electsum.Round(float64(sum)/float64(k), 1))
	}
	m.AverageAge = Figure{Current: average(c), Previous: average(p)}
	// A roster listing fewer than the results elected describes part of them (congressLevel's rule).
	if n := unlisted(c, "members"); n > 0 {
		m.Unlisted = count(n)
	}
	if p != nil && (unlisted(c, "members") > 0 || unlisted(p, "members") > 0) {
		m.Total.Previous, m.Heads.Previous, m.AverageAge.Previous = Value{}, Value{}, Value{}
		notCompared(append(partial, &m.Women, &m.WomenHeads)...)
	}
	return b
}

func partyMeetings(ctx context.Context, conn querier, k partyKind, s Scope) ([]PartyMeeting, error) {
	out := []PartyMeeting{}
	err := eachRow(ctx, conn, "the "+k.what+" elections", sqlText("party_meetings"), append([]any{k.bodies}, electionScopeArgs(s)...), func(rows *sql.Rows) error {
		var m PartyMeeting
		var body string
		var quorum sql.NullBool
		var n [7]sql.NullInt64
		var approval sql.NullFloat64
		if err := rows.Scan(&m.County, &m.Township, &m.Unit, &body, &m.Method, &n[0], &n[1], &n[2], &quorum, &n[3], &n[4], &n[5], &n[6], &approval); err != nil {
			return err
		}
		m.Body = Body(body)
		for i, v := range []*Value{&m.Due, &m.Excused, &m.Present, &m.Seats, &m.Candidates, &m.Elected, &m.Valid} {
			*v = nullValue(n[i])
		}
		if quorum.Valid {
			q := quorum.Bool
			m.QuorumMet = &q
		}
		m.Attendance = rateOf(m.Present, m.Due, 0)
		m.Margin = rateOf(m.Candidates, m.Seats, 1)
		m.Approval = rounded(approval)
		out = append(out, m)
		return nil
	})
	return out, err
}

func partyRoster(ctx context.Context, conn querier, k partyKind, s Scope, unmasked bool) ([]Elected, error) {
	out := []Elected{}
	err := eachRow(ctx, conn, "those elected in the "+k.what+" elections", sqlText("party_roster"), append([]any{k.bodies}, electionScopeArgs(s)...), func(rows *sql.Rows) error {
		var e Elected
		var body string
		var age, votes, valid sql.NullInt64
		var reelected sql.NullBool
		if err := rows.Scan(&e.County, &e.Township, &e.Unit, &body, &e.Name, &e.Position, &e.Gender, &age, &e.Ethnicity,
			&e.Party, &e.Education, &reelected, &votes, &valid, &e.IDNumber); err != nil {
			return err
		}
		e.Body = Body(body)
		e.Age, e.Votes, e.Valid = nullValue(age), nullValue(votes), nullValue(valid)
		e.Approval = rateOf(e.Votes, e.Valid, 0)
		e.Reelected, e.IDNumber = boolOrNil(reelected), shownID(e.IDNumber, unmasked)
		out = append(out, e)
		return nil
	})
	return out, err
}
