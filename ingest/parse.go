package ingest

import (
	"bytes"
	"crypto/sha256"
	"electsum"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Defaults for ParseOptions' limits.
const (
	DefaultMaxFileSize  = 64 << 20
	DefaultMaxUnzipSize = 512 << 20
	DefaultMaxXMLSize   = 16 << 20
)

// ParseOptions tune how one file is read.
type ParseOptions struct {
	// County fills the county of rows whose sheet has no county column (or leaves it empty).
	County string
	// Year fills the year of rows whose sheet has no 年份 column or leaves it blank (0: required).
	Year int
	// MaxFileSize is the largest file accepted, in bytes (0: the default, 64 MiB).
	MaxFileSize int64
	// MaxUnzipSize caps what a workbook may expand to when unzipped, in bytes (0: 512 MiB); beyond it
	// the file is rejected as ErrZipBomb.
	MaxUnzipSize int64
	// MaxXMLSize is the largest worksheet the xlsx reader inflates into memory (0: 16 MiB); a larger
	// one is streamed, twice, through a small window, so that a sheet's size does not decide the
	// reader's memory. Nothing is ever written to a temporary file. It cannot exceed MaxUnzipSize.
	MaxXMLSize int64

	// name is what rows and messages call the file (LoadOptions.Names); "": its path.
	name string
	// page says messages are for the web page (LoadOptions.Page): they name its controls, not commands.
	page bool
	// stop, when set, says why reading must stop (the run's context is cancelled: Ctrl-C, serve shutting
	// down); the readers ask it every stopEvery rows, so that a huge sheet is not read on to its end.
	stop func() error
	// careful has the fast reader check every cell of a sheet larger than MaxXMLSize before handing on
	// any of its rows, instead of skimming it first (readSheet). readFile sets it when it reads a file
	// again after errReadAgain, and when rows handed on could not be taken back (no restart).
	careful bool
	// restart, when set, takes back every row of the file handed on so far (the loader drops what it
	// staged), before readFile reads the file again from its start.
	restart func() error
}

// stopEvery is how many rows a reader reads between two looks at ParseOptions.stop.
const stopEvery = 1024

// stopped is ParseOptions.stop's answer every stopEvery-th call (n counts the calls).
func (o ParseOptions) stopped(n int) error {
	if o.stop == nil || n%stopEvery != 0 {
		return nil
	}
	return o.stop()
}

// stopping says whether the run is being stopped.
func (o ParseOptions) stopping() bool { return o.stop != nil && o.stop() != nil }

// stopReading is the panic by which a reader leaves a sheet from inside its row callback when the run
// is cancelled; readFile recovers it and returns its error.
type stopReading struct{ err error }

func (o ParseOptions) withDefaults() ParseOptions {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = DefaultMaxUnzipSize
	}
	if o.MaxXMLSize <= 0 {
		o.MaxXMLSize = DefaultMaxXMLSize
	}
	o.MaxXMLSize = min(o.MaxXMLSize, o.MaxUnzipSize)
	return o
}

// ParseFile reads one .xlsx, .xls/.et (BIFF) or .csv file: it finds the results and members sheets by their header rows,
// normalises every value and checks every row. Problems in the data are returned in Parsed.Problems
// (rows with errors are still returned, so that every problem of a run can be listed); the error is for
// a file that cannot be read at all, a *FileError whose Kind is ErrNotWorkbook, ErrEncrypted,
// ErrTooLarge, ErrZipBomb or ErrCorrupt.
func ParseFile(path string, opts ParseOptions) (*Parsed, error) {
	fp, err := readFile(path, opts, nil)
	if err != nil {
		return nil, err
	}
	if err := fp.finish(); err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	return fp.out, nil
}

// rowSink takes a file's rows in batches as they are read (registrations: the rows of its 选民登记
// sheets); raw is parallel to members, sheetNo gives the sheets' places in the workbook (sheetSeq). It
// may keep the slices, which the parser does not touch again.
type rowSink func(results, registrations []Result, members []Member, raw []memberRaw, sheetNo map[string]int) error

// readFunc reads one file as readFile does.
type readFunc func(path string, opts ParseOptions, emit rowSink) (*fileParser, error)

// readFile reads one file and checks each row, but not the whole file (fileParser.finish, or
// checkStaged over the staged rows). With emit set, the rows go to emit in batches as they are read
// instead of being kept in Parsed, so that memory does not grow with the file.
//
// A file with a sheet larger than MaxXMLSize that the skim misjudged (errReadAgain: rare, a sheet the
// fast reader declines only late, or whose merged ranges the skim did not find as they are) is read
// again from its start with opts.careful, after opts.restart has taken back the rows emit was given.
func readFile(path string, opts ParseOptions, emit rowSink) (*fileParser, error) {
	if emit != nil && opts.restart == nil {
		opts.careful = true
	}
	fp, err := readFileOnce(path, opts, emit)
	if opts.careful || !errors.Is(err, errReadAgain) {
		return fp, err
	}
	if emit != nil {
		if err := opts.restart(); err != nil {
			return nil, err
		}
	}
	readerStats.readAgain.Add(1)
	opts.careful = true
	return readFileOnce(path, opts, emit)
}

func readFileOnce(path string, opts ParseOptions, emit rowSink) (fp *fileParser, err error) {
	opts = opts.withDefaults()
	data, err := readCapped(path, opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	read := path
	if opts.name != "" {
		// From here on the file is what its user calls it; only the bytes came from path.
		path = opts.name
	}
	if len(data) == 0 {
		return nil, &FileError{Path: path, Kind: ErrNotWorkbook, Err: errEmptyFile}
	}
	fp = newFileParser(path, opts)
	fp.emit = emit
	if emit == nil {
		// ParseFile's Parsed carries the file's hash. A streaming parser's caller, Load, has hashed
		// every file before reading it (hashFiles) and keeps that hash.
		sum := sha256.Sum256(data)
		fp.out.SHA256 = hex.EncodeToString(sum[:])
	}

	// excelize is hardened, but a hostile workbook must never take the whole run down.
	defer func() {
		if r := recover(); r != nil {
			fp = nil
			if stop, ok := r.(stopReading); ok {
				err = stop.err
				return
			}
			err = &FileError{Path: path, Kind: ErrCorrupt, Err: fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
		}
	}()
	switch sniff(read, data) {
	case formatXLSX:
		err = parseXLSX(fp, data)
	case formatCSV:
		err = parseCSV(fp, data)
	case formatOLE:
		err = parseOLE(fp, data)
	case formatHTML, formatSpreadsheetML:
		err = parseMarkup(fp, data)
	default:
		err = &FileError{Path: path, Kind: ErrNotWorkbook}
		if doc := documentOf(data); doc != nil {
			err = &FileError{Path: path, Kind: ErrNotWorkbook, Err: doc}
		}
	}
	if opts.stop != nil {
		// A reader that stopped early reports that as a damaged sheet; the reason is the cancellation.
		if serr := opts.stop(); serr != nil {
			return nil, serr
		}
	}
	if err != nil {
		return nil, err
	}
	if emit != nil {
		fp.flushRows()
		if fp.emitErr != nil {
			return nil, fp.emitErr
		}
	}
	return fp, nil
}

// errEmptyFile is a file of 0 bytes: saved or sent only in part.
var errEmptyFile = errors.New("empty file")

// streamBatch is how many rows a streaming file parser hands on at once.
const streamBatch = 4096

// rowAdded hands the rows read so far on when a batch is full and the parser streams.
func (fp *fileParser) rowAdded() {
	if fp.emit != nil && len(fp.out.Results)+len(fp.out.Registrations)+len(fp.out.Members) >= streamBatch {
		fp.flushRows()
	}
}

func (fp *fileParser) flushRows() {
	if fp.emitErr == nil && len(fp.out.Results)+len(fp.out.Registrations)+len(fp.out.Members) > 0 {
		fp.emitErr = fp.emit(fp.out.Results, fp.out.Registrations, fp.out.Members, fp.raw, maps.Clone(fp.sheetNo))
	}
	fp.out.Results, fp.out.Registrations, fp.out.Members, fp.raw = nil, nil, nil, nil
}

// sheetSeq gives a row's place in its file, sheets in workbook order (sheetNo), then rows.
func sheetSeq(sheetNo map[string]int) func(sheet string, row int) int64 {
	return func(sheet string, row int) int64 { return int64(sheetNo[sheet])<<32 | int64(row) }
}

// readCapped reads the whole file, refusing one larger than limit before reading it.
func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", path, err)
	}
	if fi.IsDir() {
		return nil, &FileError{Path: path, Kind: ErrNotWorkbook, Err: fmt.Errorf("%s is a directory", path)}
	}
	if fi.Size() > limit {
		return nil, &FileError{Path: path, Kind: ErrTooLarge, Limit: limit}
	}
	// The file may grow between Stat and reading: read at most one byte past the limit. The buffer
	// is sized from Stat, so that reading takes the file's size once and not twice over in doublings.
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, &FileError{Path: path, Kind: ErrTooLarge, Limit: limit}
	}
	return data, nil
}

type format int

const (
	formatUnknown format = iota
	formatXLSX
	formatCSV
	formatOLE           // an .xls or .et workbook, or an encrypted .xlsx
	formatHTML          // a web page's tables, as many systems export "Excel" (markup.go)
	formatSpreadsheetML // an Excel 2003 XML spreadsheet (markup.go)
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff decides a file's format by its content, and by its name only for CSV, which has no signature
// (a file named otherwise is read as CSV when it is delimited text).
func sniff(path string, data []byte) format {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return formatXLSX
	case bytes.HasPrefix(data, oleMagic):
		return formatOLE
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		return formatCSV
	}
	if f := markupFormat(data); f != formatUnknown {
		return f
	}
	if delimitedText(data) {
		return formatCSV // a system's "Excel" export that is tab-separated text named .xls
	}
	return formatUnknown
}

