package records

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file turns the text of one spreadsheet cell into the JSON value RECORDS.md defines for its key:
// dates, instants, amounts, booleans and lists. A parser only reads the form; whether the value is
// possible (2023-02-30, hour 25) is the schema's judgement, so a spreadsheet and a JSON export of the
// same record fail with the same reason.

// foldCell normalizes what clerks type: full-width digits and punctuation become ASCII (NFKC), spaces
// around the text go.
func foldCell(s string) string {
	return strings.TrimSpace(norm.NFKC.String(s))
}

var (
	reDateSep   = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})$`)
	reDateZh    = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	reDate8     = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reSerial    = regexp.MustCompile(`^\d{1,7}(\.\d+)?$`)
	reMidnight  = regexp.MustCompile(`^(.*?)(?:\s+|T)0{1,2}:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$`)
	reTime      = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$`)
	reTimeZh    = regexp.MustCompile(`^(\d{1,2})\s*[时點点]\s*(?:(\d{1,2})\s*分)?\s*(?:(\d{1,2})\s*秒)?$`)
	reOffset    = regexp.MustCompile(`(Z|[+-]\d{2}:\d{2})$`)
	reRFC3339   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)
	reThousands = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$`)
	reDecimal   = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,2})?$`)
)

// DateForms says which forms a date cell may take (for messages and the template's notes).
const DateForms = "2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301 or an Excel date"

// ParseDate reads a date cell in any RECORDS.md form and returns it as YYYY-MM-DD. It checks the form
// only: a form-correct impossible date comes back as written (2023-02-30) for the schema to reject.
// A time of exactly midnight after the date is allowed (database exports write 2024-03-01 00:00:00);
// an Excel serial may carry a time of day, which is dropped.
func ParseDate(s string) (string, error) {
	t := foldCell(s)
	if m := reMidnight.FindStringSubmatch(t); m != nil {
		t = strings.TrimSpace(m[1])
	}
	if d, ok := dateForm(t); ok {
		return d, nil
	}
	if reSerial.MatchString(t) {
		day, _, err := excelSerial(t)
		if err != nil {
			return "", err
		}
		return day, nil
	}
	return "", fmt.Errorf("not a date: write it as %s", DateForms)
}

// dateForm reads the written forms (not serials).
func dateForm(t string) (string, bool) {
	if m := reDateSep.FindStringSubmatch(t); m != nil && m[2] == m[4] {
		return ymd(m[1], m[3], m[5]), true
	}
	if m := reDateZh.FindStringSubmatch(t); m != nil {
		return ymd(m[1], m[2], m[3]), true
	}
	if m := reDate8.FindStringSubmatch(t); m != nil {
		return ymd(m[1], m[2], m[3]), true
	}
	return "", false
}

func ymd(y, m, d string) string {
	pad := func(s string) string {
		if len(s) == 1 {
			return "0" + s
		}
		return s
	}
	return y + "-" + pad(m) + "-" + pad(d)
}

// excelEpoch is day 0 of Excel's 1900 date system as Excel counts after 1900-02-28 (it believes
// 1900 was a leap year, so serial 60 is a day that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// maxSerial is 9999-12-31, the last day Excel shows.
const maxSerial = 2958465

// excelSerial turns an Excel serial (days, a fraction for the time of day) into a date and a time.
func excelSerial(t string) (day, clock string, err error) {
	f, perr := strconv.ParseFloat(t, 64)
	if perr != nil || f < 1 || f >= maxSerial+1 {
		return "", "", fmt.Errorf("not a date: %s is no Excel date serial (1 to %d); write it as %s", t, maxSerial, DateForms)
	}
	days := int(f)
	if days == 60 {
		return "", "", fmt.Errorf("Excel serial 60 is 1900-02-29, a day that never was; write the date as %s", DateForms)
	}
	base := excelEpoch
	if days < 60 {
		base = base.AddDate(0, 0, 1)
	}
	secs := int64((f-float64(days))*86400 + 0.5)
	if secs >= 86400 {
		secs = 86399
	}
	d := base.AddDate(0, 0, days).Add(time.Duration(secs) * time.Second)
	return d.Format("2006-01-02"), d.Format("15:04:05"), nil
}

// InstantForms says which forms an instant cell may take.
const InstantForms = "2024-03-01 09:30, 2024/3/1 9:30:00, 2024年3月1日 9时30分, RFC 3339 or an Excel date and time"

