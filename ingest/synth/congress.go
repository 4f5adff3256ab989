package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"electsum"
	"electsum/ingest"
)

// GenerateCongress adds to w the people's congress elections of its townships: for each year of the
// config, 乡级人大代表 in 5–9 选区 of every township (none in a 街道, which has no people's congress of its
// own) and 县级人大代表 in 2–4 选区, each a run of the township's 乡级 选区 (the two levels are elected together from one 选民登记, so a township's 县级 选区
// add up to the same 总人口, 18周岁以上人口, exclusions, 登记选民 and 参加投票 as its 乡级 ones), each 选区
// electing 1–3 deputies (选举法: 每一选区选一名至三名代表) with 1/3 to twice as many extra candidates, its
// 选民登记 adding up, and deputies of every 代表构成. Each township's rows go in w.Congress, written by
// WriteWorkbooks as its own workbook (<township>人大换届.xlsx), in the township's style. It draws from
// its own random stream, so the villages of w are the same with or without it.
func GenerateCongress(w *World) {
	cg := newCongressGen(w, 0x72656e6461)
	countyNo := map[string]int{}
	for _, t := range w.Townships {
		c := t.sibling("method", "first_round", "wealth_leader", "graduate_official", "term")
		for _, year := range w.Config.Years {
			nCounty, nTownship := 2+cg.r.IntN(3), 5+cg.r.IntN(5)
			day := time.Date(year, time.Month(10+cg.r.IntN(2)), 1+cg.r.IntN(28), 0, 0, 0, 0, time.UTC)
			areas := make([]voterRoll, nTownship)
			for i := range areas {
				areas[i] = cg.voterRoll(1200 + cg.r.IntN(1800))
			}
			// The 县级 选区 are runs of consecutive 乡级 ones: cut the 乡级 选区 at nCounty−1 places.
			cuts := cg.r.Perm(nTownship - 1)[:nCounty-1]
			slices.Sort(cuts)
			from := 0
			for i := 0; i < nCounty; i++ {
				to := nTownship
				if i < nCounty-1 {
					to = cuts[i] + 1
				}
				var roll voterRoll
				for _, a := range areas[from:to] {
					roll.add(a)
				}
				from = to
				countyNo[t.County+fmt.Sprint(year)]++
				no := countyNo[t.County+fmt.Sprint(year)]
				cg.constituency(c, year, electsum.CountyDeputies, fmt.Sprintf("县第%d选区", no), no, roll, day)
			}
			if strings.HasSuffix(t.Name, "街道") {
				continue // a 街道 has no people's congress of its own: its people elect 县级 deputies only
			}
			for i, a := range areas {
				cg.constituency(c, year, electsum.TownshipDeputies, "第"+chineseNumber(i+1)+"选区", i+1, a, day)
			}
		}
		w.Congress = append(w.Congress, c)
	}
}

// congressGen draws the people's congress and party congress elections, each kind from its own random
// stream (of w's seed), so that the villages of w are the same with or without them.
type congressGen struct {
	r   *rand.Rand
	ids map[string]bool
}

func newCongressGen(w *World, stream uint64) *congressGen {
	return &congressGen{r: rand.New(rand.NewPCG(uint64(w.Config.Seed), stream)), ids: map[string]bool{}}
}

// sibling is the township for another kind of election of t, in a workbook of its own: t's county,
// region, name and style, but leaving out the optional columns omit and with no 备注 column.
func (t *Township) sibling(omit ...string) *Township {
	c := &Township{County: t.County, Region: t.Region, Name: t.Name, style: t.style}
	c.style.omit = omit
	c.style.remark = false
	return c
}

