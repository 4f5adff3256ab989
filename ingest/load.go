package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// LoadOptions tune one ingest run.
type LoadOptions struct {
	// County fills the county of rows whose sheet has no county column.
	County string
	// Year fills the year of rows whose sheet has no 年份 column or leaves it blank (0: 年份 is
	// required): townships' own forms often carry the year only in their title.
	Year int
	// Replaces names earlier files (as loaded, or by file name) whose rows every file of this run
	// replaces as a whole, as a resubmission under another name would.
	Replaces []string
	// MaxFileSize is the largest file accepted, in bytes (0: the reader's default).
	MaxFileSize int64
	// MaxUnzipSize caps what one workbook may expand to when unzipped (0: the reader's default).
	MaxUnzipSize int64
	// SkipBadFiles loads the files without errors and rejects the others, instead of writing nothing.
	SkipBadFiles bool
	// Workers is how many files are read at once (0: 2).
	Workers int
	// Progress, when set, is called after each file is read, from the goroutine that called Load.
	Progress func(ProgressEvent)
	// Now is the clock for ingest_log.ingested_at (nil: time.Now).
	Now func() time.Time
	// Install, when set, runs inside the load's transaction after the rows are written (electsum
	// passes the analytics views), so that the rows and what reads them land together or not at all.
	Install func(ctx context.Context, tx *sql.Tx) error
	// Page says the run is the web page's import (electsum serve): messages name the page's fields
	// (归入的县名) and files by their uploaded names, not command-line flags and the server's folders.
	Page bool
	// Names gives, by path, the name a file is stored (source_file, ingest_log), compared (a
	// resubmission is the same file name) and shown under, when it is not its path: the web page
	// passes what the user uploaded (青山镇.xlsx, or 收到的表格/青山镇.xlsx from a dropped folder or a
	// zip), not the server's folder. A named file is logged under its name as it is, not made absolute.
	Names map[string]string
	// KeepUnpacked keeps the spreadsheets unpacked from .zip archives after Load returns, for the caller to
	// read again (a marked copy in --errors-dir: FileReport.Source) and then remove (Report.RemoveUnpacked).
	KeepUnpacked bool
	// Exclude names folders that are never read as input, such as the --errors-dir of this run.
	Exclude []string
	// MemoryLimit is the memory_limit db's DuckDB was given (Limits.Memory; "": DuckDB's default). The
	// setting is one for the whole instance: a load lowers it to its own bound (limit_memory.sql) unless
	// this one is lower, and sets it back to this value when it ends, so that the readers of a long-lived
	// instance (electsum serve) keep their bound after a load.
	MemoryLimit string
}

// ProgressEvent reports one file done.
type ProgressEvent struct {
	File       string  `json:"file"`
	Outcome    Outcome `json:"outcome"` // loaded here means "read and staged": the run may still be rejected
	FilesDone  int     `json:"files_done"`
	FilesTotal int     `json:"files_total"`
	Rows       int     `json:"rows"` // rows read so far, both sheets, all files
	Bytes      int64   `json:"bytes"`
	BytesTotal int64   `json:"bytes_total"`
}

// Load reads every .xlsx, .xls, .et and .csv file named by paths (files, or folders searched recursively) and
// writes their rows into db.
//
// The run is all-or-nothing: when any file has an error (its own, or a clash with another file of the
// run), nothing at all is written — not even ingest_log, so that a failed run leaves no trace — and
// the error is a *ProblemsError listing every problem. With opts.SkipBadFiles the clean files are
// loaded, the others are recorded in ingest_log as rejected, and the error is a *ProblemsError with
// Partial set. A file whose content (sha256) is already loaded is Unchanged and not read again.
// Replacement is per table: a loaded file replaces the results of the elections (county, township,
// unit, year, body) its results rows cover, and the members of the elections its members rows cover,
// nothing else; a resubmission (the same file name from the same township and year, or a file named by
// opts.Replaces) first removes everything the earlier file loaded. The Report is returned whenever the
// files could be listed, also together with an error.
func Load(ctx context.Context, db *sql.DB, paths []string, opts LoadOptions) (*Report, error) {
	return loadWith(ctx, db, paths, opts, loadHooks{})
}