// delimitedText tells whether a file without a workbook's signature is lines of text with tabs or commas
// between values: no NUL byte (but UTF-16 with its BOM), a line break and a separator in its first 8 KiB.
func delimitedText(data []byte) bool {
	head := data[:min(len(data), 8<<10)]
	if bytes.HasPrefix(head, utf16LE) || bytes.HasPrefix(head, utf16BE) {
		return true
	}
	return bytes.IndexByte(head, 0) < 0 && bytes.ContainsAny(head, "\n") && bytes.ContainsAny(head, "\t,")
}

// fileParser collects the rows and problems of one file.
type fileParser struct {
	path    string
	opts    ParseOptions
	out     *Parsed
	sheets  []*sheetParser
	raw     []memberRaw // parallel to out.Members: cells needed by the checks after all sheets are read
	hasKind map[SheetKind]bool
	sheetNo map[string]int // a sheet's place in the workbook, by name
	// townshipOfName caches nameTownship.
	townshipOfName *string

	emit               rowSink  // when set, takes the rows in batches instead of out
	emitErr            error    // emit failed: the rest of the file is skipped
	summaries          []string // sheets skipped as summaries (summary.go)
	rowsSeen           int      // rows handed to the sheet parsers, for ParseOptions.stopped
	nResults, nMembers int      // rows read, also those already handed to emit
	nRegistrations     int      // 选民登记 rows read, likewise
	unregistered       bool     // a results row has no 登记选民 column: a 选民登记 table must give it
	missingColumns     bool     // a sheet lacks a required column, so its rows were not read
	// resultYear, resultTownship, resultCounty and resultBody are the 年份, 乡镇, 县 and 选举类型 of the
	// results rows read so far when they are all of one, for a roster later in the workbook without them.
	resultYear     oneOf[int]
	resultTownship oneOf[string]
	resultCounty   oneOf[string]
	resultBody     oneOf[string]
	// places are the results rows' townships and units, for rows below that name them another way.
	places filePlaces

	// Slabs for the optional values, so that a row costs a few allocations instead of one per cell. They
	// grow with the file (slab): a whole slab for every file cost the 900 small workbooks of the people's
	// congress set 50 MB of allocations.
	ints  []int
	bools []bool
	times []time.Time
}

// oneOf tells whether the values seen (but the zero value) were all one.
type oneOf[T comparable] struct {
	v    T
	many bool
}

func (o *oneOf[T]) see(v T) {
	var zero T
	if v != zero && v != o.v {
		o.many = o.many || o.v != zero
		o.v = v
	}
}

// only is the one value seen; false when none or several were.
func (o *oneOf[T]) only() (T, bool) {
	var zero T
	return o.v, o.v != zero && !o.many
}

// memberRaw keeps what the whole-file checks need to point at a member's cells.
type memberRaw struct {
	sheet      *sheetParser
	birth, age string
	party      string // 政治面貌 as written
}

func newFileParser(path string, opts ParseOptions) *fileParser {
	return &fileParser{path: path, opts: opts, out: &Parsed{Path: path}, hasKind: map[SheetKind]bool{}, sheetNo: map[string]int{}}
}

// slab is the size of the slab after one of size n is full: twice as large, from 16 up to most.
func slab(n, most int) int { return min(max(2*n, 16), most) }

func (fp *fileParser) newInt(v int) *int {
	if len(fp.ints) == cap(fp.ints) {
		fp.ints = make([]int, 0, slab(cap(fp.ints), 4096))
	}
	fp.ints = append(fp.ints, v)
	return &fp.ints[len(fp.ints)-1]
}

func (fp *fileParser) newBool(v bool) *bool {
	if len(fp.bools) == cap(fp.bools) {
		fp.bools = make([]bool, 0, slab(cap(fp.bools), 4096))
	}
	fp.bools = append(fp.bools, v)
	return &fp.bools[len(fp.bools)-1]
}

func (fp *fileParser) newTime(v time.Time) *time.Time {
	if len(fp.times) == cap(fp.times) {
		fp.times = make([]time.Time, 0, slab(cap(fp.times), 1024))
	}
	fp.times = append(fp.times, v)
	return &fp.times[len(fp.times)-1]
}

// add records a problem of the file. A value the message quotes is cut and its control characters
// made visible (shown), in Value and in the message alike, so that no cell can flood or drive the
// terminal a problem is printed on.
func (fp *fileParser) add(p Problem) {
	p.File = fp.path
	if v := shown(p.Value); v != p.Value {
		p.Message = strings.ReplaceAll(p.Message, p.Value, v)
		p.Value = v
	}
	p.Message = visible(p.Message)
	fp.out.Problems = append(fp.out.Problems, p)
}

// sheet starts reading a sheet; name is "" for a CSV file.
func (fp *fileParser) sheet(name string) *sheetParser {
	sp := &sheetParser{fp: fp, name: name, nameYear: yearInName(name)}
	sp.summary = isSummarySheet(sp.summaryName())
	if _, ok := fp.sheetNo[name]; !ok {
		fp.sheetNo[name] = len(fp.sheets)
	}
	fp.sheets = append(fp.sheets, sp)
	return sp
}

// maxPresize bounds how many rows are reserved ahead from a sheet's declared dimension.
const maxPresize = 100_000

// maxHeaderScan is how many non-empty rows may stand above the header (titles, notes); maxFormRows
// how many rows of labelled values (form.go) besides.
const (
	maxHeaderScan = 10
	maxFormRows   = 20
)

// sheetParser reads one sheet row by row: first looking for its header, then reading data rows.
type sheetParser struct {
	fp   *fileParser
	name string
	// ballots are the elections the sheet gives in a row per post's ballot, merged while read and
	// handed on at its end (ballots.go); ballotsSaid, ballotValidSaid: their notices are given.
	ballots                      map[Key]*ballot
	ballotOrder                  []*ballot
	ballotsSaid, ballotValidSaid bool
	educationRangeSaid           bool // the notice of a 学历 range is given (educationRangeNotice)
	nameYear                     int  // the year the sheet's name gives (2021年), for rows without a 年份
	// bodyFromPost: a members sheet without 选举类型 whose name gives no body: each row's 职务 names
	// its bodies (postsIn), and the row stands for one member per body.
	bodyFromPost bool
	// titles are the rows above the header that hold one text (title.go); townshipDefault is the
	// township of rows without a 乡镇(街道), from townshipFrom ("" until looked for).
	titles                        []titleRow
	townshipDefault, townshipFrom string
	// titleTown is the township the titles name (titleTownship), read once (titleTownRead).
	titleTown     string
	titleTownAt   titleRow
	titleTownRead bool
	// yearDefault is defaultYear, read once (yearDefaultRead).
	yearDefault     int
	yearDefaultRead bool
	headRows        []headRow // the rows scanned for the header, for a wide header of three rows or more
	// titleSaid: the rows' 乡镇(街道) need no more comparing with the title's (checkTitleTownship).
	titleSaid bool
	// unitsCut are the 村(社区) written with a body's name (东山村党支部) already said to be read as the
	// unit (electsum.UnitWithoutBody).
	unitsCut map[string]bool
	// unitOfBody: the sheet has no 村(社区) and its name names none, so a row's unit waits for its body
	// (unitOfMeeting); meetingSaid: the notice that a township's party congress is its unit was given.
	unitOfBody, meetingSaid bool
	// partyImplied: the roster has no 政治面貌, which only rows of party bodies can do without.
	partyImplied, partySaid bool
	// blankTownshipSaid: a blank 乡镇(街道) cell was said to take the township the title or a name gives.
	blankTownshipSaid bool
	// genderOfID: the roster has no 性别, and each member's is their 身份证号's (checkMember).
	genderOfID bool
	// twoCommitteesSaid: a row's 选举类型 naming the two committees was said to be read by its 职务;
	// dateYearSaid: a 选举日期 without its year was said to be of the row's 年份; postInBodySaid: a
	// 选举类型 naming a post (村党支部书记) was said to give the row's body and post.
	twoCommitteesSaid, dateYearSaid, postInBodySaid bool
	// countyOfName is the county the names give (nameCounty) and countyFrom which name, read once
	// (countyRead); countySaid: the notice was given (with --county: the title was compared with it).
	countyOfName, countyFrom string
	countyRead, countySaid   bool
	// placeAbove are the place cells of the data rows above (fillDown), and filledDown the columns whose
	// blank was said to be filled from them.
	placeAbove [numFields]string
	filledDown [numFields]bool
	dataRows   int        // rows below the header read as data so far
	topTotals  []topTotal // 合计 rows above every data row, checked at the sheet's end
	// lastRow is the data row read last, lastText whether it held one text only (a second table's title?)
	// and lastMark how many problems the file had before it (secondTable).
	lastRow, lastMark int
	lastText          bool
	lay               *layout
	skip              bool // the header lacks a required column, or the sheet is a summary: the rows are not read
	// registration: the sheet is a 选民登记 table (layout.registrationOnly), its rows read by
	// registrationRow; levelOfName is the level its names give (registrationLevel), read once (levelRead).
	registration bool
	levelOfName  string
	levelRead    bool

	// summary: the sheet's name says summary (isSummarySheet); undecided: its layout's effects wait for
	// its first row below the header, which decides whether it is data (summary.go).
	summary, undecided bool

	pending    []string // a header candidate, kept until the next row shows whether it has a second row
	pendingLay *layout
	// prev is the last row scanned for the header that did not become pending, above the row that was
	// above pending when it did: the upper row of a wide header whose lower row is a header by itself
	// (wide.go).
	prev, above       []string
	prevRow, aboveRow int
	wide              *wideLayout // the header is a wide one: a group of columns per body
	scanned           int
	nonEmpty          bool

	rows      int          // rows the sheet declares, to size slices; 0 if unknown
	merges    []mergeRange // sorted by top row
	nextMerge int
	active    []*mergeRange

	sumAll, sumSince [numFields]int // results' counts, for 合计/小计 rows

	// form are the labelled values above the table (form.go), formTwice the fields given twice with two
	// values, formRows the rows read for them, formOf the election a roster's rows
	// are of, for the form's counts.
	// held is a row of one text below data rows, read once the row below it shows whether it is the
	// title of a table of the other kind (otherTable).
	held *headRow
	// earlier are the layouts of the tables above the one being read (otherTable), in order.
	earlier   []*layout
	form      []formField
	formTwice [numFields]bool
	formRows  int
	formOf    formElection

	notesRow  int // the notes row that ended the table, 0 while the table goes on
	afterRows int // non-empty rows below the notes that are not notes themselves
	afterRow  int // the first of them
}

