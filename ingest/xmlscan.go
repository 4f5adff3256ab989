package ingest

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlScanner is a small, strict XML tokenizer for the parts of a workbook the fast reader reads. It
// accepts a subset of what encoding/xml accepts (which is what excelize uses) and reports anything
// else as a decline, so that whatever it reads, encoding/xml would read the same way: ASCII element
// and attribute names, quoted attribute values without '<', the five predefined entities and
// character references, valid UTF-8 of XML characters. Comments, CDATA, DOCTYPE and processing
// instructions (other than the XML declaration) are declined: workbooks written by Excel, WPS and
// excelize have none.
//
// It reads from a byte slice holding the whole part, or streams from an io.Reader through a window
// that grows only as far as the largest single token.
type xmlScanner struct {
	r        io.Reader // nil when buf holds the whole part
	buf      []byte
	pos, end int
	eof      bool
	err      error // a read error other than io.EOF: a damaged zip entry
}

// Token kinds.
const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
)

// xmlToken is one token. Its slices point into the scanner's window: valid until the next call.
type xmlToken struct {
	kind  int
	name  []byte // element name as written, prefix included
	attrs []byte // the raw attribute text of a start tag
	self  bool   // a start tag written <name/>: no end token follows
	text  []byte // raw (still escaped) character data
}

// maxToken bounds the window of a streaming scanner: one token (a string of text) longer than this
// is declined rather than buffered.
const maxToken = 16 << 20

// streamWindow is the initial window of a streaming scanner.
const streamWindow = 256 << 10

// errDeclined is wrapped by every decline: the fast reader met something it does not fully
// understand, and the caller reads the sheet with excelize instead.
var errDeclined = errors.New("fast reader declined")

type declineError struct{ reason string }

func (e *declineError) Error() string { return "fast xlsx reader declined: " + e.reason }
func (e *declineError) Unwrap() error { return errDeclined }

func decline(reason string) error { return &declineError{reason} }

func newMemScanner(b []byte) *xmlScanner {
	return &xmlScanner{buf: b, end: len(b), eof: true}
}

func newStreamScanner(r io.Reader, buf []byte) *xmlScanner {
	if cap(buf) < streamWindow {
		buf = make([]byte, streamWindow)
	}
	return &xmlScanner{r: r, buf: buf[:cap(buf)]}
}

// more reads more input into the window, keeping buf[pos:end]; it returns false at the end of input
// or on a read error (s.err).
func (s *xmlScanner) more() bool {
	if s.eof || s.r == nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.err = decline("a single XML token over 16 MiB")
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err == io.EOF {
		s.eof = true
	} else if err != nil {
		s.err, s.eof = err, true
	}
	return n > 0 || !s.eof
}

