package synth

import (
	"time"

	"electsum"
	"electsum/ingest"
)

// GeneratePartyCongress adds to w the township party congresses (乡镇党代会) of its townships: for each
// year of the config, one 党代会 per township electing 乡镇党委 (5, 7 or 9 members, 书记 and two 副书记),
// 乡镇纪委 (3 or 5) and the delegates to the county's 党代会 (3–8), each with at least 20% more candidates
// than seats (党内选举工作条例), attendance above four fifths of those due less those excused (批准剔除),
// and every person elected with the votes of more than half of those present. Each township's rows go
// in w.PartyCongress, written by WriteWorkbooks as its own workbook (<township>党代会换届.xlsx), in the
// township's style. It draws from its own random stream, so the rest of w is the same with or without it.
func GeneratePartyCongress(w *World) {
	g := newCongressGen(w, 0x64616e67)
	for _, t := range w.Townships {
		c := t.sibling("first_round", "wealth_leader", "graduate_official", "term", "mobile_votes", "proxy_votes")
		for _, year := range w.Config.Years {
			g.partyCongress(c, year)
		}
		w.PartyCongress = append(w.PartyCongress, c)
	}
}

// partyCongress appends one township 党代会 of year to t: a results row and those elected per body.
func (g *congressGen) partyCongress(t *Township, year int) {
	r := g.r
	due := g.between(60, 140)
	excused := g.between(0, 3)
	present := due - excused - g.between(0, due/20)
	d := time.Date(year, time.Month(7+r.IntN(3)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	for _, b := range []struct {
		body  electsum.Body
		seats int
	}{
		{electsum.TownshipPartyCommittee, pick(r, []int{5, 7, 9}, []float64{0.3, 0.5, 0.2})},
		{electsum.TownshipDiscipline, pick(r, []int{3, 5}, []float64{0.7, 0.3})},
		{electsum.Delegates, g.between(3, 8)},
	} {
		key := ingest.Key{County: t.County, Township: t.Name, Unit: electsum.PartyCongressUnit(t.Name), Year: year, Body: string(b.body)}
		res := ingest.Result{Key: key, Method: "党员代表大会"}
		candidates := b.seats + (b.seats+4)/5 + r.IntN(2) // 差额 at least 20%
		invalid := g.between(0, 2)
		res.Registered, res.Excused, res.Voted = ptr(due), ptr(excused), ptr(present)
		res.ValidBallots, res.InvalidBallots = ptr(present-invalid), ptr(invalid)
		res.Seats, res.Candidates, res.Elected = ptr(b.seats), ptr(candidates), ptr(b.seats)
		res.Date = &d
		t.Results = append(t.Results, res)
		for i := 0; i < b.seats; i++ {
			position := string(electsum.Member)
			switch {
			case b.body == electsum.Delegates:
				position = string(electsum.Deputy)
			case i == 0:
				position = string(electsum.Secretary)
			case i == 1 || (i == 2 && b.body == electsum.TownshipPartyCommittee):
				position = string(electsum.DeputySecretary)
			}
			m := g.person(t, key, d, 27, 56, 0.25, position)
			m.Party = "中共党员"
			weights := []float64{0, 0, 1, 2, 30, 55, 12}
			if year <= 2021 {
				weights = []float64{0, 1, 3, 6, 36, 46, 8}
			}
			m.Education = pick(r, educations, weights)
			m.Reelected = ptr(r.Float64() < 0.4)
			valid := present - invalid
			m.Votes = ptr(valid - r.IntN(max(1, valid*15/100)))
			if b.body == electsum.Delegates { // 代表构成 of the delegates (篇4: 干部党员代表, 工人农民, 技术人员)
				m.Category = pick(r, electsum.Categories(), []float64{0.1, 0.3, 0.17, 0.38, 0.05})
			}
			t.Members = append(t.Members, m)
		}
	}
}
