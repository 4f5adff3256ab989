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
)

// hashFile returns the sha256 of a file's content, and its size. A file over limit is not read: it
// gets no hash, and the reader refuses it with the size in its message.
func hashFile(path string, limit int64) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > limit {
		return "", info.Size(), nil
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// parseAll reads the files with opts.Workers goroutines and stages each as it arrives.
func (l *loader) parseAll(ctx context.Context, ids []int) error {
	type parsed struct {
		id  int
		p   *Parsed
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	out := make(chan parsed)
	var wg sync.WaitGroup
	for range min(l.opts.Workers, max(len(ids), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				p, err := parseSafely(l.files[id].report.Path, ParseOptions{County: l.opts.County,
					MaxFileSize: l.opts.MaxFileSize, MaxUnzipSize: l.opts.MaxUnzipSize})
				select {
				case out <- parsed{id, p, err}:
				case <-ctx.Done():
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
		// Ctrl-C does not wait for the workbooks being read: their workers drop them when done.
		var r parsed
		select {
		case <-ctx.Done():
			return ctx.Err()
		case next, ok := <-out:
			if !ok {
				return ctx.Err()
			}
			r = next
		}
		path := l.files[r.id].report.Path
		if r.err != nil {
			l.fail(r.id, unreadable(path, r.err))
		} else {
			if r.p.SHA256 == "" {
				r.p.SHA256 = l.files[r.id].report.SHA256
			}
			if err := l.add(ctx, r.id, r.p); err != nil {
				return err
			}
		}
		l.progress(r.id)
	}
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

// parseFile is ParseFile, replaceable by tests that need a reader that misbehaves.
var parseFile = ParseFile

// parseSafely turns a panic in the reader (a hostile file it did not foresee) into an error for that
// file, so that one file cannot bring the whole run down.
func parseSafely(path string, opts ParseOptions) (p *Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("读取时出现内部错误(%v)，请把该文件和下面的信息报告给开发者：%s", r, firstFrames(debug.Stack()))
		}
	}()
	p, err = parseFile(path, opts)
	if err == nil && p == nil {
		err = errors.New("读取器没有返回任何内容")
	}
	return p, err
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