// next reads the next token.
func (s *xmlScanner) next(t *xmlToken) error {
	for s.pos >= s.end {
		if !s.more() {
			if s.err != nil {
				return s.err
			}
			t.kind = tokEOF
			return nil
		}
	}
	if s.buf[s.pos] != '<' {
		for {
			if i := bytes.IndexByte(s.buf[s.pos:s.end], '<'); i >= 0 {
				t.kind, t.text = tokText, s.buf[s.pos:s.pos+i]
				s.pos += i
				return nil
			}
			if !s.more() {
				if s.err != nil {
					return s.err
				}
				t.kind, t.text = tokText, s.buf[s.pos:s.end]
				s.pos = s.end
				return nil
			}
		}
	}
	// A tag: find its '>' outside quoted attribute values.
	i := s.pos + 1
	for {
		if i >= s.end {
			off := i - s.pos
			if !s.more() {
				if s.err != nil {
					return s.err
				}
				return decline("XML ends inside a tag")
			}
			i = s.pos + off
			continue
		}
		c := s.buf[i]
		if c == '>' {
			break
		}
		if c == '"' || c == '\'' {
			j := bytes.IndexByte(s.buf[i+1:s.end], c)
			if j < 0 {
				off := i - s.pos
				if !s.more() {
					if s.err != nil {
						return s.err
					}
					return decline("XML ends inside an attribute value")
				}
				i = s.pos + off
				continue
			}
			i += j + 2
			continue
		}
		i++
	}
	tag := s.buf[s.pos+1 : i]
	s.pos = i + 1
	if len(tag) == 0 {
		return decline("empty tag")
	}
	switch tag[0] {
	case '/':
		name := trimSpaceRight(tag[1:])
		if !validName(name) {
			return decline("bad end tag")
		}
		t.kind, t.name, t.attrs, t.self = tokEnd, name, nil, false
		return nil
	case '?', '!':
		return decline("comment, CDATA, DOCTYPE or processing instruction")
	}
	t.self = tag[len(tag)-1] == '/'
	if t.self {
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !isXMLSpace(tag[n]) {
		n++
	}
	if !validName(tag[:n]) {
		return decline("bad element name")
	}
	t.kind, t.name, t.attrs = tokStart, tag[:n], tag[n:]
	if len(t.attrs) > 0 && !isXMLSpace(t.attrs[0]) {
		return decline("bad start tag")
	}
	return nil
}

// plainValue reads what follows a cell's start tag when it is written <v>text</v></c> exactly, with a
// text that needs no decoding (plainText) — the way Excel and excelize write a number or a shared
// string's index — and returns the text, which is what reading those tokens one by one gives. ok is
// false, and nothing is read, when the window holds anything else.
func (s *xmlScanner) plainValue() (text []byte, ok bool) {
	b := s.buf[s.pos:s.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return nil, false
	}
	j := bytes.IndexByte(b[3:], '<')
	if j < 0 || !bytes.HasPrefix(b[3+j:], []byte("</v></c>")) || !plainText(b[3:3+j]) {
		return nil, false
	}
	s.pos += 3 + j + len("</v></c>")
	return b[3 : 3+j : 3+j], true
}

// plainInline reads what follows a cell's start tag when it is written <is><t>text</t></is></c> exactly
// (or with <t xml:space="preserve">), with a text that needs no decoding: no entity, no carriage return,
// only XML characters in valid UTF-8 — the way excelize's stream writer and WPS write a string — and
// returns the text, which is what reading those tokens one by one (stringItem) gives. ok is false, and
// nothing is read, when the window holds anything else.
func (s *xmlScanner) plainInline() (text []byte, ok bool) {
	b := s.buf[s.pos:s.end]
	var n int
	switch {
	case bytes.HasPrefix(b, []byte("<is><t>")):
		n = len("<is><t>")
	case bytes.HasPrefix(b, []byte(`<is><t xml:space="preserve">`)):
		n = len(`<is><t xml:space="preserve">`)
	default:
		return nil, false
	}
	j := bytes.IndexByte(b[n:], '<')
	if j < 0 || !bytes.HasPrefix(b[n+j:], []byte("</t></is></c>")) {
		return nil, false
	}
	text = b[n : n+j : n+j]
	if bytes.IndexByte(text, '&') >= 0 || bytes.IndexByte(text, '\r') >= 0 || !validChars(text) {
		return nil, false
	}
	s.pos += n + j + len("</t></is></c>")
	return text, true
}

// skipPast moves the scanner past the first occurrence of pat, reading on as far as needed and calling
// stop (when set) at every refill of the window; found is false when the input ends first. It looks at
// nothing it skips: what it passes over must be checked by another reading.
func (s *xmlScanner) skipPast(pat []byte, stop func() error) (found bool, err error) {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], pat); i >= 0 {
			s.pos += i + len(pat)
			return true, nil
		}
		// Keep only what could be the start of pat: the window never grows.
		s.pos = max(s.pos, s.end-len(pat)+1)
		if stop != nil {
			if err := stop(); err != nil {
				return false, err
			}
		}
		if !s.more() {
			return false, s.err
		}
	}
}

// prolog skips the XML declaration, declining an encoding other than UTF-8 (excelize has no charset
// reader), and returns the scanner positioned at the root element.
func (s *xmlScanner) prolog() error {
	for s.end-s.pos < 6 && s.more() {
	}
	if s.err != nil {
		return s.err
	}
	rest := s.buf[s.pos:s.end]
	if !bytes.HasPrefix(rest, []byte("<?xml")) || (len(rest) > 5 && !isXMLSpace(rest[5])) {
		return nil
	}
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte("?>")); i >= 0 {
			decl := s.buf[s.pos+5 : s.pos+i]
			s.pos += i + 2
			for a := 0; ; {
				name, val, next, err := nextAttr(decl, a)
				if err != nil {
					return err
				}
				if name == nil {
					return nil
				}
				if string(name) == "encoding" && !bytes.EqualFold(val, []byte("utf-8")) {
					return decline("XML encoding " + string(val))
				}
				if string(name) == "version" && string(val) != "1.0" {
					return decline("XML version " + string(val))
				}
				a = next
			}
		}
		if !s.more() {
			if s.err != nil {
				return s.err
			}
			return decline("unterminated XML declaration")
		}
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpaceRight(b []byte) []byte {
	for len(b) > 0 && isXMLSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// validName accepts ASCII XML names, with at most one ':' that is neither first nor last.
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	colons := 0
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case c == ':':
			colons++
			if i == 0 || i == len(b)-1 || colons > 1 {
				return false
			}
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// localName is the name without its prefix, and whether it had one.
func localName(b []byte) ([]byte, bool) {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:], true
	}
	return b, false
}

