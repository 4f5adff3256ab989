package synth

import (
	"electsum"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"electsum/ingest"
)

// World is the generated data: the townships of every county, each with the rows of its workbook. Rows
// hold what the reader should load from the township's sheets: canonical Simplified values, and nil or
// empty for a column the township left out (Township.Omits says which). Pos is not set.
type World struct {
	Config    Config
	Counties  []string    // county names in order
	Townships []*Township // county by county
	// Congress holds, per township, its people's congress elections (GenerateCongress); empty unless
	// generated. WriteWorkbooks writes each as a workbook of its own.
	Congress []*Township
	// PartyCongress holds, per township, its party congress elections (GeneratePartyCongress); empty
	// unless generated. WriteWorkbooks writes each as a workbook of its own.
	PartyCongress []*Township
}

// Township is one township (乡镇/街道): its units and the rows of the workbook it submits.
type Township struct {
	County  string
	Region  string // the six-digit region code that starts its people's 身份证号
	Name    string
	Units   []Unit
	Results []ingest.Result // ordered by year, unit, body
	Members []ingest.Member // ordered by year, unit, body, position
	style   style
}

// Unit is one village (村) or community (社区).
type Unit struct {
	Name      string
	Community bool
}

// Counts are the sizes of a World, for comparing with what was loaded.
type Counts struct {
	Counties, Townships, Units, Results, Members int
	// Constituencies are the 选区 of the people's congress elections (GenerateCongress), each a unit of
	// its township; Workbooks are the files WriteWorkbooks writes.
	Constituencies, Workbooks int
	// PartyCongresses are the results rows of the township party congresses (GeneratePartyCongress): one
	// per body each township's 党代会 elected.
	PartyCongresses int
}

// Counts counts the World's counties, townships, units and rows; Results and Members include the
// people's congress rows.
func (w *World) Counts() Counts {
	var n Counts
	n.Counties = len(w.Counties)
	for _, t := range w.Townships {
		n.Townships++
		n.Units += len(t.Units)
		n.Results += len(t.Results)
		n.Members += len(t.Members)
	}
	for _, t := range w.Congress {
		seen := map[string]bool{}
		for _, r := range t.Results {
			if !seen[r.Unit] {
				seen[r.Unit] = true
				n.Constituencies++
			}
		}
		n.Results += len(t.Results)
		n.Members += len(t.Members)
	}
	for _, t := range w.PartyCongress {
		n.PartyCongresses += len(t.Results)
		n.Results += len(t.Results)
		n.Members += len(t.Members)
	}
	n.Workbooks = len(w.Townships) + len(w.Congress) + len(w.PartyCongress)
	return n
}

// holdsPartyCongress reports whether t's results include what a township 党代会 elects.
func (t *Township) holdsPartyCongress() bool {
	for _, r := range t.Results {
		if electsum.Body(r.Body).PartyCongress() {
			return true
		}
	}
	return false
}

// holdsDeputies reports whether t's results include a people's congress election.
func (t *Township) holdsDeputies() bool {
	for _, r := range t.Results {
		if electsum.Body(r.Body).Deputies() {
			return true
		}
	}
	return false
}

// Omits reports whether the township left the column with this key out of its sheets.
func (t *Township) Omits(key string) bool {
	for _, k := range t.style.omit {
		if k == key {
			return true
		}
	}
	return false
}

// Traditional reports whether the township writes headers and enum values in Traditional script.
func (t *Township) Traditional() bool { return t.style.traditional }

// The bodies a unit elects, indexed in this order throughout.
const (
	bParty = iota
	bCommittee
	bSupervisory
	nBodies
)

// The bodies of a village and of a community, indexed as above.
var (
	villageBodies   = [nBodies]string{string(electsum.PartyBranch), string(electsum.VillagersCommittee), string(electsum.SupervisoryCommittee)}
	communityBodies = [nBodies]string{string(electsum.CommunityParty), string(electsum.ResidentsCommittee), ""}
)

