package ingest

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Kinds of files that cannot be read at all. ParseFile returns them wrapped in a *FileError; callers
// tell them apart with errors.Is.
var (
	// ErrNotWorkbook: the file is neither a workbook (.xlsx, .xls, .et, a web page or XML spreadsheet
	// holding a table) nor a CSV: a Word file, a WPS .et in its own format, an Excel 4.0 workbook, an
	// empty file.
	ErrNotWorkbook = errors.New("not a workbook")
	// ErrEncrypted: the workbook is protected by an open password.
	ErrEncrypted = errors.New("workbook is encrypted")
	// ErrTooLarge: the file is bigger than ParseOptions.MaxFileSize.
	ErrTooLarge = errors.New("file too large")
	// ErrZipBomb: the workbook would expand beyond the unzip limits when opened.
	ErrZipBomb = errors.New("workbook expands beyond the unzip limit")
	// ErrCorrupt: the file looks like a workbook or CSV but cannot be decoded (damaged zip, bad XML).
	ErrCorrupt = errors.New("file is corrupt")
	// ErrEncoding: a CSV file is neither UTF-8, UTF-16 with a byte-order mark, GB18030/GBK nor Big5
	// (FileError.Line is its first line that is not), or it reads as more than one of them and nothing
	// tells which (FileError.Tried names them).
	ErrEncoding = errors.New("text is neither UTF-8, GB18030 nor Big5")
)

// FileError is a file that cannot be read at all. Kind is one of the Err* values above; Err is the
// underlying cause, if any.
type FileError struct {
	Path string
	Kind error
	Err  error
	// Limit is the limit that was exceeded, in bytes, for ErrTooLarge and ErrZipBomb.
	Limit int64
	// Line is the line of a CSV file at fault (1-based), for ErrEncoding and for ErrTooLarge when one
	// line is longer than maxCSVLine; 0 otherwise.
	Line int
	// Tried names the encodings a CSV file reads as, for ErrEncoding when they cannot be told apart.
	Tried []string
}

