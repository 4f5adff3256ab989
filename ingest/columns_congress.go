package ingest

import (
	"fmt"
	"strings"

	"electsum"
)

// congressColumns are the results columns of people's congress elections (县级/乡级人大代表), one row
// per 选区 and level: the 选民登记 of the 选区, the 正式候选人 by how they were nominated, how the votes
// were cast and whether the seats were filled. Every one is optional; village and party rows leave them
// blank. The checks that tie them together are in checkRegistration and checkCongress.
var congressColumns = []Column{
	{Key: "constituency_no", Header: "选区编号", Aliases: []string{"选区号", "选区序号", "第几选区"}, English: []string{"constituency no", "constituency number"}, Kind: KindText, Meaning: "人大代表选举：选区的编号，如 3 或 第三选区", Width: 8},
	{Key: "population", Header: "总人口", Aliases: []string{"总人口数", "人口数", "居民总人数", "总人数"}, English: []string{"population", "total population"}, Kind: KindInt, Meaning: "选民登记：选区(单位)的总人口", Width: 9},
	{Key: "adults", Header: "18周岁以上人口", Aliases: []string{"十八周岁以上人口", "年满18周岁人口", "18周岁以上人数", "满18周岁人口", "18岁以上人口"}, English: []string{"adults", "adult population", "population 18+", "aged 18 and over"}, Kind: KindInt, Meaning: "选民登记：年满 18 周岁的人口", Width: 11},
	{Key: "away_home", Header: "回户籍地参选人数", Aliases: []string{"回户籍地参选", "回原籍参选人数", "回户籍地参加选举人数"}, English: []string{"away home", "voting at place of hukou", "voting at hukou place"}, Kind: KindInt, Meaning: "选民登记：不在本地参选，回户籍地参选的人数", Width: 11},
	{Key: "away_workplace", Header: "参加本单位选举人数", Aliases: []string{"参加本单位选举", "在本单位参选人数", "在单位参选人数"}, English: []string{"away workplace", "voting at workplace", "voting at work unit"}, Kind: KindInt, Meaning: "选民登记：不在本地参选，参加本单位选举的人数", Width: 11},
	{Key: "away_missing", Header: "下落不明人数", Aliases: []string{"下落不明", "长期外出下落不明人数", "外出下落不明人数"}, English: []string{"away missing", "whereabouts unknown", "missing"}, Kind: KindInt, Meaning: "选民登记：长期外出、下落不明而未登记的人数", Width: 10},
	{Key: "incapable", Header: "不能行使选举权利人数", Aliases: []string{"不能行使选举权利", "不能行使选举权人数", "无法行使选举权利人数"}, English: []string{"incapable", "unable to exercise voting rights"}, Kind: KindInt, Meaning: "选民登记：经确认不能行使选举权利的人数(精神病患者等)", Width: 12},
	{Key: "suspended", Header: "停止行使选举权利人数", Aliases: []string{"停止行使选举权利", "停止行使选举权人数"}, English: []string{"suspended", "voting rights suspended"}, Kind: KindInt, Meaning: "选民登记：依法停止行使选举权利的人数", Width: 12},
	{Key: "deprived", Header: "被剥夺选举权利人数", Aliases: []string{"被剥夺选举权利", "被剥夺政治权利人数", "剥夺政治权利人数"}, English: []string{"deprived", "deprived of political rights"}, Kind: KindInt, Meaning: "选民登记：依法被剥夺政治权利的人数", Width: 12},
	{Key: "registered_women", Header: "女性选民数", Aliases: []string{"其中女性", "女选民数", "女性选民", "其中女选民"}, English: []string{"registered women", "women voters", "female voters"}, Kind: KindInt, Meaning: "选民登记：登记选民中的女性", Width: 9},
	{Key: "registered_minority", Header: "少数民族选民数", Aliases: []string{"少数民族选民", "其中少数民族", "少数民族", "少数民族选民人数"}, English: []string{"registered minority", "minority voters", "ethnic minority voters"}, Kind: KindInt, Meaning: "选民登记：登记选民中的少数民族", Width: 10},
	{Key: "registered_migrant", Header: "流动人口选民数", Aliases: []string{"流动人口选民", "流动人口登记选民数", "其中流动人口", "流动人口", "流动人口选民人数"}, English: []string{"registered migrant", "migrant voters", "floating population voters"}, Kind: KindInt, Meaning: "选民登记：登记选民中的流动人口", Width: 10},
	{Key: "nominated_by_parties", Header: "政党团体推荐候选人数", Aliases: []string{"政党人民团体推荐", "政党、人民团体推荐候选人数", "政党人民团体推荐候选人数", "组织推荐候选人数"}, English: []string{"nominated by parties", "party nominated candidates", "nominated by parties and organizations"}, Kind: KindInt, Meaning: "人大代表选举：正式候选人中由政党、人民团体推荐的人数", Width: 12},
	{Key: "nominated_by_voters", Header: "联名推荐候选人数", Aliases: []string{"选民或代表十人以上联名", "选民十人以上联名推荐", "选民联名推荐候选人数", "联名推荐"}, English: []string{"nominated by voters", "voter nominated candidates", "jointly nominated candidates"}, Kind: KindInt, Meaning: "人大代表选举：正式候选人中由选民或代表十人以上联名推荐的人数", Width: 12},
	{Key: "in_person_votes", Header: "投票站投票数", Aliases: []string{"现场投票数", "选举大会投票数", "投票站投票", "现场投票人数"}, English: []string{"in person votes", "in-person votes", "polling station votes", "votes at polling stations"}, Kind: KindInt, Meaning: "在投票站或选举大会投票的人数(不含流动票箱和委托投票)", Width: 10},
	{Key: "round", Header: "选举轮次", Aliases: []string{"是否选足", "选足情况", "选举结果情况"}, English: []string{"round", "election round", "seats filled"}, Kind: KindEnum, Values: electsum.Rounds(), Meaning: "人大代表选举：一次选足、另行选举(第一次未选足，另行选举后选足)或未选足", Width: 10},
}

