package electsum

import "strings"

// FileName is name with the characters a file name may not hold on Windows (/ \ : * ? " < > |) and
// quotation marks (“ ”) replaced with _: a download's or a draft's file name made from a title.
func FileName(name string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|', '“', '”':
			return '_'
		}
		return r
	}, name)
}