// person is one villager who may be elected to one or more bodies over the terms.
type person struct {
	name      string
	female    bool
	birth     time.Time
	id        string
	ethnicity string
	education string
	party     string
	wealth    bool
	graduate  bool
}

func (p *person) member() bool { return p.party == "中共党员" || p.party == "中共预备党员" }

// seat is a person holding a position in one body for one term.
type seat struct {
	p        *person
	position string
}

// unitState is what carries from one term to the next in a unit.
type unitState struct {
	unit  Unit
	clan  string
	names map[string]bool // names in use, so that two people of a unit never share one
	prev  [nBodies][]seat
}

type generator struct {
	cfg    Config
	r      *rand.Rand
	region string
	ids    map[string]bool
	county *countyProfile
}

// countyProfile is what makes counties differ from each other.
type countyProfile struct {
	minority      string
	minorityShare float64
	termBase      int
}

// Generate builds the World described by cfg. It is deterministic: the same cfg gives the same World.
func Generate(cfg Config) *World {
	g := &generator{cfg: cfg, r: rand.New(rand.NewPCG(uint64(cfg.Seed), 0x656c65637473756d))}
	w := &World{Config: cfg}
	countyNames := map[string]bool{}
	for c := 0; c < cfg.Counties; c++ {
		name := ""
		if c < len(cfg.CountyNames) {
			name = cfg.CountyNames[c]
		}
		for name == "" || countyNames[name] {
			name = placeName(g.r) + []string{"县", "县", "县", "市", "区"}[g.r.IntN(5)]
		}
		countyNames[name] = true
		g.region = fmt.Sprintf("43%02d%02d", 1+c/15, 21+c%15)
		g.ids = map[string]bool{}
		g.county = &countyProfile{termBase: 10 + g.r.IntN(3)}
		switch x := g.r.Float64(); {
		case x < 0.1:
			g.county.minorityShare = 0.4 + 0.3*g.r.Float64()
		case x < 0.3:
			g.county.minorityShare = 0.1 + 0.2*g.r.Float64()
		default:
			g.county.minorityShare = 0.01 + 0.04*g.r.Float64()
		}
		g.county.minority = minorities[g.r.IntN(len(minorities))]
		townshipNames := map[string]bool{}
		for t := 0; t < cfg.TownshipsPerCounty; t++ {
			w.Townships = append(w.Townships, g.township(name, townshipNames))
		}
		w.Counties = append(w.Counties, name)
	}
	return w
}

func (g *generator) township(county string, taken map[string]bool) *Township {
	r := g.r
	suffix := "镇"
	switch x := r.Float64(); {
	case x < 0.08 && g.cfg.Communities > 0:
		suffix = "街道"
	case x < 0.4:
		suffix = "乡"
	}
	name := ""
	for name == "" || taken[name] {
		name = placeName(r) + suffix
	}
	taken[name] = true
	t := &Township{County: county, Region: g.region, Name: name, style: g.style()}
	communities := g.cfg.Communities
	if suffix == "街道" {
		communities = math.Max(communities, 0.75)
	}
	unitNames := map[string]bool{}
	var units []*unitState
	for i := 0; i < g.cfg.UnitsPerTownship; i++ {
		u := Unit{Community: r.Float64() < communities}
		for u.Name == "" || unitNames[u.Name] {
			if u.Community {
				u.Name = communityNames[r.IntN(len(communityNames))] + "社区"
				if r.Float64() < 0.3 {
					u.Name = placeName(r) + "社区"
				}
			} else {
				u.Name = placeName(r) + "村"
			}
		}
		unitNames[u.Name] = true
		t.Units = append(t.Units, u)
		clan := ""
		if r.Float64() < 0.4 {
			clan = surname(r)
		}
		units = append(units, &unitState{unit: u, clan: clan, names: map[string]bool{}})
	}
	for yi, year := range g.cfg.Years {
		for _, u := range units {
			g.unitYear(t, u, yi, year)
		}
	}
	return t
}