// congress reads the people's congress columns of one results row.
func (sp *sheetParser) congress(cells []string, row int, c *Congress) {
	c.ConstituencyNo = sp.limitLength(row, fConstituencyNo, sp.text(cells, row, fConstituencyNo, false), maxPlaceName)
	for _, f := range congressCounts {
		*c.field(f) = sp.intValue(cells, row, f, false)
	}
	c.Round = sp.enumValue(cells, row, fRound, false, false)
}

// congressCounts are the whole-number columns of Congress.
var congressCounts = []field{fPopulation, fAdults, fAwayHome, fAwayWorkplace, fAwayMissing, fIncapable, fSuspended,
	fDeprived, fRegisteredWomen, fRegisteredMinority, fRegisteredMigrant, fNominatedByParties, fNominatedByVoters, fInPersonVotes}

// field is the place of one of congressCounts; nil for any other field.
func (c *Congress) field(f field) **int {
	switch f {
	case fPopulation:
		return &c.Population
	case fAdults:
		return &c.Adults
	case fAwayHome:
		return &c.AwayHome
	case fAwayWorkplace:
		return &c.AwayWorkplace
	case fAwayMissing:
		return &c.AwayMissing
	case fIncapable:
		return &c.Incapable
	case fSuspended:
		return &c.Suspended
	case fDeprived:
		return &c.Deprived
	case fRegisteredWomen:
		return &c.RegisteredWomen
	case fRegisteredMinority:
		return &c.RegisteredMinority
	case fRegisteredMigrant:
		return &c.RegisteredMigrant
	case fNominatedByParties:
		return &c.NominatedByParties
	case fNominatedByVoters:
		return &c.NominatedByVoters
	case fInPersonVotes:
		return &c.InPersonVotes
	}
	return nil
}

// count is the value of one of congressCounts, nil for any other field.
func (c *Congress) count(f field) *int {
	if p := c.field(f); p != nil {
		return *p
	}
	return nil
}

