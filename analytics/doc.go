// Package analytics turns the tables that ingest loads into the figures of an election summary: turnout,
// seats, member structure, 一肩挑 and 交叉任职, change versus the previous term, and legal checks.
//
// Each family of figures is defined once, in one file of views/: a table macro that counts the family
// for a scope, whole and split at the levels it is given, in one query (participation_figures in
// 02_v_turnout.sql, two_committee_figures in 03, structure_figures in 04, heads_changed_figures in 05,
// legal_checks in 06; the scope filter and the part names are in_scope and part_name in 00_scope.sql),
// and the analysts' view over the same macro. Install creates them in the database; Summarize creates
// them as TEMP macros on its own connection once (a pooled connection keeps them; figures.go), with
// the age bands and education buckets of its Options in TEMP tables there, reads the counts and only
// turns them into shares by the rounding policy (share.go) and puts the previous term beside the
// current one. Its per-unit rows and roster come from sql/elections.sql and sql/members.sql. It reads
// TEMP tables of its scope's rows of v_members, head_terms and v_turnout, made once per summary, so
// that v_members is computed once per summary, not in every query, through copies of the macros that
// read those tables (scopedSQL, figures.go); the analysts' definitions on the connection are left as
// they are. The queries of the elections, which do not read the members, run at the same time on a
// second connection (the two lanes of Summarize; one after the other when the pool is limited). The tests check the views and Summarize against each other and against hand counts.
//
// # Figures
//
// Every Figure holds the current value and the previous term's (PreviousYear: Scope.Compare, else the
// latest earlier year with data in the scope). A Value without OK is "no figure": the column was not
// collected (every row left it empty) or a denominator was zero. Counts are people (人) unless named
// otherwise; shares are percent of the stated denominator, rounded by Options.Rounding in one place
// (share.go); Figure.Change of a share is the difference of the rounded shares, in 百分点.
//
// Participation (per body; views/02_v_turnout.sql: participation_figures; views v_turnout, v_participation):
//   - Units: units that reported the body's election.
//   - Registered, Voted: Σ 登记选民数 (应到), Σ 参加投票人数 (实到) over the units that gave them.
//   - Turnout 参选率/到会率: Σvoted / Σregistered over units that gave both.
//   - ProxyVotes, MobileVotes: Σ委托投票, Σ流动票箱; share of Σvoted of the units that gave them.
//   - ValidBallots, InvalidBallots: sums over units that gave them; ValidUnits, InvalidUnits: those units.
//   - Term 届次: when every unit gave the same one; no figure when any left it blank or they differ.
//   - Lowest, Highest: the unit with the lowest / highest voted/registered (first in township, unit order
//     on ties); BelowThreshold: units under Options.TurnoutThreshold (default 90), lowest first;
//     FullTurnout: units where voted = registered.
//   - MobileAbove: units whose 流动票箱投票 / 参加投票 is above Options.MobileThreshold (report.toml
//     [thresholds] mobile, default 10), highest first (the finding mobile_votes under 存在的问题); none
//     when no unit gave 流动票箱投票数.
//   - Representatives: the 村务监督委员会 elections a 村民代表会议 made (选举方式 村民代表会议推选,
//     electsum.ByRepresentatives; v_turnout.representatives): Units, Due Σ应到村民代表, Present Σ实到,
//     Rate 到会率 = Present / Due, Full (every representative due present). Registered, Voted, Turnout,
//     FullTurnout, Lowest, Highest and BelowThreshold above leave these elections out: a meeting's
//     到会率 is not the voters' 参选率. Legal check sc_representatives_quorum: fewer than two thirds present
//     (村民委员会组织法 第二十六条).
//
// Seats (per body; participation_figures): Seats 应选, Candidates 候选, Elected 当选 (sums); Margin 差额比例
// (Σcandidates − Σseats) / Σseats over units giving both; FirstRound 一次选举成功: units answering 是,
// share of the units that answered.
//
// Structure (members of a body, its heads, its new heads, the distinct 两委 persons; views/04_v_structure.sql:
// structure_people, structure_figures; views v_members, v_structure):
//   - Total: people in the set. Women 女: share of Total.
//   - PartyMembers 中共党员+中共预备党员, Minorities (ethnicity other than 汉族), Reelected 连任, New 新当选
//     (连任 = 否), WealthLeaders, GraduateOfficials: share of the people whose column was filled; no
//     figure when nobody's was.
//   - AgeBands, AverageAge: age_at_election = 周岁 at the election's 选举日期 (31 December of the year
//     when none) from the exact birthday when the 身份证号 gives it and agrees with 出生年月, else from
//     出生年月, else the age written on the sheet (electsum.Person.AgeAtElection; the SQL macro
//     age_at_election in views/00_person.sql); over the people whose age is known.
//   - Education: Options.EducationBuckets over the people with a 学历.
//   - HighSchoolUp 高中（中专）以上: 高中, 中专 and higher, whatever the configured buckets, share of the
//     people with a 学历.
//   - Positions (per body only): people per 职务, share of Total; WomenPositions: the women per 职务 (in
//     the order of Positions), share of its holders. Categories: deputies' 代表构成.
//   - Heads 带头人: the 书记 of a party body, the 主任 of a committee (deputies have none). NewHeads: heads
//     with 连任 = 否. NewHeadsAgeGap = NewHeads.AverageAge − Heads.AverageAge (岁);
//     NewHeadsCollegeGap = the same for the share of the first education bucket (百分点).
//   - HeadsChanged: units whose head this year is none of the previous term's heads of the same unit and
//     body (the same person by electsum.SamePerson), share of the units with a
//     head in both terms (view v_change.head_changed). It has no previous value (that would need the
//     term before the previous one).
//   - Methods: units per 选举方式, share of the units that named one (Partial when some units named
//     none), most used first.
//
// TwoCommittees (村: 村党组织+村民委员会, 社区: 社区党组织+居民委员会; view v_two_committees): two member rows
// of a unit are the same person by the one identity rule, electsum.SamePerson (SQL: same_person in
// views/00_person.sql): the same id number when both give one; else the same name and birth windows
// that overlap (the same birth month; written ages may differ by one across elections that straddle a
// birthday).
//   - Positions 职数: members of both bodies (a person on both counts twice); Persons 人数: distinct
//     people, with their Structure (Positions = Persons.Total + CrossPersons.Count).
//   - OneShoulder 一肩挑: units whose party 书记 is the committee 主任; CrossUnits: units with a person on
//     both; both as a share of the units that elected both bodies.
//   - CrossPersons: people on both bodies, share of Persons.
//   - NoWoman, NoWomanUnits: units whose committee has no woman, share of the units that elected it.
//
// Summary: Level (unit, township or county from the scope; a database holding a single county is
// summarised at county level when no county is named), Townships, Units (with any row), FirstDate/LastDate (选举日期), Breakdown (per township at
// county level, per unit at township level, per county for several counties), Elections (per-unit rows,
// rates rounded half-up), Roster (ids masked by MaskID unless Options.Unmasked), OnlyCurrent and
// OnlyPrevious (units in one term only), Checks, Findings (成效, 存在的问题 and 数据核对 as data: kind, figures, units; worded by the templates).
//
// # Legal checks (view v_checks, Summary.Checks with Severity 违规; then ingest's data warnings as 提示)
//
// Defined once in views/06_v_checks.sql (rules, citations and messages); Summarize reads the rows of
// v_checks on its own connection (TEMP definitions, so a read-only database works).
//
//   - vc_turnout_majority: 村民委员会 voted ≤ half of registered (村民委员会组织法 第三十四条).
//   - vc_candidate_majority: a 村民委员会 member's 得票数 ≤ half of voted (同条).
//   - vc_woman_member: a 村民委员会 without a woman (第六条).
//   - party_quorum: a party body's 实到 ≤ 4/5 of 应到 (中国共产党基层组织选举工作条例).
//   - sc_representatives_quorum: a 村务监督委员会 chosen by a 村民代表会议 with fewer than two thirds of
//     its representatives present (村民委员会组织法 第二十六条).
//   - party_candidate_majority: a party body member's 得票数 ≤ half of 实到 (同上).
//   - party_candidate_margin: a party body's candidates < 1.2 × seats (差额不少于20%, 同上).
//   - votes_gt_valid_ballots (Severity 数据错误, not a legal check; macro vote_checks): an elected person's
//     得票数 above the 有效票数 of their election (参加投票人数 where 有效票数 is blank), over the whole
//     database, so results and members from different files are compared too; the deputies' rows are
//     in congress_checks instead. The drafts list it among the 数据核对 notes.
//
// # People's congress elections (SummarizeCongress; views/07_v_congress.sql; views v_congress, v_congress_checks)
//
// Congress is the model of a 县乡人大换届 summary, per level (县级人大代表, 乡级人大代表), each figure beside
// the previous people's congress election of the scope (Scope.Compare, else the latest earlier year with
// one). The macros congress_totals and congress_deputies count; share and ratio divide and round. The
// 构成 counts of the deputies and of what a party congress elects are one macro, member_makeup.
//   - Constituencies 选区: results rows of the level. Townships: townships with one.
//   - 选民登记: Population, Adults (18周岁以上), Excluded by reason (回户籍地参选, 参加本单位选举, 长期外出
//     下落不明, 不能/停止行使选举权利, 被剥夺选举权利), Registered: sums over the 选区 that gave them.
//     RegistrationRate 登记率 = Σ登记选民 / Σ18周岁以上人口 over the 选区 giving both. RegisteredWomen,
//     RegisteredMinor, RegisteredMigr: share of the 登记选民 of the 选区 giving them.
//   - Turnout 参选率 = Σ参加投票 / Σ登记选民 over 选区 giving both; InPerson 投票站, Mobile 流动票箱, Proxy
//     委托: share of the 参加投票 of the 选区 giving them. These, RegisteredWomen/Minor/Migr, Nominations
//     and Rounds are Partial when some 选区 of the level left the column blank, Reporting the 选区 that
//     gave it (congress_totals' …_known): the draft says （N个选区填报，占其参加投票人数的X%）, Rounds as
//     counts alone.
//   - Seats 应选名额, Candidates 正式候选人, Elected 当选 (sums); Margin 差额比例 = (Σ候选 − Σ应选) / Σ应选 over
//     选区 giving both; Nominations: 政党、人民团体推荐 and 选民或代表十人以上联名, share of the 正式候选人
//     of the 选区 giving them; Rounds: 选区 by 选举轮次 (一次选足, 另行选举, 未选足), share of those answering.
//   - Deputies 代表构成: Total; Women; NonParty 非中共党员 (政治面貌 filled, not 中共党员/预备党员);
//     Minorities (民族 filled, not 汉族); Categories 工人, 农民, 专业技术人员, 干部 (党政领导干部), 其他 and
//     WorkersFarmers 工人+农民 (代表构成 filled); College 大专及以上 (学历 filled); Reelected 连任 (filled).
//     Each is a share of the deputies whose column was filled (Partial when some did not, Base those who
//     did: the draft names that base); Change of a share is in 百分点.
//   - Checks (congress_checks, cited by rule without an article number since the 选举法's numbering
//     changed between revisions): renda_turnout_majority (选区 voted ≤ half of registered),
//     renda_margin (候选 < 应选 × 4/3 or > 应选 × 2), renda_deputy_majority (a deputy's 得票 ≤ half of
//     参加投票, not checked where the 选区 held a 另行选举). Data checks beside them (no citation): votes_gt_valid_ballots
//     (Severity 数据错误, see vote_checks) and renda_levels_roll (Severity 提示; macro congress_rolls): a
//     township whose 乡级 选区 add up to another 总人口, 18周岁以上人口 or 登记选民 than its 县级 ones, each
//     compared only where every 选区 of both levels gave it.
//   - Findings (存在的问题 beside the checks): mobile_votes, per level the 选区 whose 流动票箱投票 is more than
//     Options.MobileThreshold percent of their 参加投票 (Constituency.MobileShare, compared unrounded),
//     highest first, as the village drafts' finding; none without 流动票箱投票数.
//
// # Township party congress figures (SummarizePartyCongress; views/08_v_party_congress.sql)
//
// Per body a township 党代会 elects (乡镇党委, 乡镇纪委, 出席上级党代会代表), one results row per
// township's 党代会 and body, this term beside the previous one:
//   - Due 应到, Excused 批准剔除, Present 实到 (sums); Attendance 到会率 = Σ实到 / Σ应到 over the rows giving
//     both; QuorumMet: rows whose 实到 exceeds 4/5 of (应到 − 批准剔除), of those that can be judged
//     (v_turnout.quorum_met).
//   - Seats 应选, Candidates 候选, Elected 当选 (sums); Margin 差额比例 = (Σ候选 − Σ应选) / Σ应选.
//   - Approval 赞成票率 = Σ得票数 of the persons elected / Σ有效票数 of their own election, over the persons
//     with 得票数 whose election gave 有效票数 (ApprovalCounted): pooled, never an average of rates.
//     Lowest: the person with the lowest 得票数 / 有效票数 (ties by township, name).
//   - Members 构成: Total; Women; Minorities (民族 filled); College 大专及以上; Under46 45岁及以下 (age
//     known); Reelected 连任 (filled); AverageAge (one decimal, age at the election).
//   - Checks (legal_checks, views/06_v_checks.sql, for these bodies): party_quorum (with 批准剔除),
//     party_candidate_margin (候选 < 应选 × 1.2), party_candidate_majority (得票 ≤ half of 实到).
//   - A share of Members over those who filled an optional column (民族, 学历, age, 连任, 代表构成) is
//     Partial when some did not: the drafts print its count with that base named (少数民族22名（在填报
//     民族的146名中占15.1%）).
//
// # 社区党组织 figures (SummarizeCommunityParty, kind shequdangzuzhi; the same macros)
//
// The 社区党组织 elections (by 党员大会 or 党员代表大会, 篇3) of the scope, one results row per community,
// as a PartyCongress with the one body 社区党组织 and the figures above (party_totals and party_members over
// that body), and per body also: Methods, the elections per 选举方式 with Σ实到 (those who took part: 党员
// at a 党员大会, 党员代表 at a 党员代表大会), MethodsKnown (the elections that named one); Sizes, the
// elections per 当选人数; Members.Heads (书记) and WomenHeads. These elections are in the 两委 figures too.
//
// # Views (Install; the SQL is in views/*.sql)
//
// Macros (views/00_person.sql): age_at_election(birth, id_number, age, election_date), exact_birth,
// age_at, person(id_number, name, birth, age, election_date) and same_person(a, b), the SQL forms of
// package electsum's person rules (v_members uses their *_of forms over id_birth and exact_birth
// computed once per row: a macro repeats its argument's expression at every use):
//
//	SELECT a.name FROM v_members a JOIN v_members b USING (county, township, unit, year) WHERE a.body = '村党组织' AND b.body = '村民委员会' AND same_person(a.person, b.person) ORDER BY a.name;
//
// The domain's values (domain.go, written from package electsum): macros party_body(body),
// party_congress_body, deputies_body, body_rank, body_head, body_kind, party_member(party),
// education_known(education), education_college, education_high_school_up …, and the tables
// domain_bodies and domain_educations that list the bodies and 学历 values with what the figures read of
// them:
//
//	SELECT body, count(*) FROM v_members WHERE year = 2024 AND education_college(education) GROUP BY body ORDER BY body_rank(body);
//
// v_members — members with election_date, age_at_election, person, age_band, education_bucket, party_member,
// minority, is_head, kind (bands and buckets from the tables cfg_age_bands and cfg_education_buckets,
// filled with the defaults; Install with options replaces them, and electsum serve does so with report.toml's
// bands and groups when it starts, so that the views group as the drafts do):
//
//	SELECT age_band, count(*) FROM v_members WHERE year = 2024 AND body = '村民委员会' GROUP BY age_band_ord, age_band ORDER BY age_band_ord;
//
// v_turnout — each election with turnout, proxy_share, mobile_share, margin (percent):
//
//	SELECT township, unit, round(turnout, 1) AS 参选率 FROM v_turnout WHERE year = 2024 AND body = '村民委员会' ORDER BY turnout LIMIT 10;
//
// v_two_committees — per unit and year: positions, persons, cross_persons, one_shoulder, cross_unit,
// committee_women:
//
//	SELECT township, count(*) FILTER (WHERE one_shoulder) AS 一肩挑, count(*) FILTER (WHERE cross_unit) AS 交叉任职 FROM v_two_committees WHERE year = 2024 AND kind = '村' GROUP BY township ORDER BY township;
//
// v_structure — per level (unit, township, county), body and year: members, women, party_members,
// minorities, average_age, age_bands and education (maps), heads, reelected, new … and shares:
//
//	SELECT township, body, members, women_share, average_age FROM v_structure WHERE level = 'township' AND year = 2024 ORDER BY township, body;
//
// v_change — each v_structure row beside its previous term, with the changes and, per unit, head_changed:
//
//	SELECT township, unit, body, previous_head_names, head_names FROM v_change WHERE level = 'unit' AND year = 2024 AND head_changed ORDER BY township, unit;
//
// v_checks — legal-check failures with rule, citation, figures and message:
//
//	SELECT rule, township, unit, body, message FROM v_checks WHERE year = 2024 ORDER BY rule, township, unit;
package analytics
