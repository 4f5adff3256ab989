package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"electsum"
)

// A village may elect its committee's 主任 and its 委员 on separate ballots (主任、委员分别选举), and a
// township's results sheet then gives a row per ballot: 村委会主任 and 村委会委员 in 选举类型, or 村委会
// with 主任 and 委员 in a 职位 column. They are one election of one body: its rows are merged into one
// results row before anything else sees them — seats, candidates and elected added up, the voters'
// registration the same on every row (a conflict is an error), the turnout that of the 主任's ballot
// when the ballots' 参加投票人数 differ (said in a warning), the valid ballots left out when they differ
// (each ballot has its own; a roster's 有效票数 gives a person's).

// ballotPosts are the posts a committee elects on ballots of their own.
var ballotPosts = []electsum.Position{electsum.Director, electsum.DeputyDirector, electsum.Member}

// ballotColumnWords are headers of a results sheet's column of the post a row's ballot is for (folded).
var ballotColumnWords = func() []string {
	var out []string
	for _, w := range []string{"职位", "职务", "选举职位", "选举职务", "选举岗位", "岗位", "職位", "職務", "選舉職位", "選舉職務"} {
		out = append(out, fold(w, true))
	}
	return out
}()

// isBallotColumn tells whether a results sheet's header cell names the post of each row's ballot.
func isBallotColumn(text string) bool {
	return slices.Contains(ballotColumnWords, fold(stripBracketed(text), true))
}

// ballotOfBody reads a 选举类型 cell that names a committee's post: 村委会主任, 村民委员会委员选举,
// 監委會主任. ok is false for anything else, a body alone included.
func ballotOfBody(v string) (body electsum.Body, post electsum.Position, ok bool) {
	if _, body := enums["body"].exact[v]; v == "" || body { // most cells: a body as the template writes it
		return "", "", false
	}
	f := strings.TrimSuffix(fold(stripBracketed(v), true), fold("选举", true))
	p, named := postOfBody(f)
	if !named || !ballotBody(p.body) || !slices.Contains(ballotPosts, electsum.Position(p.position)) {
		return "", "", false
	}
	return p.body, electsum.Position(p.position), true
}

// ballotBody tells whether body elects its posts by the voters' ballots (the committees, not a party
// organisation, whose committee elects its 书记, nor deputies).
func ballotBody(body electsum.Body) bool {
	switch body {
	case electsum.VillagersCommittee, electsum.ResidentsCommittee, electsum.SupervisoryCommittee:
		return true
	}
	return false
}

// ballotPost is the post a results row's ballot is for: its 选举类型's (村委会主任) or its 职位 cell's;
// "" when it is the whole body's.
func (sp *sheetParser) ballotPost(cells []string, body string) electsum.Position {
	if !ballotBody(electsum.Body(body)) {
		return ""
	}
	if _, post, ok := ballotOfBody(sp.cell(cells, fBody)); ok {
		return post
	}
	for _, c := range sp.lay.ballots {
		v := cleanAt(cells, c.index)
		if p := electsum.Position(positionFor(v, electsum.Body(body))); slices.Contains(ballotPosts, p) {
			return p
		}
	}
	return ""
}

// ballot is one election given in a row per post's ballot, merged as its rows are read.
type ballot struct {
	r        Result // the merged row, at the first row's place
	posts    []electsum.Position
	rows     []int
	headRow  int  // the row of the head's (主任's) ballot; 0 while none
	validSet bool // the ballots' valid ballots differ: left out
}