// checkCongress checks the people's congress columns of a results row: the 选民登记 (checkRegistration),
// and of the nomination and the votes, each part is at most its whole (errors), and where every part of
// a whole is given, that they add up (warnings: a sheet may count a vote mode twice, which a person must
// look at).
func (sp *sheetParser) checkCongress(r *Result) {
	c := &r.Congress
	row := r.Row
	sp.checkRegistration(r)
	sp.partsOfWhole(r, fCandidates, []field{fNominatedByParties, fNominatedByVoters}, "两种推荐方式的候选人数")
	sp.partsOfWhole(r, fVoted, []field{fInPersonVotes, fMobileVotes, fProxyVotes}, "各种方式的投票人数")

	if sum, all := sumOf(r, []field{fNominatedByParties, fNominatedByVoters}); all && r.Candidates != nil && sum < *r.Candidates {
		sp.problem(Warning, "nomination_mismatch", row, fCandidates, fmt.Sprint(*r.Candidates),
			fmt.Sprintf("%s %d 与%s %d 之和为 %d，少于%s %d：请核对", sp.label(fNominatedByParties, row), *c.NominatedByParties,
				sp.label(fNominatedByVoters, row), *c.NominatedByVoters, sum, sp.label(fCandidates, row), *r.Candidates))
	}
	if sum, all := sumOf(r, []field{fInPersonVotes, fMobileVotes, fProxyVotes}); all && r.Voted != nil && sum < *r.Voted {
		sp.problem(Warning, "vote_modes_mismatch", row, fVoted, fmt.Sprint(*r.Voted),
			fmt.Sprintf("%s、%s、%s之和为 %d，少于%s %d：请核对", sp.label(fInPersonVotes, row), sp.label(fMobileVotes, row),
				sp.label(fProxyVotes, row), sum, sp.label(fVoted, row), *r.Voted))
	}
	if c.Round != "" && r.Seats != nil && r.Elected != nil {
		filled := *r.Elected >= *r.Seats
		if filled != (c.Round != electsum.RoundUnfilled) {
			sp.problem(Warning, "round_mismatch", row, fRound, c.Round,
				fmt.Sprintf("%s为“%s”，但%s %d、%s %d：请核对", sp.label(fRound, row), c.Round,
					sp.label(fSeats, row), *r.Seats, sp.label(fElected, row), *r.Elected))
		}
	}
}

// partsOfWhole reports a part_gt_whole error when the given parts add up to more than the whole; what
// names the parts when there are several.
func (sp *sheetParser) partsOfWhole(r *Result, whole field, parts []field, what string) {
	row, w := r.Row, r.count(whole)
	if w == nil {
		return
	}
	sum, n := 0, 0
	for _, f := range parts {
		if p := r.count(f); p != nil {
			sum += *p
			n++
		}
	}
	if n == 0 || sum <= *w {
		return
	}
	// The parts are named only for the message: on every row of a 选区 sheet they cost a tenth of its reading.
	var named []string
	for _, f := range parts {
		if p := r.count(f); p != nil {
			named = append(named, fmt.Sprintf("%s %d", sp.label(f, row), *p))
		}
	}
	at := parts[0]
	if n == 1 || what == "" {
		for _, f := range parts {
			if r.count(f) != nil {
				at = f
				break
			}
		}
		sp.problem(Error, "part_gt_whole", row, at, fmt.Sprint(sum),
			fmt.Sprintf("%s，多于%s %d：部分不能大于总数，请核对", strings.Join(named, "、"), sp.label(whole, row), *w))
		return
	}
	sp.problem(Error, "part_gt_whole", row, whole, fmt.Sprint(*w),
		fmt.Sprintf("%s(%s)合计 %d，多于%s %d：部分不能大于总数，请核对", what, strings.Join(named, "、"), sum, sp.label(whole, row), *w))
}

// sumOf adds the given fields of r; all is false when any is blank or the sheet lacks it.
func sumOf(r *Result, fs []field) (sum int, all bool) {
	for _, f := range fs {
		p := r.count(f)
		if p == nil {
			return 0, false
		}
		sum += *p
	}
	return sum, true
}
