package policytest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Formats are the report formats of `jiandu test --format`.
var Formats = []string{"table", "json", "junit"}

// Write renders reports in a format: table (for people), json (for scripts), junit (for CI test tabs).
func Write(w io.Writer, format string, reps []*Report, verbose bool) error {
	switch format {
	case "table":
		for i, r := range reps {
			if i > 0 {
				fmt.Fprintln(w)
			}
			writeTable(w, r, verbose)
		}
		return nil
	case "json":
		pass := true
		for _, r := range reps {
			pass = pass && r.Pass
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Pass   bool      `json:"pass"`
			Suites []*Report `json:"suites"`
		}{pass, reps})
	case "junit":
		return writeJUnit(w, reps)
	}
	return fmt.Errorf("--format %q: choose %s", format, strings.Join(Formats, ", "))
}

func writeTable(w io.Writer, r *Report, verbose bool) {
	fmt.Fprintf(w, "jiandu test: %s\n\n", r.Name)
	fmt.Fprintf(w, "%-22s %9s %9s %6s %8s  %s\n", "RULE", "TESTS", "CASES", "LINT", "COVER", "RESULT")
	for _, x := range r.Rules {
		cov := "—"
		if x.Coverage != nil {
			cov = fmt.Sprintf("%.1f%%", *x.Coverage)
		}
		res := "ok"
		if !x.Pass {
			res = "FAIL"
		}
		fmt.Fprintf(w, "%-22s %9s %9s %6d %8s  %s\n", x.Rule, ratio(x.Tests-x.TestsFailed, x.Tests),
			ratio(x.Fixtures-x.FixturesFailed, x.Fixtures), x.Lint, cov, res)
	}
	fmt.Fprintln(w)
	listed := map[string]bool{} // -v lists the passing tests of the rules in the table, not of every built-in rule
	for _, x := range r.Rules {
		listed[x.Rule] = true
	}
	for _, t := range r.Tests {
		if (t.Pass || t.Skip) && !listed[t.Rule] {
			continue
		}
		switch {
		case t.Skip:
			if verbose {
				fmt.Fprintf(w, "--- SKIP  rego     %-9s %s:%d %s\n", t.Rule, t.File, t.Line, t.FullName())
			}
		case t.Pass:
			if verbose {
				fmt.Fprintf(w, "--- PASS  rego     %-9s %s:%d %s\n", t.Rule, t.File, t.Line, t.FullName())
			}
		default:
			fmt.Fprintf(w, "--- FAIL  rego     %-9s %s:%d %s\n", t.Rule, t.File, t.Line, t.FullName())
			if t.Error != "" {
				fmt.Fprintf(w, "          error: %s\n", t.Error)
			} else if t.FailedAt != "" {
				fmt.Fprintf(w, "          failed at: %s\n", t.FailedAt)
			} else {
				fmt.Fprintf(w, "          the test's body is false\n")
			}
			if out := strings.TrimSpace(t.Output); out != "" {
				fmt.Fprintf(w, "          printed:\n%s\n", indent(out, "            "))
			}
		}
	}
	for _, c := range r.Fixtures {
		switch {
		case c.Pass:
			if verbose {
				fmt.Fprintf(w, "--- PASS  fixture  %-9s %s\n", c.Rule, c.Dir)
			}
		case c.Error != "":
			fmt.Fprintf(w, "--- FAIL  fixture  %-9s %s\n          %s\n", c.Rule, c.Dir, c.Error)
		default:
			fmt.Fprintf(w, "--- FAIL  fixture  %-9s %s: findings differ from expected.json\n%s", c.Rule, c.Dir, indent(c.Diff(), "          "))
		}
	}
	for _, i := range r.Lint {
		loc := i.File
		if i.Line > 0 {
			loc = fmt.Sprintf("%s:%d", i.File, i.Line)
		}
		fmt.Fprintf(w, "--- LINT  %-16s %s: %s\n", "["+i.Check+"]", loc, i.Message)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "--- FAIL  %s\n", p)
	}
	c := r.Coverage
	fmt.Fprintln(w)
	if c.Covered+c.NotCovered == 0 {
		fmt.Fprintln(w, "coverage: no policy module of its own to cover")
	} else {
		min := ""
		if c.Min > 0 {
			min = fmt.Sprintf(", minimum %.1f%%", c.Min)
			if !c.Pass {
				min += ": BELOW THE MINIMUM"
			}
		}
		fmt.Fprintf(w, "coverage: %.1f%% of %d lines (%d files%s)\n", c.Percent, c.Covered+c.NotCovered, len(c.Files), min)
		for _, f := range c.Files {
			if f.Percent < 100 || verbose {
				fmt.Fprintf(w, "  %6.1f%%  %s", f.Percent, f.File)
				if len(f.Uncovered) > 0 {
					fmt.Fprintf(w, "  not covered: %s", strings.Join(f.Uncovered, ", "))
				}
				fmt.Fprintln(w)
			}
		}
	}
	tests, testsFailed, cases, casesFailed := r.Counts()
	verdict := "PASS"
	if !r.Pass {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "\n%s  %d Rego tests (%d failed) · %d fixture cases (%d failed) · %d lint findings · coverage %.1f%%\n",
		verdict, tests, testsFailed, cases, casesFailed, len(r.Lint), c.Percent)
}

