package electsum

import "strings"

// MaskID masks an id number (身份证号) as 3301**********1234: the first four and the last four characters
// stay, every other one becomes *. Numbers of eight characters or fewer are masked whole; an empty
// number stays empty, surrounding spaces are dropped. Masking a masked number changes nothing.
func MaskID(id string) string {
	r := []rune(strings.TrimSpace(id))
	if len(r) <= 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-4:])
}
