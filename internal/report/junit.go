package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
)

// JUnit is a JUnit XML report so that CI systems show failures by agency: one test suite per unit (and
// one for the jurisdiction's export-wide rules), one test case per rule the profile turns on × unit. A
// case fails when the rule has an unwaived error or warning finding in the unit (the failure lists them);
// a case whose findings are all waived is skipped with the waivers as the reason; info findings and
// resolved ones (--baseline) are the case's system-out.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
	SystemErr  *junitText      `xml:"system-err,omitempty"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// junitText is an element whose text is CDATA, so that multi-line lists stay readable.
type junitText struct {
	Text string `xml:",cdata"`
}

func textOf(s string) *junitText {
	if s == "" {
		return nil
	}
	return &junitText{s}
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func (JUnit) Write(w io.Writer, r *findings.Result, c Context) error {
	wd := wordsOf(c)
	type key struct{ unit, rule string }
	by := map[key][]findings.Finding{}
	resolved := map[key][]findings.Finding{}
	rules := append([]string{}, r.Summary.Rules...)
	addRule := func(id string) {
		if !contains(rules, id) {
			rules = append(rules, id)
		}
	}
	for _, f := range r.Findings {
		by[key{f.Unit, f.Rule}] = append(by[key{f.Unit, f.Rule}], f)
		addRule(f.Rule)
	}
	for _, f := range r.Resolved {
		resolved[key{f.Unit, f.Rule}] = append(resolved[key{f.Unit, f.Rule}], f)
	}
	sortRules(c, rules)

	// The units: every unit of the export, and any a finding names; the jurisdiction first.
	var units []string
	seen := map[string]bool{}
	for _, u := range r.Summary.Units {
		if !seen[u.ID] {
			seen[u.ID] = true
			units = append(units, u.ID)
		}
	}
	for _, f := range r.Findings {
		if f.Unit != "" && !seen[f.Unit] {
			seen[f.Unit] = true
			units = append(units, f.Unit)
		}
	}

	doc := junitSuites{Name: fmt.Sprintf("jiandu %s %s", r.Profile, r.AsOf), Time: "0"}
	props := []junitProperty{{"profile", r.Profile}, {"as_of", r.AsOf}, {"tool_version", r.Tool.Version}}
	addSuite := func(unit string, ids []string) {
		s := junitSuite{Name: wd.unitName(r, unit), Time: "0", Timestamp: timestamp(r.AsOf), Properties: props}
		for _, id := range ids {
			name := id
			if t := wd.title(c, id); t != "" {
				name = id + " " + t
			}
			classname := unit
			if unit == "" {
				classname = "jurisdiction"
			}
			tc := junitCase{Name: name, Classname: classname, Time: "0"}
			fs := by[key{unit, id}]
			var failing, waived, info []findings.Finding
			worst := ""
			for _, f := range fs {
				switch {
				case f.Waived != nil:
					waived = append(waived, f)
				case findings.Rank(f.Severity) >= findings.Rank("warning"):
					failing = append(failing, f)
					if findings.Rank(f.Severity) > findings.Rank(worst) {
						worst = f.Severity
					}
				default:
					info = append(info, f)
				}
			}
			var out strings.Builder
			switch {
			case len(failing) > 0:
				tc.Failure = &junitFailure{Type: worst,
					Message: wd.t(fmt.Sprintf("%d 项问题", len(failing)), fmt.Sprintf("%d finding(s)", len(failing))),
					Text:    junitList(wd, failing)}
			case len(waived) > 0:
				tc.Skipped = &junitSkipped{Message: wd.waived(waived[0].Waived)}
			}
			if len(waived) > 0 && tc.Skipped == nil {
				out.WriteString(junitList(wd, waived))
			}
			if len(info) > 0 {
				out.WriteString(junitList(wd, info))
			}
			if rs := resolved[key{unit, id}]; len(rs) > 0 {
				out.WriteString(junitList(wd, rs))
			}
			tc.SystemOut = textOf(out.String())
			s.Tests++
			if tc.Failure != nil {
				s.Failures++
			}
			if tc.Skipped != nil {
				s.Skipped++
			}
			s.Cases = append(s.Cases, tc)
		}
		if unit == "" {
			var errs strings.Builder
			for _, e := range r.Errors {
				fmt.Fprintf(&errs, "%s: %s\n", e.File, e.Message)
			}
			for _, x := range attention(r) {
				fmt.Fprintf(&errs, "%s %s (%s, %s)\n", wd.waiverStatus(x.Status), wd.waiverTarget(x), x.Reason, x.Source)
			}
			s.SystemErr = textOf(errs.String())
		}
		doc.Suites = append(doc.Suites, s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Skipped += s.Skipped
	}

	// The jurisdiction's suite: the rules with export-wide findings or an export partition.
	var exportRules []string
	for _, id := range rules {
		if len(by[key{"", id}]) > 0 || len(resolved[key{"", id}]) > 0 {
			exportRules = append(exportRules, id)
			continue
		}
		if c.Catalogue != nil {
			if meta, ok := c.Catalogue.Get(id); ok && strings.Contains(meta.Partition, "export") {
				exportRules = append(exportRules, id)
			}
		}
	}
	if len(exportRules) > 0 || len(r.Errors) > 0 || len(attention(r)) > 0 {
		addSuite("", exportRules)
	}
	for _, u := range units {
		addSuite(u, rules)
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitList is one finding a line: severity, record, message, then its clauses and location.
func junitList(wd words, fs []findings.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		label := wd.severity(f.Severity)
		if f.Status == "resolved" {
			label = wd.status("resolved")
		}
		fmt.Fprintf(&b, "[%s] %s: %s\n", label, wd.record(f), wd.message(f))
		if f.Waived != nil {
			fmt.Fprintf(&b, "    %s\n", wd.waived(f.Waived))
		}
		if len(f.Sources) > 0 {
			fmt.Fprintf(&b, "    %s%s\n", wd.t("依据：", "basis: "), strings.Join(f.Sources, wd.t("；", "; ")))
		}
		if f.Location != nil {
			fmt.Fprintf(&b, "    %s%s\n", wd.t("位置：", "at: "), f.Location.String())
		}
	}
	return b.String()
}

// timestamp is the as-of instant without its offset, as JUnit's schema wants (ISO 8601 local time).
func timestamp(asOf string) string {
	if len(asOf) >= 19 {
		return asOf[:19]
	}
	return asOf
}