// mergeRange is a merged block of cells, 1-based inclusive, with the value of its top-left cell.
type mergeRange struct {
	r0, c0, r1, c1 int
	val            string
}

// maxMergeCol bounds how far a merged range is filled, so that a hostile A1:XFD1 cannot blow up rows.
const maxMergeCol = 256

// activateMerges brings into play the merged ranges that start at or above row, remembers the value of
// those whose top-left cell is in this row (readers leave the other cells of a range empty), and drops
// those that ended above it.
func (sp *sheetParser) activateMerges(row int, cells []string) {
	for sp.nextMerge < len(sp.merges) && sp.merges[sp.nextMerge].r0 <= row {
		sp.active = append(sp.active, &sp.merges[sp.nextMerge])
		sp.nextMerge++
	}
	kept := sp.active[:0]
	for _, m := range sp.active {
		if m.r1 < row {
			continue
		}
		if m.r0 == row && m.c0-1 < len(cells) {
			m.val = cells[m.c0-1]
		}
		kept = append(kept, m)
	}
	sp.active = kept
}

// fillMerged copies the value of every active merged range into the empty cells it covers in this row.
// Above the data (title and header rows) a value fills its whole block, so that a parent header merged
// across columns heads each of them. In the data area — ranges that start below the header — a value
// is only filled down its own column: a township merged over its villages' rows reaches each row, but a
// note merged across the row, or a figure merged over two columns, is never copied sideways into cells
// it does not belong to.
func (sp *sheetParser) fillMerged(row int, cells []string, data bool) []string {
	for _, m := range sp.active {
		if m.val == "" {
			continue
		}
		first, last := m.c0, min(m.c1, maxMergeCol)
		if data {
			if m.r0 <= sp.lay.headerEnd || m.r0 == row {
				continue
			}
			last = first
		}
		for len(cells) < last {
			cells = append(cells, "")
		}
		for c := first; c <= last; c++ {
			if cells[c-1] == "" {
				cells[c-1] = m.val
			}
		}
	}
	return cells
}

// placeFields are the columns a township writes once over a group of rows — merged down, or written
// only in the group's first row when the merge is lost (a CSV saved from merged cells, cells unmerged):
// the members sheet's 选举类型 too, written once over a body's members.
var placeFields = []field{fCounty, fTownship, fUnit, fYear, fBody}

// fillDown fills a data row's blank place cells (placeFields, 选举类型 among them: a results sheet grouped
// by body has it merged over its villages as a roster has it over its people) with the value above them in
// the sheet, with a notice per column the first time: a blank there means "as above",
// as the merged cells it was saved from showed it. Cells above the first value stay blank, and a blank
// 年份 the title, the sheet's name or --year gives a year to keeps the year rule (year).
func (sp *sheetParser) fillDown(row int, cells []string) []string {
	for _, f := range placeFields {
		i := sp.lay.col[f]
		if i < 0 || i >= formColumn {
			continue
		}
		if i < len(cells) && clean(cells[i]) != "" {
			sp.placeAbove[f] = cells[i]
			continue
		}
		v := sp.placeAbove[f]
		if v == "" || f == fYear && sp.defaultYear() != 0 { // the year rule's title, sheet name or --year first
			continue
		}
		for len(cells) <= i {
			cells = append(cells, "")
		}
		cells[i] = v
		if !sp.filledDown[f] {
			sp.filledDown[f] = true
			sp.problem(Notice, "filled_down", row, f, v, fmt.Sprintf("%s空白，按上方填写为“%s”(合并单元格取消合并或另存为 CSV 后常见)；本表这一列其他空白的单元格同样按上方填写", sp.label(f, row), shorten(clean(v), 20)))
		}
	}
	return cells
}

func isEmptyRow(cells []string) bool {
	for _, c := range cells {
		if c != "" && clean(c) != "" {
			return false
		}
	}
	return true
}

// row takes one row of cells (row is 1-based, as Excel shows it).
func (sp *sheetParser) row(row int, cells []string) {
	sp.fp.rowsSeen++
	if err := sp.fp.opts.stopped(sp.fp.rowsSeen); err != nil {
		panic(stopReading{err})
	}
	if sp.fp.emitErr != nil {
		return
	}
	if len(sp.merges) > 0 {
		sp.activateMerges(row, cells)
	}
	if sp.lay == nil {
		head := cells
		if len(sp.active) > 0 {
			head = sp.fillMerged(row, slices.Clone(cells), false)
		}
		if isEmptyRow(head) {
			return
		}
		sp.nonEmpty = true
		if !sp.findHeader(row, head) {
			return
		}
	}
	if len(sp.active) > 0 {
		cells = sp.fillMerged(row, cells, true)
	}
	if isEmptyRow(cells) {
		return
	}
	sp.nonEmpty = true
	if sp.skip || sp.endOfTable(row, cells) {
		return
	}
	if sp.secondTable(row, cells) {
		return
	}
	if h := sp.held; h != nil { // a row of one text above: the title of a table of the other kind, or data
		sp.held = nil
		if sp.otherTable(row, cells) {
			return
		}
		sp.dataRow(h.row, h.cells)
	}
	if sp.dataRows > 0 && sp.wide == nil && oneText(cells) {
		sp.held = &headRow{row, slices.Clone(cells)}
		return
	}
	if sp.dataRows > 0 && sp.otherTable(row, cells) {
		return
	}
	sp.dataRow(row, cells)
}

// dataRow reads a row below the header that is neither notes nor a second table.
func (sp *sheetParser) dataRow(row int, cells []string) {
	if sp.undecided && !sp.decide(row, cells) {
		return
	}
	if sp.wide != nil {
		sp.wideRow(row, cells)
		return
	}
	sp.checkCharacters(row, cells)
	if sp.total(row, cells) {
		return
	}
	cells = sp.fillDown(row, cells)
	sp.dataRows++
	switch {
	case sp.registration:
		sp.registrationRow(row, cells)
	case sp.lay.spec.kind == ResultsSheet:
		sp.result(row, cells)
	default:
		sp.member(row, cells)
	}
}

// findHeader looks for the header among the first rows; it returns true when this row is data below a
// header just recognised.
func (sp *sheetParser) findHeader(row int, cells []string) bool {
	if len(sp.headRows) < maxHeaderScan+2 {
		sp.headRows = append(sp.headRows, headRow{row, slices.Clone(cells)})
	}
	if sp.pending != nil {
		var comb *layout
		if mayAddColumns(sp.pending, cells) {
			comb = bestHeader(sp.pending, cells)
		}
		if comb != nil && comb.isHeader() && comb.matched > sp.pendingLay.matched {
			comb.headerEnd = row
			sp.header(comb, sp.pending, sp.pendingLay.headerEnd, cells)
			return false
		}
		if sp.pendingLay.isHeader() {
			sp.header(sp.pendingLay, sp.above, sp.aboveRow, sp.pending)
			return true
		}
		sp.prev, sp.prevRow = sp.pending, sp.pendingLay.headerEnd
		sp.pending, sp.pendingLay = nil, nil
	}
	if sp.scanned < maxHeaderScan && sp.formRows < maxFormRows && sp.noteForm(row, cells) {
		sp.formRows++ // a form's rows are not counted against maxHeaderScan: a 选举结果报告单 has many
		sp.prev, sp.prevRow = append([]string(nil), cells...), row
		sp.noteTitle(row, cells) // its 填报单位：北山乡人民政府, or a 乡镇：青石镇 alone, names the township as before
		return false
	}
	if sp.scanned >= maxHeaderScan {
		return false
	}
	sp.scanned++
	if l := bestHeader(nil, cells); l != nil && l.matched >= 2 {
		sp.pending = append([]string(nil), cells...)
		l.headerEnd = row
		sp.pendingLay = l
		sp.above, sp.aboveRow = sp.prev, sp.prevRow
		return false
	}
	sp.prev, sp.prevRow = append([]string(nil), cells...), row
	sp.noteTitle(row, cells)
	return false
}

