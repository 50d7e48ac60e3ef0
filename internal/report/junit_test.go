package report_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/jiandu/jiandu/internal/findings"
)

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitIsOneCasePerRuleAndUnitAndParses(t *testing.T) {
	res := compared(t)
	var doc junitDoc
	if err := xml.Unmarshal(render(t, "junit", res, ctxOf(t, "zh")), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}

	// What each rule × unit should say.
	type key struct{ unit, rule string }
	failing := map[key][]findings.Finding{}
	waived := map[key]bool{}
	for _, f := range res.Findings {
		k := key{f.Unit, f.Rule}
		switch {
		case f.Waived != nil:
			waived[k] = true
		case findings.Rank(f.Severity) >= findings.Rank("warning"):
			failing[k] = append(failing[k], f)
		}
	}

	total, failures, skipped := 0, 0, 0
	seenUnits := map[string]bool{}
	for _, s := range doc.Suites {
		total += s.Tests
		failures += s.Failures
		skipped += s.Skipped
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d but %d cases", s.Name, s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			unit := c.Classname
			if unit == "jurisdiction" {
				unit = ""
			}
			seenUnits[unit] = true
			rule, _, _ := strings.Cut(c.Name, " ")
			k := key{unit, rule}
			switch fs := failing[k]; {
			case len(fs) > 0:
				if c.Failure == nil {
					t.Errorf("%s × %s: %d unwaived findings but the case passes", unit, rule, len(fs))
					continue
				}
				for _, f := range fs {
					if !strings.Contains(c.Failure.Text, f.Message) {
						t.Errorf("%s × %s: the failure does not list %s", unit, rule, f.ID)
					}
				}
				delete(failing, k)
			case waived[k]:
				if c.Skipped == nil || !strings.Contains(c.Skipped.Message, "已豁免") {
					t.Errorf("%s × %s: all findings waived, want a skipped case with the waiver", unit, rule)
				}
			default:
				if c.Failure != nil {
					t.Errorf("%s × %s: fails without a finding: %s", unit, rule, c.Failure.Message)
				}
			}
		}
	}
	for k, fs := range failing {
		t.Errorf("no failing case for %s × %s (%d findings)", k.unit, k.rule, len(fs))
	}
	if total != doc.Tests || failures != doc.Failures || skipped != doc.Skipped {
		t.Errorf("testsuites counts %d/%d/%d, suites add up to %d/%d/%d", doc.Tests, doc.Failures, doc.Skipped, total, failures, skipped)
	}
	// One case per rule the profile turns on × unit of the export.
	for _, u := range res.Summary.Units {
		if !seenUnits[u.ID] {
			t.Errorf("no suite for unit %s", u.ID)
		}
	}
	perUnit := 0
	for _, s := range doc.Suites {
		if strings.HasPrefix(s.Name, "U-SJ ") {
			perUnit = s.Tests
		}
	}
	if perUnit != len(res.Summary.Rules) {
		t.Errorf("U-SJ has %d cases, want one per rule the profile turns on (%d)", perUnit, len(res.Summary.Rules))
	}
}
