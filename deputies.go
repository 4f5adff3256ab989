package electsum

// Categories are the 代表构成 values ingest stores for a deputy or a party congress delegate, in the
// order summaries list them: 工人, 农民, 专业技术人员, 干部 (党政领导干部), 其他. A new slice each call.
func Categories() []string {
	return []string{"工人", "农民", "专业技术人员", "干部", "其他"}
}

// The values of 选举轮次 (round): whether a 选区 elected all its deputies on the first ballot.
const (
	RoundFirst    = "一次选足"
	RoundFurther  = "另行选举" // not all elected on the first ballot; a further election filled the seats
	RoundUnfilled = "未选足"
)

// Rounds are the values of 选举轮次 in the order summaries list them. A new slice each call.
func Rounds() []string { return []string{RoundFirst, RoundFurther, RoundUnfilled} }