// addBallot takes a results row of one post's ballot into its election's merged row.
func (sp *sheetParser) addBallot(r *Result, post electsum.Position, row int) {
	if sp.ballots == nil {
		sp.ballots = map[Key]*ballot{}
	}
	b := sp.ballots[r.Key]
	if b != nil && slices.Contains(b.posts, post) {
		sp.keepResult(r) // the same post's ballot twice: a row of its own, which the duplicate check names
		return
	}
	if b == nil {
		b = &ballot{r: *r, posts: []electsum.Position{post}, rows: []int{row}}
		if electsum.Body(r.Body).IsHead(post) {
			b.headRow = row
		}
		sp.ballots[r.Key] = b
		sp.ballotOrder = append(sp.ballotOrder, b)
		if !sp.ballotsSaid {
			sp.ballotsSaid = true
			sp.problem(Notice, "ballot_rows", row, fBody, string(post), fmt.Sprintf("%s按职位分行填写同一次选举(如主任、委员分别选举)：同一村(社区)同一选举类型的各行合为一次选举，应选、候选、当选人数相加，登记选民数须相同；本表其他这样的行同样处理", sp.where()))
		}
		return
	}
	m := &b.r
	head := electsum.Body(r.Body).IsHead(post)
	if head {
		b.headRow = row
	}
	if m.Registered == nil {
		m.Registered = r.Registered
	} else if r.Registered != nil && *r.Registered != *m.Registered {
		sp.problem(Error, "ballot_registered_differs", row, fRegistered, fmt.Sprint(*r.Registered),
			fmt.Sprintf("%s 的%s选举%s为 %d，而第 %d 行(%s选举)为 %d：同一次选举只有一个登记选民数，请核对后改为一致", keyText(r.Key), post, sp.label(fRegistered, row), *r.Registered, b.rows[0], b.posts[0], *m.Registered))
	}
	if differs(m.Voted, r.Voted) {
		headVoted := m.Voted
		if head {
			headVoted = r.Voted
		}
		sp.problem(Warning, "ballot_voted_differs", row, fVoted, fmt.Sprint(*r.Voted),
			fmt.Sprintf("%s 各职位选举的参加投票人数不同(第 %d 行 %d，第 %d 行 %d)：参选率按%s选举的 %d 人计算；如不对，请核对", keyText(r.Key), b.rows[0], *m.Voted, row, *r.Voted, ballotTurnoutPost(b, head, electsum.Body(r.Body)), *headVoted))
	}
	if head || m.Voted == nil { // the head's ballot gives the turnout, else the first
		m.Voted, m.ProxyVotes, m.MobileVotes, m.InPersonVotes = cmp.Or(r.Voted, m.Voted), cmp.Or(r.ProxyVotes, m.ProxyVotes), cmp.Or(r.MobileVotes, m.MobileVotes), cmp.Or(r.InPersonVotes, m.InPersonVotes)
	}
	if !b.validSet && (differs(m.ValidBallots, r.ValidBallots) || differs(m.InvalidBallots, r.InvalidBallots)) {
		b.validSet = true
		if !sp.ballotValidSaid {
			sp.ballotValidSaid = true
			sp.problem(Notice, "ballot_valid_differs", row, fValidBallots, "",
				fmt.Sprintf("%s 各职位选举的有效票数不同：这次选举不记有效票数，当选人的得票率按当选人员表中各人的有效票数计算；本表其他这样的选举同样处理", keyText(r.Key)))
		}
	}
	if b.validSet {
		m.ValidBallots, m.InvalidBallots = nil, nil
	} else {
		m.ValidBallots, m.InvalidBallots = cmp.Or(m.ValidBallots, r.ValidBallots), cmp.Or(m.InvalidBallots, r.InvalidBallots)
	}
	m.Seats, m.Candidates, m.Elected = addCounts(m.Seats, r.Seats), addCounts(m.Candidates, r.Candidates), addCounts(m.Elected, r.Elected)
	m.Term, m.Date = cmp.Or(m.Term, r.Term), cmp.Or(m.Date, r.Date)
	if m.Method == "" {
		m.Method = r.Method
	}
	if m.FirstRound == nil || (r.FirstRound != nil && !*r.FirstRound) {
		m.FirstRound = r.FirstRound
	}
	b.posts = append(b.posts, post)
	b.rows = append(b.rows, row)
}

