package electsum

// ByRepresentatives is the 选举方式 of a 村务监督委员会 that a 村民代表会议 elects (推选) rather than the
// villagers: 《中华人民共和国村民委员会组织法》第三十二条 lets either a 村民会议 or a 村民代表会议 choose it.
// Its results row then holds the meeting's figures: 登记选民数 is 应到村民代表, 参加投票人数 实到村民代表,
// and their quotient is the representatives' 到会率, never a 参选率 of the voters. Ingest stores every
// spelling of it (村民代表会议, 村民代表会议选举 …) as this value; analytics (views/02_v_turnout.sql,
// v_turnout.representatives) tells such an election apart by it.
const ByRepresentatives = "村民代表会议推选"

// Methods are the usual 选举方式 values, offered in the input template's dropdown and its 填表说明; a
// sheet may name others, which are kept as written. A new slice each call.
func Methods() []string {
	return []string{"两推一选", "公推直选", "党员大会", "党员代表大会", "有候选人", "无候选人", "自荐海选", ByRepresentatives}
}