// nextAttr parses the attribute starting at or after attrs[i]: its name and raw value, and where the
// next one starts. name is nil after the last attribute.
func nextAttr(attrs []byte, i int) (name, val []byte, next int, err error) {
	for i < len(attrs) && isXMLSpace(attrs[i]) {
		i++
	}
	if i >= len(attrs) {
		return nil, nil, i, nil
	}
	j := i
	for j < len(attrs) && attrs[j] != '=' && !isXMLSpace(attrs[j]) {
		j++
	}
	name = attrs[i:j]
	if !validName(name) {
		return nil, nil, 0, decline("bad attribute name")
	}
	for j < len(attrs) && isXMLSpace(attrs[j]) {
		j++
	}
	if j >= len(attrs) || attrs[j] != '=' {
		return nil, nil, 0, decline("attribute without value")
	}
	j++
	for j < len(attrs) && isXMLSpace(attrs[j]) {
		j++
	}
	if j >= len(attrs) || (attrs[j] != '"' && attrs[j] != '\'') {
		return nil, nil, 0, decline("unquoted attribute value")
	}
	q := attrs[j]
	k := bytes.IndexByte(attrs[j+1:], q)
	if k < 0 {
		return nil, nil, 0, decline("unterminated attribute value")
	}
	val = attrs[j+1 : j+1+k]
	next = j + 2 + k
	if next < len(attrs) && !isXMLSpace(attrs[next]) {
		return nil, nil, 0, decline("attributes not separated by space")
	}
	if bytes.IndexByte(val, '<') >= 0 {
		return nil, nil, 0, decline("'<' in attribute value")
	}
	if !plainText(val) {
		if _, err := unescapeXML(nil, val); err != nil {
			return nil, nil, 0, err
		}
	}
	return name, val, next, nil
}

// plainText reports whether raw text needs no decoding: no entity, no carriage return, no control
// character and only ASCII (non-ASCII text is checked by unescapeXML).
func plainText(b []byte) bool {
	for _, c := range b {
		if c == '&' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// validChars reports whether b is valid UTF-8 made of XML characters only, as encoding/xml requires.
func validChars(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if size == 1 || (r > 0xFFFD && r < 0x10000) {
			return false
		}
		i += size
	}
	return true
}

// unescapeXML appends the decoded text of raw to dst the way encoding/xml decodes character data:
// entities and character references replaced, "\r\n" and a lone "\r" read as "\n".
func unescapeXML(dst, raw []byte) ([]byte, error) {
	if !validChars(raw) {
		return nil, decline("invalid XML character or UTF-8")
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '\r':
			dst = append(dst, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case '&':
			end := bytes.IndexByte(raw[i:min(len(raw), i+12)], ';')
			if end < 0 {
				return nil, decline("bad entity")
			}
			ent := raw[i+1 : i+end]
			i += end + 1
			switch string(ent) {
			case "lt":
				dst = append(dst, '<')
			case "gt":
				dst = append(dst, '>')
			case "amp":
				dst = append(dst, '&')
			case "quot":
				dst = append(dst, '"')
			case "apos":
				dst = append(dst, '\'')
			default:
				if len(ent) < 2 || ent[0] != '#' {
					return nil, decline("unknown entity")
				}
				base, digits := 10, ent[1:]
				if digits[0] == 'x' {
					base, digits = 16, digits[1:]
				}
				n, err := strconv.ParseUint(string(digits), base, 32)
				r := rune(n)
				if err != nil || len(digits) == 0 || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
					r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
					return nil, decline("bad character reference")
				}
				dst = utf8.AppendRune(dst, r)
			}
		default:
			j := i + 1
			for j < len(raw) && raw[j] != '&' && raw[j] != '\r' {
				j++
			}
			dst = append(dst, raw[i:j]...)
			i = j
		}
	}
	return dst, nil
}

// onlySpace reports whether raw text between elements is nothing but XML white space.
func onlySpace(b []byte) bool {
	for _, c := range b {
		if !isXMLSpace(c) {
			return false
		}
	}
	return true
}