// ParseInstant reads a date-and-time cell and returns it as RFC 3339; without an offset it is China
// Standard Time (+08:00). A date without a time is not an instant: the deadlines it feeds count hours.
func ParseInstant(s string) (string, error) {
	t := foldCell(s)
	if at, err := time.Parse(time.RFC3339, t); err == nil {
		if reRFC3339.MatchString(t) {
			return t, nil
		}
		return at.Format(time.RFC3339Nano), nil // Go also takes a one-digit hour: write it out in full
	}
	if reSerial.MatchString(t) {
		if !strings.Contains(t, ".") {
			return "", fmt.Errorf("a date without a time: an instant needs the time of day too (%s)", InstantForms)
		}
		day, clock, err := excelSerial(t)
		if err != nil {
			return "", err
		}
		return day + "T" + clock + "+08:00", nil
	}
	offset := "+08:00"
	if m := reOffset.FindStringSubmatch(t); m != nil && len(t) > 10 {
		offset = m[1]
		t = strings.TrimSpace(strings.TrimSuffix(t, m[1]))
	}
	// split the date from the time at the first space or T after the date
	cut := strings.IndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == 'T' })
	if zh := strings.Index(t, "日"); zh > 0 && (cut < 0 || zh+len("日") <= cut) {
		cut = zh + len("日")
	}
	if cut <= 0 || cut >= len(t) {
		if _, ok := dateForm(t); ok {
			return "", fmt.Errorf("a date without a time: an instant needs the time of day too (%s)", InstantForms)
		}
		return "", fmt.Errorf("not a date and time: write it as %s", InstantForms)
	}
	datePart, timePart := strings.TrimSpace(t[:cut]), strings.TrimSpace(strings.TrimPrefix(t[cut:], "T"))
	day, ok := dateForm(datePart)
	if !ok {
		return "", fmt.Errorf("not a date and time: write it as %s", InstantForms)
	}
	var h, m, sec, frac string
	if mm := reTime.FindStringSubmatch(timePart); mm != nil {
		h, m, sec, frac = mm[1], mm[2], mm[3], mm[4]
	} else if mm := reTimeZh.FindStringSubmatch(timePart); mm != nil {
		h, m, sec = mm[1], mm[2], mm[3]
	} else {
		return "", fmt.Errorf("not a time of day in %q: write it as %s", timePart, InstantForms)
	}
	pad := func(s string) string {
		switch len(s) {
		case 0:
			return "00"
		case 1:
			return "0" + s
		}
		return s
	}
	return day + "T" + pad(h) + ":" + pad(m) + ":" + pad(sec) + frac + offset, nil
}

// AmountForms says how an amount cell may be written.
const AmountForms = "a number such as 5000, 5,000, 5000.50 or 5000元 (in a column headed 万元: 0.5)"

// maxAmountDigits bounds the digits of an amount; a longer one is no amount of money.
const maxAmountDigits = 30

// ParseAmount reads a number cell: thousands separators, a leading ¥ and a trailing 元 are allowed, a
// trailing 万元 multiplies by 10,000, and so does scale (10000 for a column headed in 万元) unless the
// cell names its own unit. More than Excel's 15 significant digits are rounded to 15 (0.1+0.2 stored
// as 0.30000000000000004 reads as 0.3). The result is the shortest exact decimal.
func ParseAmount(s string, scale int64) (json.Number, error) {
	t := strings.ReplaceAll(foldCell(s), " ", "")
	t = strings.TrimPrefix(t, "¥")
	switch {
	case strings.HasSuffix(t, "万元"):
		t, scale = strings.TrimSuffix(t, "万元"), 10000
	case strings.HasSuffix(t, "元"):
		t, scale = strings.TrimSuffix(t, "元"), 1
	}
	if strings.Contains(t, ",") {
		if !reThousands.MatchString(t) {
			return "", fmt.Errorf("not an amount (thousands separators every three digits): write %s", AmountForms)
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	if !reDecimal.MatchString(t) || len(t) > maxAmountDigits+8 {
		return "", fmt.Errorf("not an amount: write %s", AmountForms)
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return "", fmt.Errorf("not an amount: write %s", AmountForms)
	}
	r = round15(r)
	if scale > 1 {
		r.Mul(r, new(big.Rat).SetInt64(scale))
	}
	out := decimalString(r)
	if len(out) > maxAmountDigits+2 {
		return "", fmt.Errorf("not an amount: %s has more than %d digits", t, maxAmountDigits)
	}
	return json.Number(out), nil
}

// round15 rounds to 15 significant digits when a value has more.
func round15(r *big.Rat) *big.Rat {
	if r.Sign() == 0 {
		return r
	}
	f, _ := r.Float64()
	g := strconv.FormatFloat(f, 'g', -1, 64)
	digits := strings.TrimLeft(strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, strings.SplitN(strings.ToLower(g), "e", 2)[0]), "0")
	if len(digits) <= 15 {
		return r
	}
	out, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', 15, 64))
	if !ok {
		return r
	}
	return out
}

// decimalString prints an exact decimal (the denominator divides a power of ten) without trailing zeros.
func decimalString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	for prec := 1; prec <= 2*maxAmountDigits+100; prec++ {
		x := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(prec)), nil)))
		if x.IsInt() {
			return r.FloatString(prec)
		}
	}
	return r.FloatString(2*maxAmountDigits + 100) // longer than any amount: refused by the caller
}

// ParseInteger reads a whole number (case_total): an amount with no fractional part.
func ParseInteger(s string) (json.Number, error) {
	n, err := ParseAmount(s, 1)
	if err != nil {
		return "", fmt.Errorf("not a whole number: write it as 12 or 1,200")
	}
	if strings.ContainsAny(string(n), ".eE") {
		return "", fmt.Errorf("not a whole number: write it as 12 or 1,200")
	}
	return n, nil
}

// BoolForms says how a yes/no cell may be written.
const BoolForms = "是/否, true/false or 1/0"

// ParseBool reads 是/否, true/false (any case) or 1/0.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(foldCell(s)) {
	case "是", "true", "1":
		return true, nil
	case "否", "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("not yes or no: write %s", BoolForms)
}

// SplitList splits a cell holding several values: , ， 、 ; and ； separate them.
func SplitList(s string) []string {
	f := func(r rune) bool {
		switch r {
		case ',', '，', '、', ';', '；', '\n':
			return true
		}
		return false
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, f) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