// header puts a recognised header into effect: as a wide one (wide.go) when it is of a results sheet,
// lacks 选举类型 and the row above it (upper, at upperRow) names bodies over its column groups; lower is
// its last row.
func (sp *sheetParser) header(l *layout, upper []string, upperRow int, lower []string) {
	if l.spec.kind == ResultsSheet && l.col[fBody] < 0 && upper != nil && !l.registrationOnly() {
		w := sp.wideHeader(upper, lower, upperRow, l.headerEnd)
		if w == nil {
			if bodies, row := sp.bodiesAbove(upper, upperRow); bodies != nil {
				w = sp.wideHeader(bodies, lower, row, l.headerEnd)
			}
		}
		if w != nil {
			sp.wide = w
			if len(w.groups) > 0 {
				l = w.groups[0].lay
			}
		}
	}
	sp.setLayout(l)
}

// end finishes the sheet.
func (sp *sheetParser) end() {
	if h := sp.held; h != nil {
		sp.held = nil
		sp.dataRow(h.row, h.cells)
	}
	sp.keepBallots()
	if len(sp.topTotals) > 0 {
		sp.checkTopTotals()
	}
	if sp.afterRows > 0 {
		sp.fp.add(Problem{Severity: Warning, Sheet: sp.name, Row: sp.afterRow, Rule: "rows_after_notes",
			Message: fmt.Sprintf("%s第%d行是表格下方的说明，表格到此结束；其下第%d行起还有 %d 行内容未导入：如是数据，请移到说明行之上后重新导入",
				sp.where(), sp.notesRow, sp.afterRow, sp.afterRows)})
	}
	if sp.lay == nil && sp.pendingLay != nil && sp.pendingLay.isHeader() {
		sp.header(sp.pendingLay, sp.above, sp.aboveRow, sp.pending)
	}
	if sp.undecided {
		sp.undecided = false
		sp.skipSummary("表头下面没有数据行")
	}
	switch {
	case len(sp.form) == 0:
	case sp.lay != nil && sp.lay.spec.kind == MembersSheet && !sp.skip:
		sp.formResult()
	case sp.lay == nil && sp.formOnly():
		sp.setLayout(sp.formLayout())
		if !sp.skip {
			sp.result(sp.lay.headerEnd, nil)
		}
	}
	switch {
	case sp.lay == nil && sp.nonEmpty && !isGuideSheet(sp.name):
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Rule: "unknown_sheet",
			Message: sp.where() + "没有可识别的表头(选举结果或当选人员)，已跳过"})
	case !sp.nonEmpty && sp.name != "" && !isGuideSheet(sp.name):
		// A blank sheet (Excel's Sheet2, Sheet3) or a chart sheet: nothing to read, but said, so that a
		// sheet the township meant to fill is not passed over in silence.
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Rule: "empty_sheet",
			Message: sp.where() + "是空白表或图表，没有数据，已跳过"})
	}
}

func (sp *sheetParser) where() string {
	if sp.name == "" {
		return "文件"
	}
	return "工作表“" + sp.name + "”"
}

func (sp *sheetParser) setLayout(l *layout) {
	sp.lay, sp.pending, sp.pendingLay = l, nil, nil
	if sp.summary {
		sp.undecided = true // its first row decides (summary.go)
		return
	}
	sp.useLayout()
}

// useLayout puts a sheet's header into effect: its table is in the file, its notices and missing
// columns are reported.
func (sp *sheetParser) useLayout() {
	l := sp.lay
	if sp.wide == nil && l.listOnly() {
		sp.skip = true
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Rule: "list_sheet",
			Message: fmt.Sprintf("%s的各列(%s)只有可选值，是下拉选项表，不是选举结果或当选人员表，未读取", sp.where(), strings.Join(l.headers(), "、"))})
		return
	}
	sp.registration = sp.wide == nil && l.registrationOnly()
	sp.fp.hasKind[sp.kind()] = true
	// The sheet's size is a hint only: a hostile file may lie. A streaming parser hands its rows on every
	// streamBatch rows, and reserves no more than that. (A township's workbook, read in one batch, grew
	// its slices by doubling: 37 of the people's congress set's 218 MB allocated a load.)
	n := min(sp.rows-l.headerEnd, maxPresize)
	if sp.fp.emit != nil {
		n = min(n, streamBatch)
	}
	if n > 0 && !sp.registration {
		if l.spec.kind == ResultsSheet {
			sp.fp.out.Results = slices.Grow(sp.fp.out.Results, n)
		} else {
			sp.fp.out.Members = slices.Grow(sp.fp.out.Members, n)
			sp.fp.raw = slices.Grow(sp.fp.raw, n)
		}
	}
	if w := sp.wide; w != nil && w.refusal != nil {
		sp.skip, sp.fp.missingColumns = true, true
		sp.fp.add(*w.refusal)
		return
	}
	notices := l
	if sp.wide != nil {
		notices = sp.wide.notices
	}
	for _, u := range notices.unknown {
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: u.text, Cell: cellRef(u.index, l.headerEnd),
			Value: u.text, Rule: "unknown_column",
			Message: fmt.Sprintf("%s的列“%s”不是标准列，已忽略", sp.where(), u.text)})
	}
	for _, n := range notices.near {
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: n.text, Cell: cellRef(n.index, l.headerEnd),
			Value: n.text, Rule: "column_read_as",
			Message: fmt.Sprintf("%s的列“%s”按标准列“%s”读取：如不是这个意思，请改用标准列名", sp.where(), n.text, l.spec.cols[n.field].Header)})
	}
	for _, d := range notices.derived {
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: d.text, Cell: cellRef(d.index, l.headerEnd),
			Value: d.text, Rule: "derived_column",
			Message: fmt.Sprintf("%s的列“%s”是由%s算出的%s，不导入：%s按这些列自己计算，不必填写", sp.where(), d.text, d.derived.From, d.derived.Header, sp.fp.program())})
	}
	if sp.wide != nil {
		sp.wideMissing()
		return
	}
	switch {
	case len(l.grouped) == 0:
	case l.groupedByPost():
		sp.groupedNotice(l)
	default:
		sp.groupedColumnsError(l)
	}
	if len(sp.form) > 0 {
		sp.useForm(l)
	}
	for _, h := range l.missing() {
		if sp.registration && h != colTownship.Header && h != colUnit.Header && h != colYear.Header {
			continue // a 选民登记 table needs its place, not the results columns
		}
		if h == colRegistered.Header {
			continue // a 选民登记 table of the load may give it (registration_missing.sql)
		}
		filled, advice := sp.fillMissing(h, l.headerEnd)
		if !filled {
			sp.missingColumn(h, advice)
		}
	}
	if len(l.schooling) > 0 {
		sp.schoolingNotice(l)
	}
	if len(l.posts) > 0 && !(sp.bodyFromPost && l.col[fPosition] < 0) {
		for _, pc := range l.posts { // the rows' 选举类型 and 职务 say it: the columns are not read
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: pc.text, Cell: cellRef(pc.index, l.headerEnd),
				Value: pc.text, Rule: "unknown_column", Message: fmt.Sprintf("%s的列“%s”不是标准列，已忽略", sp.where(), pc.text)})
		}
	}
}

// kind is the kind of table the sheet is: its layout's, or a 选民登记 table read with the results
// sheet's columns.
func (sp *sheetParser) kind() SheetKind {
	if sp.registration {
		return RegistrationSheet
	}
	return sp.lay.spec.kind
}

// missingColumn refuses the sheet for lacking the required column h: its rows are not read.
func (sp *sheetParser) missingColumn(h, advice string) {
	sp.skip, sp.fp.missingColumns = true, true
	sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: sp.lay.headerEnd, Column: h, Rule: "missing_column",
		Message: fmt.Sprintf("%s是%s表，但缺少必填列“%s”：请在表头行添加该列并填写(%s)", sp.where(), sp.kind(), h, advice)})
}

// unitOfMeeting gives a row of a sheet without 村(社区) (unitOfBody) its unit once its body is known:
// the bodies a township's 党代会 elects are the meeting's (electsum.PartyCongressUnit), as a township's
// own form leaves the column out; a row of any other body needs the column, and the sheet is refused.
func (sp *sheetParser) unitOfMeeting(k *Key, row int) {
	if !sp.unitOfBody || k.Unit != "" || k.Body == "" {
		return
	}
	if electsum.Body(k.Body).UnitKind() != electsum.Township {
		sp.missingColumn(colUnit.Header, sp.fp.templateAdvice()+"；乡镇党代会选举的表可以不填")
		return
	}
	if k.Township == "" {
		return // missing already
	}
	k.Unit = electsum.PartyCongressUnit(k.Township)
	if !sp.meetingSaid {
		sp.meetingSaid = true
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: colUnit.Header, Value: k.Unit, Rule: "unit_of_meeting",
			Message: fmt.Sprintf("%s没有“村(社区)”列，乡镇党代会选举的各行归入“%s”：如不对，请在表头行添加“村(社区)”列并填写", sp.where(), k.Unit)})
	}
}

// kindOfName is the kind of unit a name says it is, in either script: a community (…社区, 社區, or 社群
// as Taiwan phrasing writes it), a village (…村), else "".
func kindOfName(unit string) electsum.UnitKind {
	f := fold(unit, false)
	switch {
	case strings.HasSuffix(f, "社区"), strings.HasSuffix(f, "社群"):
		return electsum.Community
	case strings.HasSuffix(f, "村"):
		return electsum.Village
	}
	return ""
}

// postKind is the kind of unit whose bodies a members row's 职务 may name (postsIn): a township's on a
// roster without 村(社区) (its 党代会's), a community's on a 社区's row, else a village's.
func (sp *sheetParser) postKind(unit string) electsum.UnitKind {
	switch {
	case sp.unitOfBody:
		return electsum.Township
	case kindOfName(unit) == electsum.Community:
		return electsum.Community
	}
	return electsum.Village
}