// ballotTurnoutPost is the post whose ballot gives the election's turnout.
func ballotTurnoutPost(b *ballot, head bool, body electsum.Body) electsum.Position {
	if head || b.headRow != 0 {
		return body.Head()
	}
	return b.posts[0]
}

// keepBallots hands on the sheet's merged rows, in the order of their first rows.
func (sp *sheetParser) keepBallots() {
	for _, b := range sp.ballotOrder {
		sp.keepResult(&b.r)
	}
	sp.ballots, sp.ballotOrder = nil, nil
}

func differs(a, b *int) bool { return a != nil && b != nil && *a != *b }

func addCounts(a, b *int) *int {
	if a == nil || b == nil {
		return nil
	}
	n := *a + *b
	return &n
}

// groupedColumn is a count's column under another upper cell than the count's first column: 主任/应选 and
// 委员/应选 in a row of a committee's ballots.
type groupedColumn struct {
	field             field
	index             int
	text, firstText   string // the two columns' headers as written
	upper, firstUpper string // their upper cells
}

// ballotCounts are the counts the posts' ballots of one election add up to.
var ballotCounts = []field{fSeats, fCandidates, fElected}

// groupedByPost tells whether every grouped column of the layout is a ballot count under a post (主任,
// 副主任, 委员), as its first column is: the columns are added up. Else the sheet is refused
// (groupedColumnsError): which group is the election's cannot be told.
func (l *layout) groupedByPost() bool {
	isPost := func(up string) bool {
		p := electsum.Position(positionFor(clean(up), electsum.VillagersCommittee))
		return slices.Contains(ballotPosts, p)
	}
	for _, g := range l.grouped {
		if !slices.Contains(ballotCounts, g.field) || !isPost(g.upper) || !isPost(g.firstUpper) {
			return false
		}
	}
	return true
}

// groupedColumnsError refuses a sheet whose count stands in two groups of columns that are not a
// committee's posts (本届/当选人数 beside 上届/当选人数): reading either would be a guess.
func (sp *sheetParser) groupedColumnsError(l *layout) {
	g := l.grouped[0]
	sp.skip, sp.fp.missingColumns = true, true
	sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: l.headerEnd, Column: g.text, Cell: cellRef(g.index, l.headerEnd), Rule: "column_twice",
		Message: fmt.Sprintf("%s有两列都是“%s”(%s、%s)，看不出哪一列是本次选举的数：请只保留本次选举的一列(其他的列改名或删去)后重新导入；主任、委员分别选举的，可把各职位的数填在“应选职数”“候选人数”“当选人数”分组下(表头上一行写 主任、委员)，或每个职位填一行", sp.where(), l.spec.cols[g.field].Header, g.firstText, g.text)})
}

// groupedNotice says once per sheet that the posts' counts are added up.
func (sp *sheetParser) groupedNotice(l *layout) {
	g := l.grouped[0]
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: g.text, Cell: cellRef(g.index, l.headerEnd), Rule: "ballot_columns",
		Message: fmt.Sprintf("%s的“%s”“%s”等是各职位分别选举的数：每行按各职位相加，作为这次选举的%s", sp.where(), g.firstText, g.text, l.spec.cols[g.field].Header)})
}

// addGrouped adds to a row's count total the count's grouped columns (a blank or — in a group is a post
// the village does not elect: nothing added); nil when the total is.
func (sp *sheetParser) addGrouped(cells []string, row int, f field, total *int) *int {
	if total == nil {
		return nil
	}
	sum := *total
	for _, g := range sp.lay.grouped {
		if g.field != f {
			continue
		}
		v := cleanAt(cells, g.index)
		if v == "" || noneMark(v) {
			continue
		}
		n, ok := parseInt(v)
		if !ok {
			sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: row, Column: g.text, Cell: cellRef(g.index, row), Value: v, Rule: "wrong_type",
				Message: wrongTypeMessage(cellLabel(g.text, g.index, row), v, intWhat, intExample)})
			return nil
		}
		sum += n
	}
	return sp.fp.newInt(sum)
}