// skip reads past the element whose start tag t was just read, checking that its content is well
// formed. visit, when set, sees every start tag inside it.
func (s *xmlScanner) skip(t *xmlToken, visit func(t *xmlToken) error) error {
	if err := checkAttrs(t.attrs); err != nil || t.self {
		return err
	}
	stack := [][]byte{bytes.Clone(t.name)}
	for len(stack) > 0 {
		if err := s.next(t); err != nil {
			return err
		}
		switch t.kind {
		case tokEOF:
			return decline("XML ends inside an element")
		case tokStart:
			if err := checkAttrs(t.attrs); err != nil {
				return err
			}
			if visit != nil {
				if err := visit(t); err != nil {
					return err
				}
			}
			if !t.self {
				stack = append(stack, bytes.Clone(t.name))
			}
		case tokEnd:
			if !bytes.Equal(stack[len(stack)-1], t.name) {
				return decline("mismatched end tag")
			}
			stack = stack[:len(stack)-1]
		case tokText:
			if err := checkText(t.text); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkText checks raw character data the way encoding/xml would decode it.
func checkText(b []byte) error {
	if plainText(b) {
		return nil
	}
	_, err := unescapeXML(nil, b)
	return err
}

// checkAttrs checks the syntax of every attribute of a start tag.
func checkAttrs(attrs []byte) error {
	for i := 0; ; {
		name, _, next, err := nextAttr(attrs, i)
		if err != nil || name == nil {
			return err
		}
		i = next
	}
}

// attrKind is the Go type excelize decodes an attribute into; a value that does not parse as it makes
// excelize's decoding fail.
type attrKind int

const (
	attrInt attrKind = iota + 1
	attrUint32
	attrFloat
	attrBool
)

// typedAttrs are the typed attributes of the elements the fast reader reads whose decoding by excelize
// can fail: formulas (xlsxF), the shared strings root (xlsxSST), rich-text run properties (xlsxRPr),
// phonetic runs and properties. Keyed by element and attribute local names, as encoding/xml matches them.
var typedAttrs = map[string]map[string]attrKind{
	"f":          {"aca": attrBool, "dt2D": attrBool, "dtr": attrBool, "del1": attrBool, "del2": attrBool, "ca": attrBool, "bx": attrBool, "si": attrInt},
	"sst":        {"count": attrInt, "uniqueCount": attrInt},
	"rPh":        {"sb": attrUint32, "eb": attrUint32},
	"phoneticPr": {"fontId": attrInt},
	"charset":    {"val": attrInt},
	"family":     {"val": attrInt},
	"b":          {"val": attrBool},
	"i":          {"val": attrBool},
	"strike":     {"val": attrBool},
	"outline":    {"val": attrBool},
	"shadow":     {"val": attrBool},
	"condense":   {"val": attrBool},
	"extend":     {"val": attrBool},
	"sz":         {"val": attrFloat},
	"color":      {"auto": attrBool, "indexed": attrInt, "theme": attrInt, "tint": attrFloat},
}

// checkTyped declines an element whose typed attributes encoding/xml could not decode.
func checkTyped(t *xmlToken) error {
	local, _ := localName(t.name)
	kinds, ok := typedAttrs[string(local)]
	if !ok {
		return nil
	}
	for i := 0; ; {
		name, raw, next, err := nextAttr(t.attrs, i)
		if err != nil || name == nil {
			return err
		}
		i = next
		an, _ := localName(name)
		kind := kinds[string(an)]
		if kind == 0 || len(raw) == 0 {
			continue
		}
		v := raw
		if !plainText(raw) {
			if v, err = unescapeXML(nil, raw); err != nil {
				return err
			}
		}
		s := strings.TrimSpace(string(v))
		switch kind {
		case attrInt:
			_, err = strconv.ParseInt(s, 10, 64)
		case attrUint32:
			_, err = strconv.ParseUint(s, 10, 32)
		case attrFloat:
			_, err = strconv.ParseFloat(s, 64)
		case attrBool:
			_, err = strconv.ParseBool(s)
		}
		if err != nil {
			return decline("attribute " + string(name) + " of " + string(t.name))
		}
	}
}

// skipTyped is skip for an element whose descendants may carry typed attributes.
func (s *xmlScanner) skipTyped(t *xmlToken) error {
	if err := checkTyped(t); err != nil {
		return err
	}
	return s.skip(t, checkTyped)
}