// party is a members row's 政治面貌. A roster without the column (partyImplied) may only be of party
// bodies, whose members are 中共党员 by the party's rules (a 预备党员 cannot be elected): it is filled in,
// with a notice once; a row of another body needs the column, and the sheet is refused. On a party body
// a blank cell is a warning (checkParty), not missing_value.
func (sp *sheetParser) party(cells []string, row int, body electsum.Body) string {
	if !sp.partyImplied {
		return sp.enumValue(cells, row, fParty, !body.Party(), false)
	}
	if body == "" {
		return ""
	}
	if !body.Party() {
		sp.missingColumn(colParty.Header, sp.fp.templateAdvice()+"；党组织的当选人员名单可以不填(都是中共党员)")
		return ""
	}
	if !sp.partySaid {
		sp.partySaid = true
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: colParty.Header, Value: electsum.FullPartyMember, Rule: "party_of_body",
			Message: fmt.Sprintf("%s没有“政治面貌”列，%s等党组织的当选人员按中共党员统计：如不对，请在表头行添加“政治面貌”列并填写", sp.where(), body)})
	}
	return electsum.FullPartyMember
}

// position is a members row's 职务. A body without a head (人大代表, 出席上级党代会代表) has no post but
// 代表, so its roster may leave the column out or blank; a sheet without the column holding a row of
// another body lacks a required column (fillMissing let the header through for this).
func (sp *sheetParser) position(cells []string, row int, body electsum.Body) string {
	if body != "" && body.Head() == "" && sp.cell(cells, fPosition) == "" {
		return string(electsum.Deputy)
	}
	if sp.lay.col[fPosition] < 0 {
		sp.missingColumn(colPosition.Header, sp.fp.templateAdvice()+"；人大代表、出席上级党代会代表的名册可以不填")
		return ""
	}
	return positionFor(sp.enumValue(cells, row, fPosition, true, true), body)
}

// fillMissing says whether a required column h the sheet lacks is filled all the same — the year the
// sheet's name gives or the load was given, the township the file's name gives, the village the sheet is named after, the body
// the sheet's or the file's name names — and
// then adds the notice that says so; else advice is what to tell the user besides adding the column.
func (sp *sheetParser) fillMissing(h string, row int) (filled bool, advice string) {
	advice = sp.fp.templateAdvice()
	switch h {
	case colTownship.Header:
		if sp.fillTownship(h, row) {
			return true, ""
		}
	case colUnit.Header:
		if u, from := sp.nameUnit(); u != "" {
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: u, Rule: "unit_from_sheet",
				Message: fmt.Sprintf("%s没有“村(社区)”列，各行按%s归入“%s”：如不对，请在表头行添加“村(社区)”列并填写", sp.where(), from, u)})
			return true, ""
		}
		if !sp.registration {
			sp.unitOfBody = true // a township's own 党代会 form needs none: the body decides row by row
			return true, ""
		}
	case "性别", birthOrAge:
		if sp.lay.col[fIDNumber] >= 0 {
			// The 身份证号 gives both, row by row (checkMember); a row without a valid one is told there.
			lacks, what := "“性别”列", "性别"
			if h == birthOrAge {
				lacks, what = "“出生年月”和“年龄”列", "出生年月"
			} else {
				sp.genderOfID = true
			}
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Rule: "from_id_number",
				Message: fmt.Sprintf("%s没有%s，各人的%s按“%s”列的身份证号读出：如不对，请在表头行添加“%s”列并填写", sp.where(), lacks, what, sp.lay.header[fIDNumber], what)})
			return true, ""
		}
	case colParty.Header:
		if sp.lay.spec.kind == MembersSheet {
			sp.partyImplied = true // a roster of party bodies needs none: the body decides row by row
			return true, ""
		}
	case colPosition.Header:
		return true, "" // a roster of deputies needs none: position decides row by row
	case colBody.Header:
		if b, from := sp.nameBody(); b != "" {
			sp.lay.body = b
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: b, Rule: "body_from_name",
				Message: fmt.Sprintf("%s没有“选举类型”列，各行按%s归入“%s”：如不对，请在表头行添加“选举类型”列并填写", sp.where(), from, b)})
			return true, ""
		}
		if b, ok := sp.fp.resultBody.only(); ok && sp.lay.spec.kind == MembersSheet {
			sp.lay.body = b
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: b, Rule: "body_from_results",
				Message: fmt.Sprintf("%s没有“选举类型”列，各行按本文件选举结果表归入“%s”：如不对，请在表头行添加“选举类型”列并填写", sp.where(), b)})
			return true, ""
		}
		if sp.lay.spec.kind == MembersSheet && sp.lay.col[fPosition] < 0 && len(sp.lay.posts) > 0 {
			sp.bodyFromPost = true
			sp.postColumnsNotice(row)
			return true, ""
		}
		if sp.lay.spec.kind == MembersSheet && sp.lay.col[fPosition] >= 0 {
			sp.bodyFromPost = true
			posts := "党支部书记、支委归入村党组织，村委会主任、村委会委员归入村民委员会，监委会委员归入村务监督委员会；“党支部书记、村委会主任”归入两个组织"
			if sp.unitOfBody {
				posts = "镇党委书记、镇党委委员归入乡镇党委，镇纪委书记、镇纪委委员归入乡镇纪委，出席县党代会代表归入出席上级党代会代表；“镇党委委员、出席县党代会代表”归入两个组织"
			}
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Rule: "body_from_position",
				Message: fmt.Sprintf("%s没有“选举类型”列，各行按职务归入组织(%s)：如不对，请在表头行添加“选举类型”列，每人每个组织填一行", sp.where(), posts)})
			return true, ""
		}
	case colYear.Header:
		if sp.fillYear(h, row) {
			return true, ""
		}
		if y := sp.nameYear; y != 0 {
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: fmt.Sprint(y), Rule: "year_from_sheet",
				Message: fmt.Sprintf("%s没有“年份”列，各行按工作表名归入 %d 年%s：如不对，请在表头行添加“年份”列并填写", sp.where(), y, sp.overYearOption(y))})
			return true, ""
		}
		if sp.fp.opts.Year != 0 {
			return true, "" // every row takes the year the load was given
		}
		if y, ok := sp.fp.resultYear.only(); ok && sp.lay.spec.kind == MembersSheet {
			sp.yearDefault, sp.yearDefaultRead = y, true
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: fmt.Sprint(y), Rule: "year_from_results",
				Message: fmt.Sprintf("%s没有“年份”列，各行按本文件选举结果表的年份归入 %d 年：如不对，请在表头行添加“年份”列并填写", sp.where(), y)})
			return true, ""
		}
		advice = sp.fp.yearAdvice() + "；" + advice
	}
	return false, advice
}

// templateAdvice says where the blank workbook with the standard headers comes from: the command, or on
// the web page its link.
func (fp *fileParser) templateAdvice() string { return templateAdvice(fp.opts.page) }

// templateAdvice is fileParser.templateAdvice for the web page's import (page) or the command line.
func templateAdvice(page bool) string {
	if page {
		return "可在“数据导入”页点“下载空白采集表”，照它的表头填写"
	}
	return "可用 electsum template 生成标准采集表"
}

// yearAdvice says how a whole load is given its year when the sheets have no 年份 column: the flag, or
// on the web page its field.
func (fp *fileParser) yearAdvice() string {
	if fp.opts.page {
		return "或在“数据导入”页填写“归入的年份”，整批表格按该年份导入"
	}
	return "或导入时加 --year 2024 这样的参数，整批表格按该年份导入"
}

// program is what messages call electsum: its name on the command line, 本程序 on the web page.
func (fp *fileParser) program() string {
	if fp.opts.page {
		return "本程序"
	}
	return "electsum "
}

// cellRef is the A1 reference of a 0-based cell index in a 1-based row.
func cellRef(index, row int) string {
	name, err := excelize.CoordinatesToCellName(index+1, row)
	if err != nil {
		return ""
	}
	return name
}

// ref is the A1 reference of a field's cell in a row.
func (sp *sheetParser) ref(f field, row int) string {
	l := sp.layAt(row)
	if f == fBody && l.body != "" { // a wide sheet's group: its body is named above it
		return l.bodyRef
	}
	if l.col[f] < 0 {
		return ""
	}
	return sp.formRef(l.col[f], row)
}

// layAt is the layout of the table a row is in: the sheet's, or of a sheet with a table of each kind
// (otherTable) the one whose header is the last above the row — the whole-file checks name a results
// row's cells once the roster below it has been read.
func (sp *sheetParser) layAt(row int) *layout {
	if len(sp.earlier) == 0 || row > sp.lay.headerEnd {
		return sp.lay
	}
	for i := len(sp.earlier) - 1; i >= 0; i-- {
		if row > sp.earlier[i].headerEnd {
			return sp.earlier[i]
		}
	}
	return sp.lay
}

// cell is a field's trimmed text, "" when the sheet lacks the column.
func (sp *sheetParser) cell(cells []string, f field) string {
	i := sp.lay.col[f]
	if i < 0 || i >= len(cells) {
		if i >= formColumn {
			return sp.formCell(i)
		}
		return ""
	}
	return clean(cells[i])
}

// problem records a problem about one field's cell.
func (sp *sheetParser) problem(sev Severity, rule string, row int, f field, value, msg string) {
	sp.fp.add(Problem{Severity: sev, Sheet: sp.name, Row: row, Column: sp.lay.header[f], Cell: sp.ref(f, row),
		Value: value, Rule: rule, Message: msg})
}