// chance is true with probability p.
func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// between is a whole number in [lo, hi].
func (g *generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// pick chooses from values with the given weights.
func pick[T any](r *rand.Rand, values []T, weights []float64) T {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return values[i]
		}
		x -= w
	}
	return values[len(values)-1]
}

// educations are the canonical 学历 (electsum.Educations) lowest first, the order of the weights picked with.
var educations = func() []string {
	e := electsum.Educations()
	slices.Reverse(e)
	return e
}()

// newPerson makes someone not elected before. later is true from the second term on, when new people are
// younger and better educated, as the 换届 policies of recent years asked.
func (g *generator) newPerson(u *unitState, d time.Time, female, partyMember, later, community bool) *person {
	r := g.r
	p := &person{female: female}
	for p.name == "" || u.names[p.name] {
		p.name = personName(r, female, u.clan)
	}
	u.names[p.name] = true
	bandWeights := []float64{0.12, 0.28, 0.38, 0.22}
	eduWeights := []float64{5, 35, 22, 10, 20, 7, 1}
	if later {
		bandWeights = []float64{0.3, 0.38, 0.25, 0.07}
		eduWeights = []float64{1, 15, 18, 10, 36, 18, 2}
	}
	if community {
		eduWeights = []float64{0, 5, 15, 10, 40, 27, 3}
	}
	band := pick(r, []int{0, 1, 2, 3}, bandWeights)
	age := []int{25, 36, 46, 56}[band] + r.IntN([]int{11, 10, 10, 10}[band])
	for {
		p.birth = d.AddDate(-age, 0, -r.IntN(365))
		p.id = idNumber(g.region, p.birth, r.IntN(500), female)
		if !g.ids[p.id] {
			break
		}
	}
	g.ids[p.id] = true
	p.ethnicity = "汉族"
	if g.chance(g.county.minorityShare) {
		p.ethnicity = g.county.minority
		if g.chance(0.2) {
			p.ethnicity = minorities[r.IntN(len(minorities))]
		}
	}
	p.education = pick(r, educations, eduWeights)
	if age <= 35 && (p.education == "小学及以下" || p.education == "初中") && g.chance(0.7) {
		p.education = "高中"
	}
	switch {
	case partyMember:
		p.party = "中共党员"
	case age <= 28 && g.chance(0.6):
		p.party = "共青团员"
	case g.chance(0.02):
		p.party = []string{"民主党派", "无党派人士"}[r.IntN(2)]
	default:
		p.party = "群众"
	}
	p.wealth = !community && g.chance(0.3)
	p.graduate = age <= 35 && (p.education == "大学专科" || p.education == "大学本科") && g.chance(0.35)
	return p
}

// staying is the part of a previous term's members who stand again and are re-elected, in their order.
func (g *generator) staying(prev []seat, d time.Time, used map[*person]bool) []*person {
	var out []*person
	for _, s := range prev {
		if !used[s.p] && electsum.AgeAt(s.p.birth, d) < 62 && g.chance(0.7) {
			out = append(out, s.p)
		}
	}
	return out
}

