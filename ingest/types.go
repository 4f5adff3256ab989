package ingest

import "time"

// Key identifies one election: a unit's election of one body in one year. Ingesting a file replaces
// the rows of every Key it covers.
type Key struct {
	County   string
	Township string
	Unit     string
	Year     int
	Body     string
}

// Pos is where a value came from: the row number as Excel shows it, and the sheet.
type Pos struct {
	File  string
	Sheet string
	Row   int
}

// Result is one row of the results sheet, normalised. Pointer fields are nil when the cell was empty
// or the column absent.
type Result struct {
	Key
	Pos
	Term           *int
	Method         string
	Registered     *int
	Voted          *int
	ProxyVotes     *int
	MobileVotes    *int
	ValidBallots   *int
	InvalidBallots *int
	Seats          *int
	Candidates     *int
	Elected        *int
	Date           *time.Time
	FirstRound     *bool
	Excused        *int // 批准剔除: party members excused from the meeting, not counted as due for its quorum
	Congress
}

// Congress holds the results columns of people's congress elections (congressColumns): the 选民登记,
// the nomination of the 正式候选人, the votes cast at polling stations, and the round the seats were
// filled in. Village and party rows leave them nil.
type Congress struct {
	ConstituencyNo     string
	Population         *int
	Adults             *int // 18周岁以上人口
	AwayHome           *int // 回户籍地参选
	AwayWorkplace      *int // 参加本单位选举
	AwayMissing        *int // 下落不明
	Incapable          *int // 不能行使选举权利
	Suspended          *int // 停止行使选举权利
	Deprived           *int // 被剥夺选举权利
	RegisteredWomen    *int
	RegisteredMinority *int
	RegisteredMigrant  *int
	NominatedByParties *int // 政党、人民团体推荐
	NominatedByVoters  *int // 选民或代表十人以上联名
	InPersonVotes      *int
	Round              string // 一次选足, 另行选举, 未选足
}

// Member is one row of the members sheet, normalised.
type Member struct {
	Key
	Pos
	Name             string
	Position         string
	Gender           string
	Birth            *time.Time // first of the month when only year and month are known
	Age              *int
	Ethnicity        string
	Party            string
	Education        string
	Reelected        *bool
	IDNumber         string
	WealthLeader     *bool
	GraduateOfficial *bool
	Category         string
	Votes            *int
	ValidBallots     *int // 有效票数 of the ballot that elected them, when the roster gives it (另行选举)
	PersonKey        string
}

// Severity orders problems: an error stops the file from loading, a warning is loaded and listed, a
// notice is information (an unknown column).
type Severity string

const (
	Error   Severity = "错误"
	Warning Severity = "警告"
	Notice  Severity = "提示"
)

// Problem is one thing wrong with a user's file, with its exact place. Rule is a stable code that
// tests and callers match on (e.g. "missing_column", "voted_gt_registered").
type Problem struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Sheet    string   `json:"sheet,omitempty"`
	Row      int      `json:"row,omitempty"`    // as Excel shows it; 0 for the whole sheet or file
	Column   string   `json:"column,omitempty"` // the header as written in the file
	Cell     string   `json:"cell,omitempty"`   // A1-style reference, e.g. "C12"
	Value    string   `json:"value,omitempty"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"` // Chinese, says what is wrong and what to do
}

// Parsed is everything read from one input file.
type Parsed struct {
	Path    string
	SHA256  string
	Results []Result
	Members []Member
	// Registrations are the rows of its 选民登记 sheets (RegistrationSheet): of each only Key (Body ""
	// when the sheet does not give the level), Pos, Registered and the registration fields of Congress
	// (Population … RegisteredMigrant, ConstituencyNo) are set. A load merges them into the results rows
	// of the same place (registration.sql).
	Registrations []Result
	Problems      []Problem
}