// label is how a message names a field's cell: 登记选民数(H5).
func (sp *sheetParser) label(f field, row int) string {
	return sp.layAt(row).header[f] + "(" + sp.ref(f, row) + ")"
}

// cellLabel names the cell of a column the layout reads beside its fields (全日制学历(J5)), as label does.
func cellLabel(header string, index, row int) string {
	return header + "(" + cellRef(index, row) + ")"
}

func (sp *sheetParser) missingValue(row int, f field) {
	sp.problem(Error, "missing_value", row, f, "", fmt.Sprintf("%s为必填项，本行未填写：请补填", sp.label(f, row)))
}

func (sp *sheetParser) wrongType(row int, f field, v, what, example string) {
	sp.problem(Error, "wrong_type", row, f, v, wrongTypeMessage(sp.label(f, row), v, what, example))
}

// wrongTypeMessage says that the cell labelled label (登记选民数(H5)) holds v, not a what like example.
func wrongTypeMessage(label, v, what, example string) string {
	return fmt.Sprintf("%s“%s”不是有效的%s：请填写%s", label, v, what, example)
}

// badEnumMessage says that the cell labelled label holds v, none of values.
func badEnumMessage(label, v string, values []string) string {
	return fmt.Sprintf("%s“%s”不是可选值：请填写 %s 之一", label, v, strings.Join(values, "、"))
}

// intWhat and intExample are how a count's message names what it wants.
const intWhat, intExample = "整数", "不小于 0 的整数，如 1234"

func (sp *sheetParser) text(cells []string, row int, f field, required bool) string {
	v := sp.cell(cells, f)
	if v == "" {
		if required {
			sp.missingValue(row, f)
		}
		return ""
	}
	return cleanText(v)
}

// typed reads the cell of f with parse: a blank cell is missing (a problem when required) and a value
// parse refuses is wrong_type (what the cell should hold, and an example); ok only for a parsed value.
func typed[T any](sp *sheetParser, cells []string, row int, f field, required bool, parse func(string) (T, bool), what, example string) (v T, ok bool) {
	s := sp.cell(cells, f)
	if s == "" {
		if required {
			sp.missingValue(row, f)
		}
		return v, false
	}
	if v, ok = parse(s); !ok {
		if noneMark(s) { // — or / in a count a form does not apply to: not given, never read as 0
			if required {
				sp.missingValue(row, f)
			}
			return v, false
		}
		sp.wrongType(row, f, s, what, example)
	}
	return v, ok
}

// noneMark reports whether a cell holds only the mark a form puts where it gives nothing: —, ——, -, /,
// 无 (either width, either script).
func noneMark(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= 3 && strings.Trim(s, "—–-－/／\\无無 ") == ""
}

func (sp *sheetParser) intValue(cells []string, row int, f field, required bool) *int {
	if n, ok := typed(sp, cells, row, f, required, parseInt, intWhat, intExample); ok {
		return sp.fp.newInt(n)
	}
	return nil
}

func (sp *sheetParser) boolValue(cells []string, row int, f field, required bool) *bool {
	c := sp.lay.spec.cols[f]
	negated := c.negated(sp.lay.header[f])
	yesNo := func(v string) (bool, bool) { // 是/否, or a word that means one of them in this column
		if b, ok := parseBool(v); ok {
			return b != negated, true
		}
		if b, ok := c.meansYesNo(v); ok {
			return b, true
		}
		if bare := stripBracketed(v); bare != v && bare != "" { // 是（连任）, 否(新当选)
			if b, ok := parseBool(bare); ok {
				return b != negated, true
			}
			return c.meansYesNo(bare)
		}
		return false, false
	}
	if b, ok := typed(sp, cells, row, f, required, yesNo, "是/否", "“是”或“否”"); ok {
		return sp.fp.newBool(b)
	}
	return nil
}

// enumValue returns the canonical value; keepUnknown keeps a value outside the list as written
// (职务 may be any title) instead of reporting it.
func (sp *sheetParser) enumValue(cells []string, row int, f field, required, keepUnknown bool) string {
	v := sp.cell(cells, f)
	if v == "" {
		if required {
			sp.missingValue(row, f)
		}
		return ""
	}
	c := sp.lay.spec.cols[f]
	canon, ok := parseEnum(c.Key, v)
	if !ok && c.Remarked {
		canon, ok = parseEnum(c.Key, stripBracketed(v))
	}
	if ok {
		return canon
	}
	if c.Key == "education" {
		if r, ok := educationRange(v); ok {
			sp.educationRangeNotice(row, sp.layAt(row).header[f], sp.ref(f, row), v, r)
			return r
		}
	}
	if keepUnknown {
		return cleanText(v)
	}
	sp.problem(Error, "bad_enum", row, f, v, badEnumMessage(sp.label(f, row), v, c.Values))
	return ""
}

// educationRangeNotice says, once per sheet, how a 学历 giving a range (educationRange) is counted: v in
// the cell ref of the column as written, of the range name.
func (sp *sheetParser) educationRangeNotice(row int, column, ref, v, name string) {
	if sp.educationRangeSaid {
		return
	}
	sp.educationRangeSaid = true
	values := strings.Join(electsum.EducationRanges()[name], "、")
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: column, Cell: ref, Value: v, Rule: "education_range",
		Message: fmt.Sprintf("%s(%s)“%s”是一个学历段(%s)，没有写明本人是哪一种：按“%s”记录，报告中计入包含%s的学历分组，不计入只含其中一部分的分组；本表其他这样填写的单元格同样处理。如知道本人学历，请改填其中一种", column, ref, v, values, name, values)})
}

func (sp *sheetParser) yearValue(cells []string, row int, f field) int {
	y, _ := typed(sp, cells, row, f, true, ParseYear, "年份", "四位数字的年份，如 2024")
	return y
}

// township is the row's 乡镇(街道), or the one the file's name gives a sheet without that column.
func (sp *sheetParser) township(cells []string, row int) string {
	if sp.lay.col[fTownship] < 0 {
		if t, _ := sp.defaultTownship(); t != "" {
			return t
		}
	}
	if sp.cell(cells, fTownship) == "" {
		// Blank with nothing above it (fillDown fills the rest): the township the title or a name gives.
		if t, from := sp.defaultTownship(); t != "" {
			if !sp.blankTownshipSaid {
				sp.blankTownshipSaid = true
				sp.problem(Notice, townshipRule(from), row, fTownship, t, fmt.Sprintf("%s空白，按%s归入“%s”；本表这一列其他空白的单元格同样处理：如不对，请填写", sp.label(fTownship, row), from, t))
			}
			return t
		}
	}
	t := sp.limitLength(row, fTownship, sp.text(cells, row, fTownship, true), maxPlaceName)
	if t != "" && !sp.titleSaid {
		sp.checkTitleTownship(row, t)
	}
	return t
}

// unit is the row's 村(社区), or the one the sheet is named after when it has no such column.
func (sp *sheetParser) unit(cells []string, row int) string {
	if sp.lay.col[fUnit] < 0 {
		if u, _ := sp.nameUnit(); u != "" || sp.unitOfBody {
			return u // "": unitOfMeeting gives it once the body is known
		}
	}
	u := sp.limitLength(row, fUnit, sp.text(cells, row, fUnit, true), maxPlaceName)
	if cut, ok := electsum.UnitWithoutBody(u); ok {
		if !sp.unitsCut[u] {
			if sp.unitsCut == nil {
				sp.unitsCut = map[string]bool{}
			}
			sp.unitsCut[u] = true
			sp.problem(Notice, "unit_body_name", row, fUnit, u, fmt.Sprintf("%s“%s”读作“%s”：村(社区)列填村或社区的名称，不必写党支部、村委会等组织名称；本表其他行同样处理", sp.label(fUnit, row), u, cut))
		}
		return cut
	}
	return u
}

// nameUnit is the village or community the sheet is named after, else the one its title names
// (青石镇东山村“两委”班子成员花名册: electsum.UnitInTitle), else the file's (东山村.xlsx: a village's own
// 选举结果报告单), and which it was; "" when none names one.
func (sp *sheetParser) nameUnit() (unit, from string) {
	if u := electsum.UnitInName(sp.name); u != "" {
		return u, "工作表名"
	}
	if u, at := fromTitles(sp.titles, electsum.UnitInTitle, scriptKey); u != "" {
		return u, fmt.Sprintf("第%d行的标题“%s”", at.row, shorten(at.text, 40))
	}
	base := filepath.Base(sp.fp.path)
	if u := electsum.UnitInName(strings.TrimSuffix(base, filepath.Ext(base))); u != "" {
		return u, "文件名"
	}
	return "", ""
}

// nameBody is the body the sheet's title names (青石镇村委会换届选举情况统计表), else its name's, else the
// file's (bodyInName), and which it was: nearest the rows first, as title.go takes the township.
func (sp *sheetParser) nameBody() (body, from string) {
	if b := sp.titleBody(); b != "" {
		return b, "标题"
	}
	if b := bodyInName(sp.name); b != "" {
		return b, "工作表名"
	}
	base := filepath.Base(sp.fp.path)
	if b := bodyInName(strings.TrimSuffix(base, filepath.Ext(base))); b != "" {
		return b, "文件名"
	}
	return "", ""
}