// unitYear elects the unit's bodies of one term and appends the rows to the township.
func (g *generator) unitYear(t *Township, u *unitState, yi, year int) {
	r := g.r
	later := yi > 0
	community := u.unit.Community
	bodies := villageBodies
	if community {
		bodies = communityBodies
	}
	var dates [nBodies]time.Time
	dates[bParty] = time.Date(year, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(45))
	dates[bCommittee] = dates[bParty].AddDate(0, 0, g.between(7, 30))
	dates[bSupervisory] = dates[bCommittee].AddDate(0, 0, r.IntN(4))

	used := map[*person]bool{}
	var seats [nBodies][]seat
	var size [nBodies]int    // seats to fill
	var elected [nBodies]int // seats filled
	var firstRound [nBodies]bool
	for b := 0; b < nBodies; b++ {
		switch {
		case b == bSupervisory:
			size[b] = pick(r, []int{3, 5}, []float64{0.65, 0.35})
		case community:
			size[b] = pick(r, []int{5, 7}, []float64{0.6, 0.4})
		default:
			size[b] = pick(r, []int{3, 5, 7}, []float64{0.3, 0.55, 0.15})
		}
		elected[b], firstRound[b] = size[b], !g.chance(0.04)
		if !firstRound[b] && g.chance(0.4) {
			elected[b]-- // 缺额: a seat stays empty after the 另行选举
		}
	}
	take := func(b int, p *person, position string) {
		used[p] = true
		seats[b] = append(seats[b], seat{p, position})
	}

	// 村党组织: a 书记, perhaps a 副书记, 委员; all party members.
	d := dates[bParty]
	stay := g.staying(u.prev[bParty], d, used)
	var secretary *person
	if len(u.prev[bParty]) > 0 && len(stay) > 0 && stay[0] == u.prev[bParty][0].p {
		secretary = stay[0] // the 书记 is listed first and stays on
	} else if len(stay) > 0 && g.chance(0.4) {
		secretary = stay[0]
	} else {
		secretary = g.newPerson(u, d, g.chance(0.12), true, later, community)
	}
	take(bParty, secretary, "书记")
	for _, s := range u.prev[bCommittee] { // committee members who joined the party move up
		if s.p.member() && !used[s.p] && g.chance(0.25) {
			stay = append(stay, s.p)
		}
	}
	for _, p := range stay {
		if len(seats[bParty]) < elected[bParty] && !used[p] {
			take(bParty, p, "委员")
		}
	}
	for len(seats[bParty]) < elected[bParty] {
		take(bParty, g.newPerson(u, d, g.chance(0.22), true, later, community), "委员")
	}
	if elected[bParty] >= 5 && g.chance(0.5) {
		seats[bParty][1].position = "副书记"
	}

	// 村民委员会: the 主任 is the 书记 in most units (一肩挑), more so in later terms; some other
	// 村党组织 members sit on it too (交叉任职); the rest are elected among the villagers.
	d = dates[bCommittee]
	oneShoulder := g.chance(0.6)
	if later {
		oneShoulder = g.chance(0.88)
	}
	var director *person
	var prevDirector *person
	if len(u.prev[bCommittee]) > 0 {
		prevDirector = u.prev[bCommittee][0].p
	}
	switch {
	case oneShoulder:
		director = secretary
	case prevDirector != nil && !used[prevDirector] && electsum.AgeAt(prevDirector.birth, d) < 62 && g.chance(0.7):
		director = prevDirector
	default:
		director = g.newPerson(u, d, g.chance(0.1), g.chance(0.7), later, community)
	}
	seats[bCommittee] = append(seats[bCommittee], seat{director, "主任"})
	used[director] = true
	// Nearly every committee has a woman, as the law asks: keep the last seat for one if need be.
	needWoman := g.chance(0.93)
	room := func() bool {
		n := len(seats[bCommittee])
		return n < elected[bCommittee]-1 || (n == elected[bCommittee]-1 && !(needWoman && !hasWoman(seats[bCommittee])))
	}
	for i, n := 1, g.between(0, 2); i < len(seats[bParty]) && n > 0 && room(); i++ {
		if p := seats[bParty][i].p; p != director {
			seats[bCommittee] = append(seats[bCommittee], seat{p, "委员"})
			n--
		}
	}
	for _, p := range g.staying(u.prev[bCommittee], d, used) {
		if room() {
			take(bCommittee, p, "委员")
		}
	}
	womenShare := 0.3
	if community {
		womenShare = 0.55
	}
	for len(seats[bCommittee]) < elected[bCommittee] {
		female := g.chance(womenShare)
		if len(seats[bCommittee]) == elected[bCommittee]-1 && needWoman && !hasWoman(seats[bCommittee]) {
			female = true
		}
		take(bCommittee, g.newPerson(u, d, female, g.chance(0.4), later, community), "委员")
	}
	if elected[bCommittee] >= 5 && g.chance(0.5) {
		seats[bCommittee][len(seats[bCommittee])-1].position = "副主任"
	}

	// 村务监督委员会 (villages only, most of them): people outside the two committees.
	if !community && g.chance(0.95) {
		d = dates[bSupervisory]
		stay := g.staying(u.prev[bSupervisory], d, used)
		if len(stay) == 0 || len(u.prev[bSupervisory]) == 0 || stay[0] != u.prev[bSupervisory][0].p {
			take(bSupervisory, g.newPerson(u, d, g.chance(0.15), g.chance(0.8), later, community), "主任")
		}
		for _, p := range stay {
			if len(seats[bSupervisory]) < elected[bSupervisory] {
				position := "委员"
				if len(seats[bSupervisory]) == 0 {
					position = "主任"
				}
				take(bSupervisory, p, position)
			}
		}
		for len(seats[bSupervisory]) < elected[bSupervisory] {
			take(bSupervisory, g.newPerson(u, d, g.chance(0.3), g.chance(0.4), later, community), "委员")
		}
	}

	for b := 0; b < nBodies; b++ {
		if len(seats[b]) == 0 {
			continue
		}
		key := ingest.Key{County: t.County, Township: t.Name, Unit: u.unit.Name, Year: year, Body: bodies[b]}
		res := g.result(t, key, b, community, size[b], elected[b], firstRound[b], dates[b], yi)
		t.Results = append(t.Results, res)
		prev := map[*person]bool{}
		for _, s := range u.prev[b] {
			prev[s.p] = true
		}
		for _, s := range seats[b] {
			reelected := prev[s.p]
			if !later {
				reelected = g.chance(0.55)
			}
			t.Members = append(t.Members, g.member(t, key, s, dates[b], reelected, *res.Voted, validBallots(res)))
		}
		u.prev[b] = seats[b]
	}
	// Between terms some people join the party or study for a diploma (学历提升).
	for b := 0; b < nBodies; b++ {
		for _, s := range seats[b] {
			if s.p.party == "群众" && g.chance(0.12) {
				s.p.party = "中共党员"
			}
			if (s.p.education == "初中" || s.p.education == "高中" || s.p.education == "中专") && g.chance(0.08) {
				s.p.education = "大学专科"
			}
		}
	}
}