// loadHooks put a misbehaving reader, or a failing step inside the transaction, in place of the real
// ones. Only tests set them.
type loadHooks struct {
	read         readFunc                  // nil: readFile
	beforeCommit func(tx *sql.Tx) error    // runs inside the transaction after the rows are moved
	checkInSQL   bool                      // every file is checked as a whole in SQL, as a large one is
	manyRows     int                       // staged rows from which a load keeps DuckDB's threads (0: rowGroupRows)
	flushEvery   int                       // staged rows after which the stager flushes (0: flushEvery)
	betweenInSQL bool                      // between_tables.sql runs even where betweenTablesSilent rules it out
	clashesInSQL bool                      // key_clashes.sql runs even where keyClashesSilent rules it out
	firstInSQL   bool                      // a first load runs person_clash.sql and unit_bodies.sql as a later one
	keyClashes   func(ran bool)            // told whether key_clashes.sql ran
	between      func(ran bool, found int) // told whether between_tables.sql ran, and what it found
}

func loadWith(ctx context.Context, db *sql.DB, paths []string, opts LoadOptions, hooks loadHooks) (rep *Report, err error) {
	files, skipped, err := expandPaths(paths, opts.Exclude)
	if err != nil {
		return nil, err
	}
	// Hash every file first (Workers at a time: hashing 900 files one by one kept a core idle for
	// 100 ms) and take them in path order, so that which of two identical files counts as the
	// duplicate does not depend on which worker finishes first. The hashing reads the files while the
	// database is readied for the load (newLoader: the run's connection, what is loaded already, the
	// staging tables), which uses one core.
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	unpacked, err := unpackArchives(files, paths, opts.Names, limit)
	defer func() {
		if rep == nil || rep.unpacked == "" { // not handed to the caller (KeepUnpacked)
			unpacked.remove()
		}
	}()
	if err != nil {
		return nil, err
	}
	files, opts.Names = unpacked.files, unpacked.names
	if len(files) == 0 { // only archives without a spreadsheet, found in folders
		return nil, fmt.Errorf("%s: %w", strings.Join(paths, ", "), ErrNoInputFiles)
	}
	hashCtx, stopHashing := context.WithCancel(ctx)
	defer stopHashing()
	hashed := make(chan []fileSum, 1)
	go func() { hashed <- hashFiles(hashCtx, files, limit, opts.Workers) }()
	l, err := newLoader(ctx, db, opts, hooks)
	if err != nil {
		stopHashing()
		<-hashed
		return nil, err
	}
	defer l.close()
	l.skipped = skipped
	if opts.KeepUnpacked {
		l.unpacked = unpacked.dir
	}
	sums := <-hashed

	var toParse []int
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			l.notLoaded()
			return l.report(), err
		}
		sum, size, err := sums[i].sum, sums[i].size, sums[i].err
		id := l.newFile(path, sum, size)
		if name, ok := opts.Names[path]; ok && name != "" {
			l.files[id].report.Path = name
			if unpacked.dir != "" && opts.KeepUnpacked {
				l.files[id].report.Source = path
			}
		}
		switch {
		case err != nil:
			l.fail(id, unreadable(l.files[id].report.Path, err))
		case l.unchanged(sum):
		default:
			toParse = append(toParse, id)
		}
	}
	toParse = l.readRowlessAgain(toParse)
	for id := range l.files {
		if l.files[id].report.Outcome != "" {
			l.progress(id)
		}
	}
	sizes := make([]int64, len(toParse))
	for i, id := range toParse {
		sizes[i] = l.files[id].report.Bytes
	}
	collectMore := collectLess(sizes)
	err = l.parseAll(ctx, toParse)
	collectMore()
	if err != nil {
		l.notLoaded()
		return l.report(), err
	}
	l.returnReadMemory()
	if err := l.afterStaging(ctx); err != nil {
		l.notLoaded()
		return l.report(), err
	}
	if err := l.checkFiles(ctx); err != nil {
		l.notLoaded()
		return l.report(), err
	}
	return l.finish(ctx)
}

// loadParsed loads already-parsed files; it is Load without the file system, for tests and for
// callers that build Parsed values themselves.
func loadParsed(ctx context.Context, db *sql.DB, parsed []*Parsed, opts LoadOptions) (*Report, error) {
	return loadParsedWith(ctx, db, parsed, opts, loadHooks{})
}