// nameTownship is the township the file's name names, else its folder's (electsum.TownshipInName), for
// sheets without a 乡镇(街道) column: a township's own form often leaves it out. "" when neither names one.
func (fp *fileParser) nameTownship() string {
	if fp.townshipOfName == nil {
		t := electsum.TownshipInName(filepath.Base(fp.path))
		if t == "" {
			t = electsum.TownshipInName(filepath.Base(filepath.Dir(fp.path)))
		}
		fp.townshipOfName = &t
	}
	return *fp.townshipOfName
}

// year is the row's 年份; when the sheet has no 年份 or leaves it blank, the year its name gives, else
// the year the load was given. Never its 选举日期's: a term's elections may straddle the new year (a 2021
// 村两委 term elected from late 2020, 县乡人大 into 2022), and a wrong year moves a township to another term.
func (sp *sheetParser) year(cells []string, row int) int {
	if sp.cell(cells, fYear) == "" {
		if y := sp.defaultYear(); y != 0 {
			return y
		}
	}
	return sp.yearValue(cells, row, fYear)
}

func (sp *sheetParser) termValue(cells []string, row int, f field) *int {
	if n, ok := typed(sp, cells, row, f, false, parseTerm, "届次", "如 10 或 第十届"); ok {
		return sp.fp.newInt(n)
	}
	return nil
}

// electionDate is a results row's 选举日期. A date written without its year (3月15日, 3月15号), as a form
// whose title gives the year often has it, is of the row's 年份, with a notice the first time on the
// sheet; anything else is a full date (dateValue).
func (sp *sheetParser) electionDate(cells []string, row, year int) *time.Time {
	v := sp.cell(cells, fDate)
	if first, last, ok := dateRange(v); ok {
		if t, ok := dateOfYear(first, year); ok {
			if end, ok := rangeEnd(t, last); ok {
				sp.problem(Notice, "date_range", row, fDate, v, fmt.Sprintf("%s“%s”是 %s 至 %s 几天：按第一天 %s 计(当选人员的年龄等按这一天计算)；如选举在另一天，请填写那一天",
					sp.label(fDate, row), v, t.Format("2006-01-02"), end.Format("2006-01-02"), t.Format("2006-01-02")))
				return sp.fp.newTime(t)
			}
		}
	}
	if m, d, ok := monthDay(v); ok && year != 0 {
		t, ok := validDate(year, m, d)
		if !ok {
			sp.wrongType(row, fDate, v, "日期", "如 2024-03-15 的日期")
			return nil
		}
		if !sp.dateYearSaid {
			sp.dateYearSaid = true
			sp.problem(Notice, "date_from_year", row, fDate, v, fmt.Sprintf("%s“%s”没有写年份，按本行的年份读作 %s；本表其他没写年份的日期同样处理", sp.label(fDate, row), v, t.Format("2006-01-02")))
		}
		return sp.fp.newTime(t)
	}
	return sp.dateValue(cells, row, fDate)
}

// dateOfYear reads a full date, or a month and a day of year (monthDay) when year is known.
func dateOfYear(s string, year int) (time.Time, bool) {
	if m, d, ok := monthDay(s); ok && year != 0 {
		return validDate(year, m, d)
	}
	return parseDate(s)
}

func (sp *sheetParser) dateValue(cells []string, row int, f field) *time.Time {
	if t, ok := typed(sp, cells, row, f, false, parseDate, "日期", "如 2024-03-15 的日期"); ok {
		return sp.fp.newTime(t)
	}
	return nil
}

func (sp *sheetParser) birthValue(cells []string, row int, f field) *time.Time {
	if t, ok := typed(sp, cells, row, f, false, parseBirth, "出生年月", "如 1975.03 的年月"); ok {
		return sp.fp.newTime(t)
	}
	return nil
}

// county is the row's 县(市、区): its cell, else the county the load was given, else the one the sheet's
// title, its name, the file's name or its folders' name (nameCounty), with a notice the first time on the
// sheet; "" leaves it to resolveCounties.
func (sp *sheetParser) county(cells []string, row int) string {
	if c := sp.limitLength(row, fCounty, sp.text(cells, row, fCounty, false), maxPlaceName); c != "" {
		return c
	}
	if sp.fp.opts.County != "" {
		if !sp.countySaid {
			sp.countySaid = true
			sp.titleCountyOverOption(row)
		}
		return sp.fp.opts.County
	}
	if !sp.countyRead {
		sp.countyRead = true
		sp.countyOfName, sp.countyFrom = sp.nameCounty()
	}
	c, from := sp.countyOfName, sp.countyFrom
	if c != "" && !sp.countySaid {
		sp.countySaid = true
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: colCounty.Header, Value: c, Rule: "county_from_name",
			Message: fmt.Sprintf("%s没有填写县(市、区)，各行按%s归入“%s”：如不对，请在“县(市、区)”列填写县名，或导入时指定县名(--county)", sp.where(), from, c)})
	}
	return c
}

// titleCountyOverOption warns when the sheet's title names another county than the one the load was
// given for rows without one: the option wins, but a folder of several counties' forms loaded under one
// --county would put a whole township under the wrong county without a word.
func (sp *sheetParser) titleCountyOverOption(row int) {
	c, title := fromTitles(sp.titles, electsum.CountyInName, scriptKey)
	if c == "" || scriptKey(c) == scriptKey(sp.fp.opts.County) {
		return
	}
	sp.fp.add(Problem{Severity: Warning, Sheet: sp.name, Row: title.row, Column: "标题", Cell: cellRef(title.col, title.row), Value: title.text, Rule: "title_county_mismatch",
		Message: fmt.Sprintf("%s第%d行的标题写的是“%s”，而导入时指定的县是“%s”：没有填写县(市、区)的行按指定的“%s”归入；请核对是哪个县的表，改正标题、指定的县名(--county)，或在“县(市、区)”列填写县名", sp.where(), title.row, c, sp.fp.opts.County, sp.fp.opts.County)})
}

// nameCounty is the county the sheet's titles name (electsum.CountyInName), else its name's, else the
// file's, else its folder's or the folder above (白河县/五坪镇/村两委.xlsx), else for a roster the one
// county of the results rows above it in the workbook, and which it was.
func (sp *sheetParser) nameCounty() (county, from string) {
	if c, _ := fromTitles(sp.titles, electsum.CountyInName, scriptKey); c != "" {
		return c, "标题"
	}
	if c := electsum.CountyInName(sp.name); c != "" {
		return c, "工作表名"
	}
	base := filepath.Base(sp.fp.path)
	if c := electsum.CountyInName(strings.TrimSuffix(base, filepath.Ext(base))); c != "" {
		return c, "文件名"
	}
	dir := filepath.Dir(sp.fp.path)
	for range 2 {
		if c := electsum.CountyInName(filepath.Base(dir)); c != "" {
			return c, "文件夹名"
		}
		dir = filepath.Dir(dir)
	}
	if c, ok := sp.fp.resultCounty.only(); ok && sp.lay.spec.kind == MembersSheet {
		return c, "本文件选举结果表"
	}
	return "", ""
}

// key reads the election a row is of: 县 (or the county the load was given), 乡镇, 村(社区), 年份, 选举类型.
func (sp *sheetParser) key(cells []string, row int) Key {
	return Key{
		County:   sp.county(cells, row),
		Township: sp.township(cells, row),
		Unit:     sp.unit(cells, row),
		Year:     sp.year(cells, row),
		Body:     sp.body(cells, row),
	}
}

// body is a row's 选举类型: its cell, or the body of a wide sheet's group; "" while its 职务 is still
// to tell it (bodyFromPost).
func (sp *sheetParser) body(cells []string, row int) string {
	if sp.lay.body != "" {
		return sp.lay.body
	}
	if sp.postsDecide(cells, row) {
		return ""
	}
	if sp.lay.spec.kind == ResultsSheet {
		if b, _, ok := ballotOfBody(sp.cell(cells, fBody)); ok { // 村委会主任: that post's ballot (ballots.go)
			return string(b)
		}
	}
	return sp.enumValue(cells, row, fBody, true, false)
}

// postsDecide reports whether a members row's 职务 names its bodies (postsIn): the sheet has no 选举类型
// (bodyFromPost), or the row's names the two committees (村两委, 社区“两委”), whose posts the 职务 tells
// apart — with a notice the first time on the sheet.
func (sp *sheetParser) postsDecide(cells []string, row int) bool {
	if sp.bodyFromPost {
		return true
	}
	if sp.lay.spec.kind != MembersSheet || sp.lay.body != "" {
		return false
	}
	if v := sp.cell(cells, fBody); postInBody(v, sp.lay.col[fPosition] >= 0) {
		if !sp.postInBodySaid {
			sp.postInBodySaid = true
			also := ""
			if sp.lay.col[fPosition] >= 0 {
				also = "(“" + colPosition.Header + "”列有填写的，职务按该列)"
			}
			sp.problem(Notice, "body_names_post", row, fBody, v, fmt.Sprintf("%s“%s”写明了组织和职务，按它归入组织并确定职务%s：本表其他这样填写的行同样处理", sp.label(fBody, row), v, also))
		}
		return true
	}
	if sp.lay.col[fPosition] < 0 || !twoCommitteesValue(sp.cell(cells, fBody)) {
		return false
	}
	if !sp.twoCommitteesSaid {
		sp.twoCommitteesSaid = true
		v := sp.cell(cells, fBody)
		sp.problem(Notice, "body_from_position", row, fBody, v, fmt.Sprintf("%s“%s”按各行的职务归入组织(党支部书记、支委归入村党组织，村委会主任、村委会委员归入村民委员会；“党支部书记、村委会主任”归入两个组织)：本表其他这样填写的行同样处理", sp.label(fBody, row), v))
	}
	return true
}