func ratio(ok, all int) string {
	if all == 0 {
		return "—"
	}
	return fmt.Sprintf("%d/%d", ok, all)
}

func indent(s, pre string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre) + "\n"
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

// writeJUnit writes one testsuite per rule (its Rego tests, fixture cases and lint findings), one for
// findings of no rule and one for coverage.
func writeJUnit(w io.Writer, reps []*Report) error {
	out := junitSuites{Name: "jiandu test"}
	for _, r := range reps {
		suites := map[string]*junitSuite{}
		var order []string
		suite := func(name string) *junitSuite {
			key := r.Name + " " + name
			if suites[key] == nil {
				suites[key] = &junitSuite{Name: key}
				order = append(order, key)
			}
			return suites[key]
		}
		for _, x := range r.Rules {
			suite(x.Rule)
		}
		add := func(group string, c junitCase) {
			s := suite(group)
			s.Tests++
			if c.Failure != nil {
				s.Failures++
			}
			if c.Skipped != nil {
				s.Skipped++
			}
			s.Cases = append(s.Cases, c)
		}
		for _, t := range r.Tests {
			c := junitCase{Name: t.FullName(), Classname: t.Rule, File: t.File, Line: t.Line}
			if t.Skip {
				c.Skipped = &struct{}{}
			} else if !t.Pass {
				msg := t.Error
				if msg == "" {
					msg = "failed at: " + t.FailedAt
				}
				c.Failure = &junitFailure{Message: msg, Body: t.Output}
			}
			add(t.Rule, c)
		}
		for _, f := range r.Fixtures {
			c := junitCase{Name: "fixture " + f.Name, Classname: f.Rule, File: f.Dir}
			if f.Error != "" {
				c.Failure = &junitFailure{Message: f.Error}
			} else if !f.Pass {
				c.Failure = &junitFailure{Message: "findings differ from expected.json", Body: f.Diff()}
			}
			add(f.Rule, c)
		}
		for _, i := range r.Lint {
			group := i.Rule
			if group == "" {
				group = "lint"
			}
			add(group, junitCase{Name: "lint " + i.Check + " " + i.File, Classname: group, File: i.File, Line: i.Line,
				Failure: &junitFailure{Message: i.Message, Body: i.String()}})
		}
		cov := junitCase{Name: fmt.Sprintf("coverage %.1f%% (minimum %.1f%%)", r.Coverage.Percent, r.Coverage.Min), Classname: "coverage"}
		if !r.Coverage.Pass {
			cov.Failure = &junitFailure{Message: "coverage below the minimum"}
		}
		add("coverage", cov)
		for _, p := range r.Problems {
			add("suite", junitCase{Name: p, Classname: "suite", Failure: &junitFailure{Message: p}})
		}
		for _, k := range order {
			s := suites[k]
			out.Tests += s.Tests
			out.Failures += s.Failures
			out.Suites = append(out.Suites, *s)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