func loadParsedWith(ctx context.Context, db *sql.DB, parsed []*Parsed, opts LoadOptions, hooks loadHooks) (*Report, error) {
	l, err := newLoader(ctx, db, opts, hooks)
	if err != nil {
		return nil, err
	}
	defer l.close()
	for _, p := range parsed {
		id := l.newFile(p.Path, p.SHA256, 0)
		if !l.unchanged(p.SHA256) {
			if err := l.add(ctx, id, p); err != nil {
				l.notLoaded()
				return l.report(), err
			}
		}
		l.progress(id)
	}
	if err := l.afterStaging(ctx); err != nil {
		l.notLoaded()
		return l.report(), err
	}
	return l.finish(ctx)
}

// afterStaging is what a load does once every file is staged, before the files are checked as a whole and
// committed: one thread for a small load (oneThreadIfSmall), then one spelling of each name
// (settleSpellings), then the places of rosters and 选民登记 rows read as the results' (matchPlaces).
func (l *loader) afterStaging(ctx context.Context) error {
	if err := l.oneThreadIfSmall(ctx); err != nil {
		return err
	}
	if err := l.settleSpellings(ctx); err != nil {
		return err
	}
	return l.matchPlaces(ctx)
}

// fileState is the loader's record of one input file.
type fileState struct {
	src      string // where the file is read; report.Path is what it is called (LoadOptions.Names)
	report   FileReport
	problems []Problem
	keys     []Key        // elections it covers, once each: its results rows' (the first resultKeys), then the others'
	cover    *coverage    // while its rows are staged
	parser   *fileParser  // from when it is read until it is checked as a whole (checkFiles)
	layouts  sheetLayouts // its results and 选民登记 sheets' layouts, for checkRegistrations' messages
	staged   bool
	// resultKeys are how many of keys its results rows cover; regKeys are the places, years and levels of
	// its 选民登记 rows (matchPlaces).
	resultKeys int
	regKeys    []Key
	// rowless says it is Unchanged, but its content loaded no row: a 选民登记 table loaded before schema
	// v6, or a file without data (readRowlessAgain). A file whose rows another file replaced since is not rowless:
	// read again, it would take them back.
	rowless bool
	// membersOnly says it staged members of an election it has no results row for (a members-only
	// sheet, or a CSV of members): the warnings between tables may concern it (betweenTablesSilent).
	membersOnly bool

	// The whole-file checks of a file read by parseAll run on its rows held in memory (checkHeld) when
	// they are at most maxHeldRows, else in SQL over its staged rows (checkStaged).
	held        *heldRows // its rows while it is read, as long as they are few enough
	tooMany     bool      // it has more rows than maxHeldRows: no longer held
	heldChecked bool      // checkHeld wrote its whole-file problems, after the first heldFrom of them
	heldFrom    int
	checkInSQL  bool // checkFiles runs its whole-file checks over the staged rows
}

// loader holds one ingest run. It owns one connection for the whole run, because the staging tables
// are temporary tables that only that connection sees.
type loader struct {
	db      *sql.DB
	conn    *sql.Conn
	opts    LoadOptions
	hooks   loadHooks
	stage   *stager
	files   []*fileState
	known   map[string][]knownKey // content already loaded, and current → the counties and years of its rows
	rowless map[string]bool       // content already loaded that loaded no results or members row (current_hashes.sql)
	inRun   map[string]int        // content seen in this run → file
	clashes map[[2]int]*clash
	// threads is DuckDB's threads before oneThreadIfSmall set one (0: not changed).
	threads int
	// respelled says settleSpellings gave staged rows another spelling than they were staged under
	// (and checkHeld wrote its messages with).
	respelled bool
	// heldRows says the database held rows before the load's transaction (holds_rows.sql).
	heldRows bool
	// keysApart says keyClashesSilent found no election covered by two staged files: their keys do not
	// change after it, and files only leave the run, so betweenTablesSilent need not look again.
	keysApart bool
	// blankCounty says a staged row has no county (resolveCounties has something to find).
	blankCounty bool
	// registrations says a 选民登记 row was staged (checkRegistrations has something to merge), and
	// unregistered a results row without 登记选民 (one must give it).
	registrations, unregistered bool
	// registrationMoves says stored 选民登记 rows take the places the run's results name
	// (moveWaitingRegistrations).
	registrationMoves bool
	rows              int
	bytes             int64
	total             int64
	skipped           []string // files in the folders that electsum wrote itself (expandPaths)
	unpacked          string   // the folder of the files unpacked from archives, kept for the caller (KeepUnpacked)

	spellings spellings // one spelling per place or person name, whatever the script (script.go)
}

