package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"
)

// hashFile returns the sha256 of a file's content, and its size. A file over limit is not read: it
// gets no hash, and the reader refuses it with the size in its message. buf is read into (nil: one of
// its own); a caller hashing many files passes the same one (io.Copy took 32 KiB for each file).
func hashFile(path string, limit int64, buf []byte) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > limit {
		return "", info.Size(), nil
	}
	if buf == nil {
		buf = make([]byte, 32<<10)
	}
	h := sha256.New()
	// Read by hand: io.CopyBuffer would hand the file to its WriteTo, which takes a buffer of its own.
	var n int64
	for {
		m, err := f.Read(buf)
		h.Write(buf[:m])
		n += int64(m)
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", n, err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// fileSum is what hashFile found for one file.
type fileSum struct {
	sum  string
	size int64
	err  error
}

// hashFiles runs hashFile over files with up to workers goroutines (0: 2); sums[i] is files[i]'s. It stops
// early, leaving the rest zero, when ctx is done: the caller looks at ctx before using a sum.
func hashFiles(ctx context.Context, files []string, limit int64, workers int) []fileSum {
	sums := make([]fileSum, len(files))
	if workers <= 0 {
		workers = 2
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(files)) {
		wg.Go(func() {
			buf := make([]byte, 32<<10)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				s := &sums[i]
				s.sum, s.size, s.err = hashFile(files[i], limit, buf)
			}
		})
	}
	wg.Wait()
	return sums
}

