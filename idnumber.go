package electsum

import "time"

// IDFault says what is wrong with a 身份证号; IDValid when nothing is.
type IDFault int

const (
	IDValid    IDFault = iota
	IDLength           // not 18 characters
	IDChecksum         // a non-digit among the first 17, or the check character does not match
	IDDate             // digits 7–14 are not a real date between 1900 and 2100
	// IDTruncated is 18 digits ending in 000 whose check character does not match: what a number cell
	// shows of a 身份证号, since Excel keeps 15 significant digits and writes zeros for the rest.
	IDTruncated
)

// idWeights are the ISO 7064 MOD 11-2 weights of the first 17 digits of a 身份证号.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// IDCheckChar is the 18th character of a 身份证号 (GB 11643) whose first 17 characters are first17:
// '0'–'9' or 'X'; 0 when first17 is not 17 ASCII digits.
func IDCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11]
}

// CheckID is the one check of an 18-character 身份证号 as stored (half-width, upper-case X): 17
// digits, the check character, and a real birth date between 1900 and 2100 in digits 7–14, which it
// returns. Ingest validates sheets with it and query output masks what it accepts.
func CheckID(id string) (birth time.Time, fault IDFault) {
	if len(id) != 18 {
		return time.Time{}, IDLength
	}
	if c := IDCheckChar(id[:17]); c == 0 || c != id[17] {
		if c != 0 && id[15:] == "000" {
			return time.Time{}, IDTruncated
		}
		return time.Time{}, IDChecksum
	}
	birth, ok := IDBirth(id)
	if !ok || birth.Year() < 1900 || birth.Year() > 2100 {
		return time.Time{}, IDDate
	}
	return birth, IDValid
}

// oldIDBirth is the birth date a 15-digit 身份证号 (issued before 1999, no check digit) encodes in
// digits 7–12 as 19YYMMDD, and whether it is a real date.
func oldIDBirth(id string) (time.Time, bool) {
	if len(id) != 15 {
		return time.Time{}, false
	}
	for i := 0; i < 15; i++ {
		if id[i] < '0' || id[i] > '9' {
			return time.Time{}, false
		}
	}
	return IDBirth("000000" + "19" + id[6:12] + "0000")
}