func hasWoman(seats []seat) bool {
	for _, s := range seats {
		if s.p.female {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }

// result makes the results row of one election.
func (g *generator) result(t *Township, key ingest.Key, b int, community bool, size, elected int, firstRound bool, d time.Time, yi int) ingest.Result {
	r := g.r
	res := ingest.Result{Key: key}
	var registered int
	switch {
	case b == bParty && community:
		registered = g.between(60, 300)
	case b == bParty:
		registered = g.between(30, 150)
	case b == bSupervisory:
		registered = g.between(30, 80) // 应到村民代表 (村民代表会议推选, below)
	case community:
		registered = g.between(1500, 8000)
	default:
		registered = g.between(800, 4000)
	}
	full := 0.06
	if b != bCommittee {
		full = 0.15
	}
	var turnout float64
	switch x := r.Float64(); {
	case x < 0.04:
		turnout = 0.7 + 0.15*r.Float64()
	case x < 0.04+full:
		turnout = 1
	default:
		turnout = 0.85 + 0.14*r.Float64()
	}
	voted := int(math.Round(float64(registered) * turnout))
	voted = min(voted, registered)
	invalid := g.between(0, 2)
	if b == bCommittee {
		invalid = int(float64(voted) * (0.002 + 0.018*r.Float64()))
		res.ProxyVotes = ptr(int(float64(voted) * 0.08 * r.Float64()))
		res.MobileVotes = ptr(int(float64(voted) * 0.06 * r.Float64()))
	}
	invalid = min(invalid, voted)
	res.Registered, res.Voted = ptr(registered), ptr(voted)
	res.ValidBallots, res.InvalidBallots = ptr(voted-invalid), ptr(invalid)
	candidates := size + 1 + r.IntN(3)
	switch {
	case b == bParty && g.chance(0.05):
		candidates = size + size/7 // 差额 below 20%, as a few units manage
	case b == bParty:
		candidates = size + int(math.Ceil(float64(size)*0.2)) + r.IntN(2)
	case b == bSupervisory:
		candidates = size + 1 + r.IntN(2)
	}
	res.Seats, res.Candidates, res.Elected = ptr(size), ptr(candidates), ptr(elected)
	res.Date, res.FirstRound = ptr(d), ptr(firstRound)
	switch b {
	case bParty:
		res.Method = pick(r, []string{"两推一选", "公推直选", "党员大会"}, []float64{0.4, 0.25, 0.35})
		if community && g.chance(0.3) {
			res.Method = "党员代表大会"
		}
	case bCommittee:
		res.Method = pick(r, []string{"有候选人", "自荐海选", "无候选人"}, []float64{0.7, 0.15, 0.15})
		if res.Method != "有候选人" {
			res.Candidates = nil // elected without formal candidates: the sheet has no 候选人数
		}
	default:
		// 村务监督委员会: chosen by the 村民代表会议, whose 应到/实到 the registered/voted above are; a
		// township that leaves 选举方式 out cannot say so, and its rows read as a vote of the villagers.
		res.Method = electsum.ByRepresentatives
	}
	if !t.Omits("term") {
		res.Term = ptr(g.county.termBase + yi)
	}
	if t.Omits("method") {
		res.Method = ""
	}
	for _, o := range []struct {
		key string
		v   **int
	}{{"proxy_votes", &res.ProxyVotes}, {"mobile_votes", &res.MobileVotes}, {"valid_ballots", &res.ValidBallots},
		{"invalid_ballots", &res.InvalidBallots}, {"candidates", &res.Candidates}} {
		if t.Omits(o.key) {
			*o.v = nil
		}
	}
	if t.Omits("election_date") {
		res.Date = nil
	}
	if t.Omits("first_round") {
		res.FirstRound = nil
	}
	return res
}

// validBallots is the most votes a person of res's election can get: its 有效票数, else 参加投票人数.
func validBallots(res ingest.Result) int {
	if res.ValidBallots != nil {
		return *res.ValidBallots
	}
	return *res.Voted
}

// member makes the members row of one seat, as the township writes it: elected with more than half of
// the votes cast, and never more votes than there are valid ballots.
func (g *generator) member(t *Township, key ingest.Key, s seat, d time.Time, reelected bool, voted, valid int) ingest.Member {
	p := s.p
	m := ingest.Member{
		Key:              key,
		Name:             p.name,
		Position:         s.position,
		Gender:           "男",
		Ethnicity:        p.ethnicity,
		Party:            p.party,
		Education:        p.education,
		Reelected:        ptr(reelected),
		IDNumber:         p.id,
		WealthLeader:     ptr(p.wealth),
		GraduateOfficial: ptr(p.graduate),
		Votes:            ptr(voted/2 + 1 + g.r.IntN(max(1, valid-voted/2))),
	}
	if p.female {
		m.Gender = "女"
	}
	m.Votes = ptr(min(*m.Votes, valid))
	if !t.Omits("birth") {
		b := time.Date(p.birth.Year(), p.birth.Month(), 1, 0, 0, 0, 0, time.UTC)
		if t.style.birthFormat == birthFullDate {
			b = p.birth
		}
		m.Birth = &b
	}
	if !t.Omits("age") {
		m.Age = ptr(electsum.AgeAt(p.birth, d))
	}
	if t.Omits("id_number") {
		m.IDNumber = ""
	} else {
		m.PersonKey = "id:" + p.id
	}
	if t.Omits("wealth_leader") {
		m.WealthLeader = nil
	}
	if t.Omits("graduate_official") {
		m.GraduateOfficial = nil
	}
	if t.Omits("votes") {
		m.Votes = nil
	}
	if t.Omits("ethnicity") {
		m.Ethnicity = ""
	}
	return m
}