// parseAll reads the files with opts.Workers goroutines. Their rows are staged in batches as they are
// read, so that memory does not grow with a file's rows; a file of at most maxHeldRows rows is also
// held until it is read, and checked as a whole then (checkHeld), the others once all are read.
func (l *loader) parseAll(ctx context.Context, ids []int) error {
	// A message from a worker: a batch of a file's rows, or (fp or err set) the end of the file.
	type message struct {
		id      int
		results []Result
		regs    []Result // 选民登记 rows
		members []Member
		raw     []memberRaw
		sheetNo map[string]int
		fp      *fileParser
		err     error
		done    bool
		restart bool // the file is read again from its start: what it staged so far goes
	}
	rows := func(m message) int64 { return int64(len(m.results) + len(m.regs) + len(m.members)) }
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// When the run ends early (Ctrl-C, serve shutting down, a failed step), the workers stop at their
	// next look at ParseOptions.stop and are waited for, so that no reader runs on after Load returns.
	defer func() { cancel(); wg.Wait() }()
	jobs := make(chan int)
	// A worker that has read a batch hands it on and reads on while the loader is still staging others
	// (the Appender's flushes take tens of milliseconds in cgo). What waits is bounded in rows, not in
	// messages: as many rows as Workers full batches (streamBatch each), so that a one-sheet workbook's
	// peak is what it was with a channel of Workers messages, while the small batches of many small
	// files queue up instead of holding their readers back (a worker waited ~0.5 s of a 900-file load).
	budget := int64(max(l.opts.Workers, 1) * streamBatch)
	waiting := semaphore.NewWeighted(budget)
	out := make(chan message, 64)
	send := func(m message) error {
		if n := rows(m); n > 0 {
			if err := waiting.Acquire(ctx, min(n, budget)); err != nil {
				return err
			}
		}
		select {
		case out <- m:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	read := l.hooks.read
	if read == nil {
		read = readFile
	}
	for range min(l.opts.Workers, max(len(ids), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				emit := func(results, regs []Result, members []Member, raw []memberRaw, sheetNo map[string]int) error {
					return send(message{id: id, results: results, regs: regs, members: members, raw: raw, sheetNo: sheetNo})
				}
				f := l.files[id]
				opts := ParseOptions{County: l.opts.County, Year: l.opts.Year, stop: ctx.Err, MaxFileSize: l.opts.MaxFileSize,
					MaxUnzipSize: l.opts.MaxUnzipSize, page: l.opts.Page,
					restart: func() error { return send(message{id: id, restart: true}) }}
				if f.report.Path != f.src {
					opts.name = f.report.Path
				}
				fp, err := readSafely(read, f.src, opts, emit)
				if send(message{id: id, fp: fp, err: err, done: true}) != nil {
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, id := range ids {
			select {
			case jobs <- id:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	for {
		// Ctrl-C does not wait for the workbooks being read to end: their readers stop at their next
		// look at stop (the deferred wait above).
		var m message
		select {
		case <-ctx.Done():
			return ctx.Err()
		case next, ok := <-out:
			if !ok {
				return ctx.Err()
			}
			m = next
		}
		if m.restart {
			if err := l.forget(ctx, m.id); err != nil {
				return err
			}
			continue
		}
		if !m.done {
			if f := l.files[m.id]; f.held == nil && !f.tooMany && !l.hooks.checkInSQL {
				f.held = &heldRows{}
			}
			err := l.stageRows(m.id, m.results, m.regs, m.members, m.raw, sheetSeq(m.sheetNo))
			if n := rows(m); n > 0 {
				waiting.Release(min(n, budget))
			}
			if err != nil {
				return err
			}
			continue
		}
		if err := l.read(ctx, m.id, m.fp, m.err); err != nil {
			return err
		}
		l.progress(m.id)
	}
}

// read takes one file once its reader is done: unreadable, or read and staged, and checked as a whole
// on its held rows or left to be checked in SQL with the others (checkFiles).
func (l *loader) read(ctx context.Context, id int, fp *fileParser, err error) error {
	f := l.files[id]
	if err != nil {
		// Rows staged before the reader failed are forgotten, and not counted.
		l.fail(id, unreadable(f.report.Path, err))
		return l.forget(ctx, id)
	}
	f.parser = fp
	// For the progress report until checkFiles decides: the errors of single rows are known already.
	f.report.Outcome = Loaded
	for _, pr := range fp.out.Problems {
		if pr.Severity == Error {
			f.report.Outcome = Rejected
		}
	}
	held := f.held
	f.held = nil
	if !fp.checkSheets() {
		return nil
	}
	if f.tooMany || l.hooks.checkInSQL {
		f.checkInSQL = true
		return nil
	}
	if held == nil { // no rows
		held = &heldRows{}
	}
	f.heldChecked, f.heldFrom = true, len(fp.out.Problems)
	fp.checkHeld(held)
	return nil
}

// forget drops every row a file staged so far, and their count: its reader failed, or reads it again
// from its start (ParseOptions.restart).
func (l *loader) forget(ctx context.Context, id int) error {
	f := l.files[id]
	l.rows -= f.report.Results + f.report.Registrations + f.report.Members
	f.report.Results, f.report.Registrations, f.report.Members, f.cover = 0, 0, 0, nil
	f.held, f.tooMany = nil, false
	return l.dropStaged(ctx, id)
}

// checkFiles settles each file read, once its whole-file checks are done: most ran when the file was
// read, on its rows held in memory (checkHeld); those of a file with more rows run here in SQL over the
// staged rows of every such file at once (one pass of SQL for the run instead of one per file). So do
// those of a file whose held rows settleSpellings respelled since: its messages name places and people.
func (l *loader) checkFiles(ctx context.Context) error {
	check := false
	for _, f := range l.files {
		if f.parser != nil && f.heldChecked && l.respelled {
			f.parser.out.Problems = f.parser.out.Problems[:f.heldFrom]
			f.heldChecked, f.checkInSQL = false, true
		}
		check = check || f.parser != nil && f.checkInSQL
	}
	if check {
		if err := l.stage.flush(); err != nil {
			return fmt.Errorf("stage rows: %w", err)
		}
		parser := func(id int) *fileParser {
			if id < 0 || id >= len(l.files) || !l.files[id].checkInSQL {
				return nil
			}
			return l.files[id].parser
		}
		if err := checkStaged(ctx, l.conn, parser); err != nil {
			return err
		}
	}
	for id, f := range l.files {
		if fp := f.parser; fp != nil {
			f.parser, f.layouts = nil, layoutsOf(fp)
			fp.sortProblems()
			if err := l.settle(ctx, id, fp.out.Problems); err != nil {
				return err
			}
		}
	}
	return nil
}

// unreadable is the problem of a file that cannot be read at all. The rule tells the reader's kinds
// apart (file_encrypted, file_zip_bomb …); the reader's *FileError already says what to do.
func unreadable(path string, err error) Problem {
	rule := "file_unreadable"
	for _, k := range []struct {
		err  error
		rule string
	}{{ErrNotWorkbook, "file_not_workbook"}, {ErrEncrypted, "file_encrypted"}, {ErrTooLarge, "file_too_large"},
		{ErrZipBomb, "file_zip_bomb"}, {ErrCorrupt, "file_corrupt"}, {ErrEncoding, "file_encoding"}} {
		if errors.Is(err, k.err) {
			rule = k.rule
		}
	}
	msg := fmt.Sprintf("无法读取文件：%v", err)
	var fe *FileError
	if errors.As(err, &fe) {
		msg = fe.Error()
	}
	return Problem{Severity: Error, File: path, Rule: rule, Message: msg}
}

// readSafely turns a panic in the reader (a hostile file it did not foresee) into an error for that
// file, so that one file cannot bring the whole run down.
func readSafely(read readFunc, path string, opts ParseOptions, emit rowSink) (fp *fileParser, err error) {
	defer func() {
		if r := recover(); r != nil {
			fp, err = nil, fmt.Errorf("读取时出现内部错误(%v)，请把该文件和下面的信息报告给开发者：%s", r, firstFrames(debug.Stack()))
		}
	}()
	fp, err = read(path, opts, emit)
	if err == nil && fp == nil {
		err = errors.New("读取器没有返回任何内容")
	}
	return fp, err
}

// firstFrames keeps the top of a stack trace: enough to find the bug, short enough to print.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	var keep []string
	for _, l := range lines {
		if strings.HasPrefix(l, "electsum/") && !strings.Contains(l, "parseSafely") {
			if i := strings.LastIndex(l, "("); i > 0 {
				l = l[:i] // the arguments are raw words, of no use to anyone
			}
			keep = append(keep, l)
		}
	}
	return strings.Join(keep[:min(len(keep), 3)], "; ")
}