func (e *FileError) Error() string {
	name := filepath.Base(e.Path)
	switch e.Kind {
	case ErrNotWorkbook:
		const saveAs = "：请在 Excel 或 WPS 中打开，另存为“Excel 工作簿(*.xlsx)”后重新导入"
		var doc *otherDocument
		switch {
		case errors.As(e.Err, &doc):
			return doc.message(name)
		case errors.Is(e.Err, errEmptyFile):
			return fmt.Sprintf("文件 %s 是空文件(0 字节)，可能没有保存完整或传送时中断：请向报送单位重新索取", name)
		case errors.Is(e.Err, errOldBIFF):
			return fmt.Sprintf("文件 %s 是 Excel 4.0 或更早版本的格式，无法直接读取%s", name, saveAs)
		case strings.EqualFold(filepath.Ext(name), ".et"):
			return fmt.Sprintf("文件 %s 不是 Excel 97-2003 兼容格式的 WPS 表格文件，无法直接读取：请在 WPS 表格中打开，另存为“Excel 工作簿(*.xlsx)”后重新导入", name)
		case strings.EqualFold(filepath.Ext(name), ".xls"):
			return fmt.Sprintf("文件 %s 不是真正的 Excel 97-2003 工作簿(可能是网页或文本文件改了扩展名)%s", name, saveAs)
		}
		return fmt.Sprintf("文件 %s 不是 .xlsx、.xls 工作簿或 CSV 文件%s", name, saveAs)
	case ErrEncrypted:
		return fmt.Sprintf("文件 %s 设置了打开密码：请在 Excel 中打开后取消密码(文件→信息→保护工作簿→用密码进行加密，清空密码；WPS：文件→文档加密→密码加密)，保存后重新导入", name)
	case ErrTooLarge:
		if e.Line > 0 {
			return fmt.Sprintf("文件 %s 第%d行超过每行 %s 的上限，不是正常的表格：请在 Excel 或 WPS 中打开确认，另存为 .xlsx 后重新导入", name, e.Line, bytesText(e.Limit))
		}
		return fmt.Sprintf("文件 %s 超过 %s 的大小上限：请删除与换届选举无关的工作表、图片后重新导入，或按乡镇拆分为多个文件", name, bytesText(e.Limit))
	case ErrZipBomb:
		return fmt.Sprintf("文件 %s 解压后超过 %s 的上限，可能已损坏或被恶意构造：请向报送乡镇索取重新导出的文件", name, bytesText(e.Limit))
	case ErrEncoding:
		const saveAs = "：请在 Excel 或 WPS 中打开，确认文字显示正常后另存为“CSV UTF-8(逗号分隔)”或 .xlsx 后重新导入"
		if len(e.Tried) > 0 {
			return fmt.Sprintf("文件 %s 的编码无法确定(已尝试 UTF-8、UTF-16、%s，可按其中 %s 读出不同的文字)%s", name, strings.Join(e.Tried, "、"), strings.Join(e.Tried, " 或 "), saveAs)
		}
		return fmt.Sprintf("文件 %s 第%d行不是 UTF-8、UTF-16、GB18030(GBK) 或 Big5 编码的文字，无法读取%s", name, e.Line, saveAs)
	case ErrCorrupt:
		var pe *partError
		if errors.As(e.Err, &pe) {
			const resave = "：请在 Excel 或 WPS 中打开，另存为新的 .xlsx 文件后重新导入(另存时软件会修复或去掉这些内容)"
			if c := illegalXMLChar.FindStringSubmatch(pe.err.Error()); c != nil {
				return fmt.Sprintf("文件 %s 的%s 含有 XML 不允许的控制字符 %s，无法读取%s", name, pe.where(), c[1], resave)
			}
			return fmt.Sprintf("文件 %s 的%s 已损坏，无法读取%s(%v)", name, pe.where(), resave, pe.err)
		}
		msg := fmt.Sprintf("文件 %s 已损坏，无法读取：请在 Excel 或 WPS 中打开确认，另存为新文件后重新导入", name)
		if e.Err != nil {
			msg += fmt.Sprintf("(%v)", e.Err)
		}
		return msg
	}
	return fmt.Sprintf("读取文件 %s 失败：%v", name, e.Err)
}

// partError is damage in one part of a workbook's zip: the shared strings, the styles, or a row of a
// sheet, so that the message names that part instead of the row being read when it showed.
type partError struct {
	part  string // zip entry, such as xl/sharedStrings.xml
	sheet string // the sheet's name, when the part is a worksheet whose name is known
	row   int    // the worksheet row at fault, when known
	err   error
}

func (e *partError) Error() string {
	if e.sheet != "" {
		return fmt.Sprintf("sheet %s: row %d: %v", e.sheet, e.row, e.err)
	}
	return e.part + ": " + e.err.Error()
}

func (e *partError) Unwrap() error { return e.err }

// where names the damaged part in Chinese.
func (e *partError) where() string {
	switch {
	case e.sheet != "" && e.row > 0:
		return fmt.Sprintf("工作表“%s”第%d行", e.sheet, e.row)
	case e.sheet != "":
		return fmt.Sprintf("工作表“%s”", e.sheet)
	}
	switch e.part {
	case "xl/sharedStrings.xml":
		return "共享字符串表 " + e.part
	case "xl/styles.xml":
		return "样式表 " + e.part
	}
	return "部件 " + e.part
}

// illegalXMLChar finds encoding/xml's report of a character XML does not allow (C0 controls but tab,
// line feed and carriage return), as Excel never writes them.
var illegalXMLChar = regexp.MustCompile(`illegal character code (U\+[0-9A-Fa-f]+)`)

// Is makes errors.Is(err, ErrEncrypted) and friends work on a *FileError.
func (e *FileError) Is(target error) bool { return e.Kind != nil && target == e.Kind }

func (e *FileError) Unwrap() error { return e.Err }

func bytesText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.0f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
