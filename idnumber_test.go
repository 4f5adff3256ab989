package electsum_test

import (
	"testing"
	"time"

	"electsum"
)

func TestCheckID(t *testing.T) {
	for _, c := range []struct {
		id    string
		fault electsum.IDFault
		birth string
	}{
		{"11010519491231002X", electsum.IDValid, "1949-12-31"},
		{"440304200002290014", electsum.IDValid, "2000-02-29"},
		{"110105194912310021", electsum.IDChecksum, ""},        // the check character is X
		{"11010519491231002x", electsum.IDChecksum, ""},        // stored numbers have an upper-case X
		{"1101051949123100X2", electsum.IDChecksum, ""},        // X only in the last place
		{"440304199902290014", electsum.IDDate, ""},            // 1999 has no 29 February
		{"11010518491231002X", electsum.IDChecksum, ""},        // a changed digit breaks the check
		{"110105194912310", electsum.IDLength, ""},             // the old 15 digits are not stored
		{"110105194912310000", electsum.IDTruncated, ""},       // a number cell: Excel kept 15 digits
		{"430121198305148000", electsum.IDValid, "1983-05-14"}, // a truncated number may pass (1 in 11)
		{"11010519491231000X", electsum.IDChecksum, ""},
		{"110105194912310021X", electsum.IDLength, ""},
		{"", electsum.IDLength, ""},
	} {
		birth, fault := electsum.CheckID(c.id)
		if fault != c.fault {
			t.Errorf("CheckID(%q) fault %d, want %d", c.id, fault, c.fault)
			continue
		}
		if c.birth != "" && birth.Format(time.DateOnly) != c.birth {
			t.Errorf("CheckID(%q) birth %v, want %s", c.id, birth, c.birth)
		}
	}
	if c := electsum.IDCheckChar("1101051949123100"); c != 0 {
		t.Errorf("IDCheckChar of 16 digits = %q, want 0", c)
	}
	if c := electsum.IDCheckChar("1101051949123100A"); c != 0 {
		t.Errorf("IDCheckChar with a letter = %q, want 0", c)
	}
}

func TestMaskIDsIn(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"11010519491231002X", "1101**********002X"},
		{"11010519491231002x", "1101**********002x"},
		{"id:440304200002290014", "id:4403**********0014"},
		{`["440304200002290014","11010519491231002X"]`, `["4403**********0014","1101**********002X"]`},
		{"周七440304200002290014号", "周七4403**********0014号"},
		// a number inside a longer run of digits is still found
		{"9440304200002290014", "94403**********0014"},
		{"4403042000022900149", "4403**********00149"},
		// an old 15-digit number: digits 7–12 a date 19YYMMDD
		{"110105491231002", "1101*******1002"},
		{"tel 110105491331002", "tel 110105491331002"}, // month 13: not a number to hide
		// 18 digits that fail the check are left as they are: ordinary numbers
		{"440304200002290015", "440304200002290015"},
		{"1234567890123456789012", "1234567890123456789012"},
		{"3301**********0011", "3301**********0011"},
		// a number that went through a double: its check digit is lost, its region and birth date not
		{"110101198201011250", "1101**********1250"},
		{"[110101198201011248]", "[1101**********1248]"},
		{"周七1.1010119820101125e+17", "周七1.10**************e+17"},
		{"1.1010119820101125E17", "1.10*************5E17"},
		{"110101198201011246", "110101198201011246"}, // not a double's text: typed, checked whole
		{"1.5e17 2.0e+17", "1.5e17 2.0e+17"},         // no birth date in digits 7–14
		{"123456789012345680", "123456789012345680"},
		{"城关镇东村", "城关镇东村"},
		{"", ""},
	} {
		if got := electsum.MaskIDsIn(c.in); got != c.want {
			t.Errorf("MaskIDsIn(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIDColumn(t *testing.T) {
	for name, want := range map[string]bool{
		"id_number": true, "身份证号": true, "公民身份号码": true, "身份證號碼": true, "ID No.": true, "id-card": true,
		"SFZH": true, "citizen_id": true, "national id": true,
		"id": false, "person_key": false, "name": false, "姓名": false, "idle": false, "valid": false,
	} {
		if got := electsum.IDColumn(name); got != want {
			t.Errorf("IDColumn(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestRoundedID(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want bool
	}{
		{110101198201011245, true}, // held as 110101198201011248
		{-110101198201011245, true},
		{110105491231002, true},            // old 15-digit number
		{110105491331002, false},           // month 13
		{123456789012345678, false},        // 78901234 is no date
		{110101198201011245.5 + 0.5, true}, // whole after rounding
		{1101011982010112.5, false},        // not whole
		{11010119820101124, false},         // 17 digits
		{1e18, false},
		{0, false},
	} {
		if got := electsum.RoundedID(c.f); got != c.want {
			t.Errorf("RoundedID(%v) = %v, want %v", c.f, got, c.want)
		}
	}
}