func newLoader(ctx context.Context, db *sql.DB, opts LoadOptions, hooks loadHooks) (*loader, error) {
	if opts.Workers <= 0 {
		opts.Workers = 2
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	l := &loader{db: db, conn: conn, opts: opts, hooks: hooks, known: map[string][]knownKey{}, rowless: map[string]bool{}, inRun: map[string]int{},
		clashes: map[[2]int]*clash{}}
	if err := l.readKnown(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	if err := l.readSpellings(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	if err := l.limitMemory(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, sqlStage); err != nil {
		l.restoreMemory()
		conn.Close()
		return nil, fmt.Errorf("create staging tables: %w", err)
	}
	l.stage, err = newStager(conn)
	if err != nil {
		l.close()
		return nil, err
	}
	if hooks.flushEvery > 0 {
		l.stage.every = hooks.flushEvery
	}
	return l, nil
}

func (l *loader) readKnown(ctx context.Context) error {
	err := eachRow(ctx, l.conn, sqlCurrentHashes, nil, func(rows *sql.Rows) error {
		var s string
		var k knownKey
		var rowless bool
		if err := rows.Scan(&s, &k.county, &k.year, &rowless); err != nil {
			return err
		}
		l.known[s] = append(l.known[s], k)
		if prev, seen := l.rowless[s]; !seen || prev {
			l.rowless[s] = rowless // every load of the content was rowless
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read ingest_log: %w", err)
	}
	return nil
}

func (l *loader) close() {
	if l.stage != nil {
		l.stage.close()
		l.stage = nil
	}
	// The staging tables would otherwise live on in the pooled connection.
	l.conn.ExecContext(context.Background(), sqlDropStage)
	l.restoreMemory()
	l.restoreThreads()
	l.conn.Close()
}

// rowGroupRows is the rows of one of DuckDB's row groups, the unit it splits a table scan by.
const rowGroupRows = 122_880

// oneThreadIfSmall has DuckDB run the rest of a load with one thread when fewer rows were staged than
// one row group (one_thread.sql): the same work for less CPU (README "Performance of ingest"). A
// larger load keeps the instance's threads.
func (l *loader) oneThreadIfSmall(ctx context.Context) error {
	if l.rows >= l.manyRows() {
		return nil
	}
	var n int
	if err := l.conn.QueryRowContext(ctx, sqlThreads).Scan(&n); err != nil {
		return fmt.Errorf("read threads: %w", err)
	}
	if n <= 1 {
		return nil
	}
	if _, err := l.conn.ExecContext(ctx, sqlOneThread); err != nil {
		return fmt.Errorf("set threads: %w", err)
	}
	l.threads = n
	return nil
}

// manyRows is the staged rows from which a load is not small (rowGroupRows, or what a test says).
func (l *loader) manyRows() int {
	if l.hooks.manyRows > 0 {
		return l.hooks.manyRows
	}
	return rowGroupRows
}

// restoreThreads gives the instance back the threads oneThreadIfSmall took.
func (l *loader) restoreThreads() {
	if l.threads > 0 {
		l.conn.ExecContext(context.Background(), fmt.Sprintf(sqlRestoreThreads, l.threads))
		l.threads = 0
	}
}

// limitMemory bounds DuckDB's memory for the load: limit_memory.sql's bound, or the caller's
// MemoryLimit when that is lower; and has its allocator give freed memory back early
// (limit_allocator.sql).
func (l *loader) limitMemory(ctx context.Context) error {
	if _, err := l.conn.ExecContext(ctx, sqlLimitAllocator); err != nil {
		return fmt.Errorf("limit memory: %w", err)
	}
	if l.opts.MemoryLimit != "" {
		caller, err := ParseSize(l.opts.MemoryLimit)
		if err != nil {
			return fmt.Errorf("limit memory: %w", err)
		}
		if caller <= loadMemoryLimit {
			return nil
		}
	}
	if _, err := l.conn.ExecContext(ctx, sqlLimitMemory); err != nil {
		return fmt.Errorf("limit memory: %w", err)
	}
	return nil
}

// bigRead is how many bytes of files a run reads before returnReadMemory is worth a collection.
const bigRead = 16 << 20

// returnReadMemory gives the OS back the Go heap the reading freed (inflated sheets, shared strings, row
// batches) before DuckDB's checks and commit take theirs. The Go runtime would keep it for reuse, so
// that the two peaks added up: on the 1,048,575-row sheet about 180 MiB of freed heap stayed resident
// while DuckDB ran the whole-file checks.
func (l *loader) returnReadMemory() {
	if l.bytes >= bigRead {
		debug.FreeOSMemory()
	}
}

// restoreMemory gives the instance back the caller's memory_limit, or DuckDB's default without one.
func (l *loader) restoreMemory() {
	if l.opts.MemoryLimit == "" {
		l.conn.ExecContext(context.Background(), sqlResetMemory)
		return
	}
	// A SET takes no parameters; ParseSize has vetted the text (digits, a point, a unit).
	l.conn.ExecContext(context.Background(), fmt.Sprintf(sqlRestoreMemory, l.opts.MemoryLimit))
}

func (l *loader) newFile(path, sum string, size int64) int {
	l.files = append(l.files, &fileState{src: path, report: FileReport{Path: path, SHA256: sum, Bytes: size}})
	l.total += size
	return len(l.files) - 1
}

// knownKey is a county and a year the rows of loaded content are under ("" and 0: it holds none).
type knownKey struct {
	county string
	year   int
}

// readRowlessAgain adds to the files to read (toParse, in path order) those Unchanged whose content loaded
// no row of its own (fileState.rowless), when the run reads any other file: a 选民登记 table loaded before
// schema v6 gave its figures to the results rows of its run only and kept no row (since v6 they are kept in
// registrations), so a corrected 选区情况 table sent again beside it would replace the rows that held them
// without them. Such a file is small, and reading it again changes nothing else; read, its rows are kept.
func (l *loader) readRowlessAgain(toParse []int) []int {
	if len(toParse) == 0 {
		return toParse
	}
	n := len(toParse)
	for id, f := range l.files {
		if f.rowless {
			f.report.Outcome, f.report.Message = "", ""
			toParse = append(toParse, id)
		}
	}
	if len(toParse) > n {
		slices.Sort(toParse)
	}
	return toParse
}

// unchanged marks the newest file Unchanged, and says so, when content with its hash is already
// loaded or was seen earlier in this run. Content loaded before is read again when --county names a
// county its rows are not under, or --year a year: the user is correcting what blank cells were given.
func (l *loader) unchanged(sum string) bool {
	id := len(l.files) - 1
	f := l.files[id]
	if sum == "" {
		return false
	}
	if keys, ok := l.known[sum]; ok && !slices.ContainsFunc(keys, func(k knownKey) bool {
		return l.opts.County != "" && k.county != "" && k.county != l.opts.County ||
			l.opts.Year != 0 && k.year != 0 && k.year != l.opts.Year
	}) {
		f.report.Outcome, f.report.Message = Unchanged, "内容与此前已导入的文件相同，未重复导入"
		if l.rowless[sum] {
			f.rowless = true // readRowlessAgain may read it after all
			l.inRun[sum] = id
		}
		return true
	}
	if first, ok := l.inRun[sum]; ok {
		f.report.Outcome, f.report.Message = Unchanged, fmt.Sprintf("内容与 %s 相同，未重复导入", l.files[first].report.Path)
		return true
	}
	l.inRun[sum] = id
	return false
}

func (l *loader) progress(id int) {
	f := l.files[id]
	l.bytes += f.report.Bytes
	if l.opts.Progress == nil {
		return
	}
	done := 0
	for _, f := range l.files {
		if f.report.Outcome != "" {
			done++
		}
	}
	l.opts.Progress(ProgressEvent{File: f.report.Path, Outcome: f.report.Outcome, FilesDone: done,
		FilesTotal: max(len(l.files), done), Rows: l.rows, Bytes: l.bytes, BytesTotal: l.total})
}

// fail rejects a file with a problem of its own.
func (l *loader) fail(id int, p Problem) {
	f := l.files[id]
	f.problems = append(f.problems, p)
	f.report.Outcome = Rejected
	if f.report.Message == "" {
		f.report.Message = p.Message
	}
}

// add stages the rows of a file parsed beforehand (loadParsed), whose problems are its own.
func (l *loader) add(ctx context.Context, id int, p *Parsed) error {
	if err := l.stageRows(id, p.Results, p.Registrations, p.Members, nil, nil); err != nil {
		return err
	}
	return l.settle(ctx, id, p.Problems)
}

// stageRows stages a batch of one file's rows as they are read. Clashes between files are found in SQL
// over the staging tables once all files are in, so that memory does not grow with the number of
// people; only the file's elections are kept, for the report. regs are rows of 选民登记 sheets, staged
// for registration_check.sql and registration_merge.sql: they cover no election of their own. seq gives
// a row's place in its file (nil: its place in the batch).
func (l *loader) stageRows(id int, results, regs []Result, members []Member, raw []memberRaw, seq func(sheet string, row int) int64) error {
	f := l.files[id]
	f.report.Results += len(results)
	f.report.Members += len(members)
	f.report.Registrations += len(regs)
	l.rows += len(results) + len(regs) + len(members)
	if f.cover == nil {
		f.cover = &coverage{resultSeen: map[Key]bool{}, memberSeen: map[Key]bool{}, regSeen: map[Key]bool{}}
	}
	l.spellings.respell(results, members)
	l.spellings.respell(regs, nil)
	for i := range results {
		f.cover.add(&f.cover.results, f.cover.resultSeen, results[i].Key)
		l.blankCounty = l.blankCounty || results[i].County == ""
		l.unregistered = l.unregistered || results[i].Registered == nil
	}
	for i := range regs {
		f.cover.add(&f.cover.regs, f.cover.regSeen, regs[i].Key)
		l.blankCounty = l.blankCounty || regs[i].County == ""
	}
	l.registrations = l.registrations || len(regs) > 0
	first := make([]bool, len(members))
	for i := range members {
		m := &members[i]
		if m.PersonKey == "" {
			m.PersonKey = personKey(m)
		}
		// The first row of the file for its election (firstOfElection): rows come in file order.
		first[i] = !f.cover.memberSeen[m.Key]
		f.cover.add(&f.cover.members, f.cover.memberSeen, m.Key)
		l.blankCounty = l.blankCounty || m.County == ""
	}
	if seq == nil {
		n := int64(0)
		seq = func(string, int) int64 { n++; return n }
	}
	f.staged = true
	if err := l.stage.rows(id, f.report.Path, results, regs, members, raw, seq, first); err != nil {
		return fmt.Errorf("stage %s: %w", f.report.Path, err)
	}
	if f.held != nil {
		if f.held.rows()+len(results)+len(members) > maxHeldRows {
			f.held, f.tooMany = nil, true
		} else {
			f.held.add(results, members, raw, seq, first)
		}
	}
	return nil
}

// settle decides a file whose rows are all staged and checked, given the problems of its own.
func (l *loader) settle(ctx context.Context, id int, problems []Problem) error {
	f := l.files[id]
	f.problems = append(f.problems, problems...)
	for _, pr := range problems {
		if pr.Severity == Error {
			f.report.Outcome = Rejected
			if f.report.Message == "" {
				f.report.Message = pr.Message
			}
		}
	}
	cover := f.cover
	f.cover = nil
	if f.report.Outcome == Rejected {
		// A file with errors of its own takes no part in the checks between files, so that what is
		// reported does not depend on the order files were read in.
		return l.dropStaged(ctx, id)
	}
	f.report.Outcome = Loaded
	if cover != nil {
		f.keys, f.resultKeys, f.regKeys = cover.results, len(cover.results), cover.regs
		for _, k := range cover.members {
			if !cover.resultSeen[k] {
				f.keys = append(f.keys, k)
				f.membersOnly = true
			}
		}
	}
	f.staged = true
	if err := l.stage.fileWarnings(id, f.report.Path, problems); err != nil {
		return fmt.Errorf("stage %s: %w", f.report.Path, err)
	}
	return nil
}

// dropStaged forgets the staged rows of a file that is rejected.
func (l *loader) dropStaged(ctx context.Context, id int) error {
	f := l.files[id]
	if !f.staged {
		return nil
	}
	if l.stage != nil {
		if err := l.stage.flush(); err != nil {
			return fmt.Errorf("stage rows: %w", err)
		}
	}
	if err := l.execEach(ctx, sqlDropFile, id); err != nil {
		return fmt.Errorf("drop staged rows of %s: %w", f.report.Path, err)
	}
	f.staged = false
	return nil
}

// coverage collects the elections a file's rows cover while they are staged, once each: those of its
// results rows first, then those only its members rows name.
type coverage struct {
	results, members       []Key
	resultSeen, memberSeen map[Key]bool
	regs                   []Key // the places and years of its 选民登记 rows (Key with their level)
	regSeen                map[Key]bool
}

func (c *coverage) add(list *[]Key, seen map[Key]bool, k Key) {
	if !seen[k] {
		seen[k] = true
		*list = append(*list, k)
	}
}
