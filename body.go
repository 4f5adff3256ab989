package electsum

// Body is 选举类型: which organ an election fills. Values are the canonical Simplified Chinese names
// stored in the database.
type Body string

// The bodies electsum knows, in the order summaries discuss them.
const (
	PartyBranch            Body = "村党组织"
	VillagersCommittee     Body = "村民委员会"
	SupervisoryCommittee   Body = "村务监督委员会"
	CommunityParty         Body = "社区党组织"
	ResidentsCommittee     Body = "居民委员会"
	TownshipPartyCommittee Body = "乡镇党委"
	TownshipDiscipline     Body = "乡镇纪委"
	Delegates              Body = "出席上级党代会代表"
	CountyDeputies         Body = "县级人大代表"
	TownshipDeputies       Body = "乡级人大代表"
)

// Bodies returns every Body in report order (a new slice each call).
func Bodies() []Body {
	return []Body{PartyBranch, VillagersCommittee, SupervisoryCommittee, CommunityParty, ResidentsCommittee,
		TownshipPartyCommittee, TownshipDiscipline, Delegates, CountyDeputies, TownshipDeputies}
}

// Rank is b's place in report order; unknown bodies come last.
func (b Body) Rank() int {
	for i, x := range Bodies() {
		if x == b {
			return i
		}
	}
	return len(Bodies())
}

// Party reports whether b is elected by party members or their delegates (村党组织, 社区党组织, and the
// bodies a township 党代会 elects), whose figures are 应到/实到/到会率 rather than 登记选民/参加投票/参选率,
// and whose members must be party members.
func (b Body) Party() bool {
	return b == PartyBranch || b == CommunityParty || b.PartyCongress()
}

// PartyCongress reports whether b is elected by a township 党代会 (乡镇党的代表大会): 乡镇党委, 乡镇纪委
// and the delegates to the county's 党代会 (出席上级党代会代表).
func (b Body) PartyCongress() bool {
	return b == TownshipPartyCommittee || b == TownshipDiscipline || b == Delegates
}

// Deputies reports whether b is a people's congress (人大代表), elected per 选区 and without a head.
func (b Body) Deputies() bool { return b == CountyDeputies || b == TownshipDeputies }

// ByVoters reports whether b is elected by the registered voters of its unit, whom a 选民登记 table
// lists: the people's congress deputies of both levels and the villagers' and residents' committees —
// not the party bodies, elected by members, nor a 村务监督委员会, which its 村民代表会议 may choose.
func (b Body) ByVoters() bool {
	return b.Deputies() || b == VillagersCommittee || b == ResidentsCommittee
}

// Head is the position of b's head (带头人): 书记 of a party body, 主任 of a committee; "" for deputies
// and delegates.
func (b Body) Head() Position {
	switch {
	case b.Deputies(), b == Delegates:
		return ""
	case b.Party():
		return Secretary
	}
	return Director
}

// IsHead reports whether a member holding position p is the head of b.
func (b Body) IsHead(p Position) bool { return p != "" && b.Head() == p }

// UnitKind is the kind of unit that elects b: 村 for village bodies, 社区 for community bodies, 乡镇 for
// the bodies of a township 党代会, 选区 for deputies.
func (b Body) UnitKind() UnitKind {
	switch b {
	case PartyBranch, VillagersCommittee, SupervisoryCommittee:
		return Village
	case CommunityParty, ResidentsCommittee:
		return Community
	case TownshipPartyCommittee, TownshipDiscipline, Delegates:
		return Township
	}
	return Constituency
}

// UnitKind is the kind of unit (村, 社区, 乡镇, 选区), printed as its Chinese name.
type UnitKind string

const (
	Village      UnitKind = "村"
	Community    UnitKind = "社区"
	Township     UnitKind = "乡镇"
	Constituency UnitKind = "选区"
)

// TwoCommittees is one kind of 两委: the party body and the committee elected by the same units.
type TwoCommittees struct {
	Kind      UnitKind
	Party     Body
	Committee Body
}

// Pairs returns the kinds of 两委 in report order: 村 (村党组织 + 村民委员会), then 社区 (社区党组织 +
// 居民委员会).
func Pairs() []TwoCommittees {
	return []TwoCommittees{
		{Kind: Village, Party: PartyBranch, Committee: VillagersCommittee},
		{Kind: Community, Party: CommunityParty, Committee: ResidentsCommittee},
	}
}

// Position is 职务 as stored: the canonical titles below, or the text as written for others.
type Position string

const (
	Secretary       Position = "书记"
	DeputySecretary Position = "副书记"
	Director        Position = "主任"
	DeputyDirector  Position = "副主任"
	Member          Position = "委员"
	Deputy          Position = "代表"
)

// Positions returns the canonical positions in the order summaries list them.
func Positions() []Position {
	return []Position{Secretary, DeputySecretary, Director, DeputyDirector, Member, Deputy}
}

// The values of 政治面貌 (party) that make a person a party member (党员).
const (
	FullPartyMember      = "中共党员"
	ProbationPartyMember = "中共预备党员"
)

// PartyMember reports whether a stored 政治面貌 is a party member (中共党员 or 中共预备党员), the
// figure 党员 counts. An empty value is not known to be one.
func PartyMember(party string) bool { return party == FullPartyMember || party == ProbationPartyMember }

// Kind is which summary an election belongs in: the 村(社区)“两委” summary, the people's congress
// (县乡人大换届) summary or the township party congress (乡镇党代会) summary. `electsum report --kind`
// takes these names.
type Kind string

const (
	Lianwei Kind = "lianwei" // 村(社区)“两委”换届选举工作总结: every body but the deputies
	Renda   Kind = "renda"   // 县乡两级人大换届选举工作总结: 县级 and 乡级人大代表
	// 乡镇党代会换届选举工作总结: what a township 党代会 elects (乡镇党委, 乡镇纪委, 出席上级党代会代表)
	Dangdaihui Kind = "dangdaihui"
	// 社区党组织换届选举工作总结 (篇3): the 社区党组织 elections by 党员大会 or 党员代表大会 of a street or
	// county. They are in the 两委 summary too: this kind is a part of Lianwei (Kind.PartOf).
	Shequdangzuzhi Kind = "shequdangzuzhi"
)

// Kinds returns the kinds of summary in the order electsum offers them.
func Kinds() []Kind { return []Kind{Lianwei, Renda, Dangdaihui, Shequdangzuzhi} }

// PartOf is the kind whose summary also holds k's elections (Lianwei for Shequdangzuzhi), "" when
// none does: a part is drafted when asked for, never in place of its whole.
func (k Kind) PartOf() Kind {
	if k == Shequdangzuzhi {
		return Lianwei
	}
	return ""
}

// Name is the kind as the users know it (县乡人大换届), for choices and messages; "" for an unknown kind.
func (k Kind) Name() string {
	switch k {
	case Lianwei:
		return "村(社区)“两委”换届"
	case Renda:
		return "县乡人大换届"
	case Dangdaihui:
		return "乡镇党代会换届"
	case Shequdangzuzhi:
		return "社区党组织换届"
	}
	return ""
}

// Kind is the summary b's elections belong in.
func (b Body) Kind() Kind {
	switch {
	case b.Deputies():
		return Renda
	case b.PartyCongress():
		return Dangdaihui
	}
	return Lianwei
}