func (g *congressGen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// voterRoll is the 选民登记 and turnout of an area: what both levels' 选区 covering it share.
type voterRoll struct {
	population, adults       int
	away                     [6]int // 回户籍地, 本单位, 下落不明, 不能, 停止, 被剥夺
	registered               int
	women, minority, migrant int
	voted, mobile, proxy     int
}

func (v *voterRoll) add(o voterRoll) {
	v.population += o.population
	v.adults += o.adults
	for i := range v.away {
		v.away[i] += o.away[i]
	}
	v.registered += o.registered
	v.women += o.women
	v.minority += o.minority
	v.migrant += o.migrant
	v.voted += o.voted
	v.mobile += o.mobile
	v.proxy += o.proxy
}

// voterRoll draws the 选民登记 of an area of population people, its parts adding up.
func (g *congressGen) voterRoll(population int) voterRoll {
	r := g.r
	v := voterRoll{population: population}
	v.adults = int(float64(population) * (0.76 + 0.08*r.Float64()))
	v.away = [6]int{v.adults * g.between(10, 60) / 1000, v.adults * g.between(5, 30) / 1000, g.between(0, 8),
		g.between(0, 3), g.between(0, 1), g.between(0, 1)}
	v.registered = v.adults
	for _, a := range v.away {
		v.registered -= a
	}
	v.women = int(float64(v.registered) * (0.47 + 0.05*r.Float64()))
	v.minority = int(float64(v.registered) * 0.03 * r.Float64())
	v.migrant = int(float64(v.registered) * 0.04 * r.Float64())
	v.voted = int(math.Round(float64(v.registered) * (0.9 + 0.09*r.Float64())))
	v.mobile = int(float64(v.voted) * 0.05 * r.Float64())
	v.proxy = int(float64(v.voted) * 0.04 * r.Float64())
	return v
}

// constituency appends one 选区's results row, of voter roll v and election day d, and its deputies to t.
func (g *congressGen) constituency(t *Township, year int, body electsum.Body, unit string, no int, v voterRoll, d time.Time) {
	r := g.r
	key := ingest.Key{County: t.County, Township: t.Name, Unit: unit, Year: year, Body: string(body)}
	res := ingest.Result{Key: key}
	c := &res.Congress
	c.ConstituencyNo = fmt.Sprint(no)
	c.Population, c.Adults = ptr(v.population), ptr(v.adults)
	c.AwayHome, c.AwayWorkplace, c.AwayMissing = ptr(v.away[0]), ptr(v.away[1]), ptr(v.away[2])
	c.Incapable, c.Suspended, c.Deprived = ptr(v.away[3]), ptr(v.away[4]), ptr(v.away[5])
	c.RegisteredWomen, c.RegisteredMinority, c.RegisteredMigrant = ptr(v.women), ptr(v.minority), ptr(v.migrant)
	voted := v.voted
	// Each level has its own ballot paper, so its own spoilt ones.
	invalid := int(float64(voted) * 0.01 * r.Float64())
	res.Registered, res.Voted = ptr(v.registered), ptr(voted)
	res.MobileVotes, res.ProxyVotes, c.InPersonVotes = ptr(v.mobile), ptr(v.proxy), ptr(voted-v.mobile-v.proxy)
	res.ValidBallots, res.InvalidBallots = ptr(voted-invalid), ptr(invalid)
	seats := pick(r, []int{1, 2, 3}, []float64{0.3, 0.45, 0.25})
	// 选举法: candidates exceed seats by a third to one times the seats.
	candidates := seats + max(1, (seats+2)/3) + r.IntN(seats-max(1, (seats+2)/3)+1)
	res.Seats, res.Candidates = ptr(seats), ptr(candidates)
	parties := g.between(0, candidates/2)
	c.NominatedByParties, c.NominatedByVoters = ptr(parties), ptr(candidates-parties)
	elected, round := seats, electsum.RoundFirst
	switch x := r.Float64(); {
	case x < 0.03:
		round = electsum.RoundFurther
	case x < 0.04:
		round, elected = electsum.RoundUnfilled, seats-1
	}
	res.Elected, c.Round = ptr(elected), round
	res.Date = &d
	t.Results = append(t.Results, res)
	for i := 0; i < elected; i++ {
		t.Members = append(t.Members, g.deputy(t, key, d, voted, voted-invalid, year))
	}
}

// deputy is one elected deputy: more than half of the votes cast, at most the valid ballots.
func (g *congressGen) deputy(t *Township, key ingest.Key, d time.Time, voted, valid, year int) ingest.Member {
	r := g.r
	m := g.person(t, key, d, 28, 62, 0.3, string(electsum.Deputy))
	m.Party = pick(r, []string{"中共党员", "群众", "民主党派", "无党派人士", "共青团员"}, []float64{0.66, 0.25, 0.04, 0.03, 0.02})
	later := year > 2021
	eduWeights := []float64{2, 12, 20, 12, 26, 24, 4}
	if later {
		eduWeights = []float64{1, 8, 16, 12, 28, 30, 5}
	}
	m.Education = pick(r, educations, eduWeights)
	m.Category = pick(r, electsum.Categories(), []float64{0.16, 0.34, 0.16, 0.26, 0.08})
	m.Reelected = ptr(r.Float64() < 0.32)
	m.Votes = ptr(min(valid, voted/2+1+r.IntN(max(1, valid-voted/2))))
	return m
}

// person is someone elected at d to key's body as position: aged lo to hi, a woman with probability
// women, with a 身份证号 unique in the World, and his 出生年月 and 民族.
func (g *congressGen) person(t *Township, key ingest.Key, d time.Time, lo, hi int, women float64, position string) ingest.Member {
	r := g.r
	female := r.Float64() < women
	age := g.between(lo, hi)
	var birth time.Time
	var id string
	for {
		birth = d.AddDate(-age, 0, -r.IntN(365))
		id = idNumber(t.Region, birth, 500+r.IntN(499), female)
		if !g.ids[id] {
			break
		}
	}
	g.ids[id] = true
	m := ingest.Member{Key: key, Name: personName(r, female, ""), Position: position, Gender: "男", IDNumber: id, PersonKey: "id:" + id}
	if female {
		m.Gender = "女"
	}
	b := time.Date(birth.Year(), birth.Month(), 1, 0, 0, 0, 0, time.UTC)
	m.Birth = &b
	m.Ethnicity = "汉族"
	if r.Float64() < 0.04 {
		m.Ethnicity = minorities[r.IntN(len(minorities))]
	}
	return m
}

// congressCell is the cell of one of ingest.CongressColumns(); nil for an empty cell or another key.
func (s *sheetWriter) congressCell(c *ingest.Congress, key string) any {
	switch key {
	case "constituency_no":
		return optional(c.ConstituencyNo)
	case "round":
		return optional(s.text(c.Round))
	}
	v, _ := s.numberCell(key, []keyed{{"population", c.Population}, {"adults", c.Adults}, {"away_home", c.AwayHome},
		{"away_workplace", c.AwayWorkplace}, {"away_missing", c.AwayMissing}, {"incapable", c.Incapable},
		{"suspended", c.Suspended}, {"deprived", c.Deprived}, {"registered_women", c.RegisteredWomen},
		{"registered_minority", c.RegisteredMinority}, {"registered_migrant", c.RegisteredMigrant},
		{"nominated_by_parties", c.NominatedByParties}, {"nominated_by_voters", c.NominatedByVoters},
		{"in_person_votes", c.InPersonVotes}})
	return v
}