// postInBody reports whether a roster's 选举类型 names posts with their bodies (村党支部书记, 村委会主任,
// 党支部书记、村委会主任 for the 一肩挑) rather than a body alone: as postsIn reads a 职务. 村委会委员 and
// 村党支部委员, which also read as the body (its members elected), name the post only on a roster
// without a 职务 column (positioned false).
func postInBody(v string, positioned bool) bool {
	if _, body := enums["body"].exact[v]; v == "" || body || twoCommitteesValue(v) { // most cells: a body as the template writes it
		return false
	}
	if _, body := parseEnum("body", v); body && positioned {
		return false
	}
	return len(postsIn(v, electsum.Village)) > 0
}

// result reads one row of the results sheet.
func (sp *sheetParser) result(row int, cells []string) {
	r := Result{Key: sp.key(cells, row), Pos: Pos{File: sp.fp.path, Sheet: sp.name, Row: row}}
	sp.unitOfMeeting(&r.Key, row)
	sp.matchPlaces(&r.Key, row, true)
	sp.fp.resultYear.see(r.Year)
	sp.fp.resultTownship.see(r.Township)
	sp.fp.resultCounty.see(r.County)
	sp.fp.resultBody.see(r.Body)
	if cells != nil && sp.postponed(row, cells, r.Key) {
		return
	}
	sp.readResult(&r, cells, row)
}

// readResult reads a results row's figures into r (its key read) and keeps it.
func (sp *sheetParser) readResult(r *Result, cells []string, row int) {
	r.Term = sp.termValue(cells, row, fTerm)
	r.Method = sp.enumValue(cells, row, fMethod, false, true)
	// Without 登记选民 (no column, or a blank cell) a 选民登记 table of the load gives it, or
	// registration_missing.sql refuses the sheet or the cell (missingRegistered).
	r.Registered = sp.intValue(cells, row, fRegistered, false)
	if r.Registered == nil {
		v := sp.cell(cells, fRegistered)
		sp.fp.unregistered = sp.fp.unregistered || v == "" || noneMark(v)
	}
	r.Voted = sp.intValue(cells, row, fVoted, true)
	r.Excused = sp.intValue(cells, row, fExcused, false)
	r.ProxyVotes = sp.intValue(cells, row, fProxyVotes, false)
	r.MobileVotes = sp.intValue(cells, row, fMobileVotes, false)
	r.ValidBallots = sp.intValue(cells, row, fValidBallots, false)
	r.InvalidBallots = sp.intValue(cells, row, fInvalidBallots, false)
	r.Seats = sp.addGrouped(cells, row, fSeats, sp.intValue(cells, row, fSeats, true))
	r.Candidates = sp.addGrouped(cells, row, fCandidates, sp.intValue(cells, row, fCandidates, false))
	r.Elected = sp.addGrouped(cells, row, fElected, sp.intValue(cells, row, fElected, true))
	r.Date = sp.electionDate(cells, row, r.Year)
	r.FirstRound = sp.boolValue(cells, row, fFirstRound, false)
	sp.congress(cells, row, &r.Congress)
	sp.checkResult(r)
	sp.checkTurnout(r, cells)
	sp.addToTotals(r, resultCounts)
	if post := sp.ballotPost(cells, r.Body); post != "" {
		sp.addBallot(r, post, row)
		return
	}
	sp.keepResult(r)
}

// keepResult hands on a results row read.
func (sp *sheetParser) keepResult(r *Result) {
	sp.fp.out.Results = append(sp.fp.out.Results, *r)
	sp.fp.nResults++
	sp.fp.rowAdded()
}

// addToTotals adds a row's counts fs to the sums its sheet's 合计 and 小计 rows are checked against.
func (sp *sheetParser) addToTotals(r *Result, fs []field) {
	for _, f := range fs {
		if p := r.count(f); p != nil {
			sp.sumAll[f] += *p
			sp.sumSince[f] += *p
		}
	}
}

// count is the value of one of resultCounts.
func (r *Result) count(f field) *int {
	switch f {
	case fRegistered:
		return r.Registered
	case fVoted:
		return r.Voted
	case fProxyVotes:
		return r.ProxyVotes
	case fMobileVotes:
		return r.MobileVotes
	case fValidBallots:
		return r.ValidBallots
	case fInvalidBallots:
		return r.InvalidBallots
	case fSeats:
		return r.Seats
	case fCandidates:
		return r.Candidates
	case fElected:
		return r.Elected
	case fExcused:
		return r.Excused
	}
	return r.Congress.count(f)
}

// member reads one row of the members sheet.
func (sp *sheetParser) member(row int, cells []string) {
	m := Member{Key: sp.key(cells, row), Pos: Pos{File: sp.fp.path, Sheet: sp.name, Row: row}}
	sp.matchPlaces(&m.Key, row, false)
	var posts []post
	if sp.postsDecide(cells, row) && sp.lay.col[fPosition] < 0 && len(sp.lay.posts) > 0 {
		if posts = sp.columnPosts(cells, sp.postKind(m.Unit)); len(posts) == 0 {
			sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: row, Column: sp.lay.posts[0].text, Cell: cellRef(sp.lay.posts[0].index, row), Rule: "post_without_body",
				Message: fmt.Sprintf("%s第%d行的各组织职务列都没有填写，看不出是哪个组织的成员：请填写其所任职务", sp.where(), row)})
			return
		}
		m.Body = string(posts[0].body)
	} else if sp.postsDecide(cells, row) {
		text := sp.cell(cells, fPosition)
		if v := sp.cell(cells, fBody); postInBody(v, sp.lay.col[fPosition] >= 0) {
			// 村委会主任 in 选举类型: its body and post, the 职务 cell's post when it gives one.
			posts = postsIn(v, sp.postKind(m.Unit))
			if text != "" {
				for i := range posts {
					posts[i].position = positionFor(sp.enumValue(cells, row, fPosition, true, true), posts[i].body)
				}
			}
		} else if posts = postsIn(text, sp.postKind(m.Unit)); len(posts) == 0 {
			sp.problem(Error, "post_without_body", row, fPosition, text,
				fmt.Sprintf("%s“%s”看不出是哪个组织的职务：请写明组织(如 党支部委员、村委会委员、监委会主任)，或在表头行添加“选举类型”列，每人每个组织填一行", sp.label(fPosition, row), text))
			return
		}
		m.Body = string(posts[0].body)
	}
	sp.unitOfMeeting(&m.Key, row)
	if len(sp.form) > 0 {
		sp.formOf.see(m.Key)
	}
	m.Name = sp.limitLength(row, fName, sp.text(cells, row, fName, true), maxPersonName)
	if posts != nil {
		m.Position = posts[0].position
	} else {
		m.Position = sp.position(cells, row, electsum.Body(m.Body))
	}
	if !sp.genderOfID {
		m.Gender = sp.enumValue(cells, row, fGender, true, false)
	}
	m.Birth = sp.birthValue(cells, row, fBirth)
	m.Age = sp.intValue(cells, row, fAge, false)
	m.Ethnicity = normEthnicity(sp.text(cells, row, fEthnicity, false))
	// On a party body a blank 政治面貌 is a warning (checkMember), not missing_value.
	m.Party = sp.party(cells, row, electsum.Body(m.Body))
	m.Education = sp.education(cells, row)
	m.Reelected = sp.boolValue(cells, row, fReelected, false)
	if id := sp.cell(cells, fIDNumber); id != "" {
		m.IDNumber = normIDNumber(id)
	}
	m.WealthLeader = sp.boolValue(cells, row, fWealthLeader, false)
	m.GraduateOfficial = sp.boolValue(cells, row, fGraduateOfficial, false)
	m.Category = sp.enumValue(cells, row, fCategory, false, false)
	m.Votes = sp.intValue(cells, row, fVotes, false)
	m.ValidBallots = sp.intValue(cells, row, fValidBallots, false)
	raw := memberRaw{sheet: sp, birth: sp.cell(cells, fBirth), age: sp.cell(cells, fAge), party: sp.cell(cells, fParty)}
	sp.checkMember(&m, raw)
	m.PersonKey = personKey(&m)
	sp.fp.out.Members = append(sp.fp.out.Members, m)
	sp.fp.raw = append(sp.fp.raw, raw)
	sp.fp.nMembers++
	for _, p := range posts[min(1, len(posts)):] { // the same person on the row's other bodies
		c := m
		c.Body, c.Position = string(p.body), p.position
		sp.checkParty(&c, raw)
		c.PersonKey = personKey(&c)
		sp.fp.out.Members = append(sp.fp.out.Members, c)
		sp.fp.raw = append(sp.fp.raw, raw)
		sp.fp.nMembers++
	}
	sp.fp.rowAdded()
}

// sortProblems orders problems by sheet (in workbook order), then row, then column; whole-file
// problems first.
func (fp *fileParser) sortProblems() {
	order := func(sheet string) int {
		if n, ok := fp.sheetNo[sheet]; ok {
			return n + 1
		}
		return 0
	}
	ps := fp.out.Problems
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if order(a.Sheet) != order(b.Sheet) {
			return order(a.Sheet) < order(b.Sheet)
		}
		return a.Row < b.Row
	})
	// A row that stands for a member of two bodies (bodyFromPost) is checked as two members: what its
	// cells show is said once.
	type said struct {
		sheet, cell, rule, message string
		row                        int
	}
	seen := map[said]bool{}
	fp.out.Problems = slices.DeleteFunc(ps, func(p Problem) bool {
		k := said{p.Sheet, p.Cell, p.Rule, p.Message, p.Row}
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}
