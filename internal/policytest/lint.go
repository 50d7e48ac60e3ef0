package policytest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/profile"
)

// The lint checks, as Issue.Check names them.
const (
	CheckCompile        = "compile"         // opa check --strict: strict compilation with the record schema
	CheckFormat         = "fmt"             // opa fmt: the file is formatted as opa fmt would
	CheckMetadata       = "metadata"        // id, zh and en titles, severity, sources; no scaffold TODO left
	CheckID             = "id"              // ids match [A-Z]+-[0-9]{2} and are unique
	CheckPackage        = "package"         // the package is data.jiandu.rules.<id lower, - as _>
	CheckTests          = "tests"           // at least one Rego unit test exercises the rule
	CheckFixtures       = "fixtures"        // a pass-* and a fail-* case, each of which tests something
	CheckProfileSources = "profile-sources" // every profile switch, parameter and obligation cites a source
	CheckProfile        = "profile"         // the profile resolves and turns on only rules that exist
	CheckParams         = "params"          // every parameter a rule reads is declared by every profile turning it on
	CheckMetadataParams = "metadata-params" // METADATA custom.params lists every parameter of the rule the code reads
)

// Issue is one lint finding: which check, on which rule, where, and what to do.
type Issue struct {
	Check   string `json:"check"`
	Rule    string `json:"rule,omitempty"`
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (i Issue) String() string {
	loc := i.File
	if i.Line > 0 {
		loc += ":" + strconv.Itoa(i.Line)
	}
	return fmt.Sprintf("%s: [%s] %s", loc, i.Check, i.Message)
}

// Severities a rule may declare.
var Severities = []string{"error", "warning", "info"}

// paramFuncs are the helpers through which a rule reads a profile parameter: (rule id, name, ...).
var paramFuncs = map[string]bool{
	"data.jiandu.lib.param":           true,
	"data.jiandu.lib.param_at":        true,
	"data.jiandu.lib.param_source":    true,
	"data.jiandu.lib.param_source_at": true,
	"data.jiandu.lib.entry_at":        true,
}

// ruleInfo is a rule as the lint sees it.
type ruleInfo struct {
	ID      string
	Package string // data.jiandu.rules.x
	File    string
	Line    int
	Ann     *ast.Annotations
	Params  []string // METADATA custom.params
}

// paramRead is one lib.param(...) call with literal arguments.
type paramRead struct {
	Rule, Name string // the parameter read
	File       string
	Line       int
}

// linter holds what the checks share.
type linter struct {
	tree     *policy.Tree // loaded with the tests
	fsys     fs.FS
	fixtures string
	owned    func(string) bool
	profiles *profile.Set
	rules    map[string]*ruleInfo // by id (the first declaration)
	byPkg    map[string]string    // rule package → id
	reads    map[string][]paramRead
	issues   []Issue
}

// Lint runs every lint check over a tree loaded with its tests. owned says which policy files the run
// answers for (nil = all); fixtures is the fixture folder on disk ("" = none).
func Lint(tree *policy.Tree, fixtures string, owned func(string) bool) []Issue {
	if owned == nil {
		owned = func(string) bool { return true }
	}
	l := &linter{tree: tree, fsys: tree.FS, fixtures: fixtures, owned: owned,
		rules: map[string]*ruleInfo{}, byPkg: map[string]string{}, reads: map[string][]paramRead{}}
	l.strict()
	l.format()
	l.metadata()
	l.collectReads()
	l.tests()
	l.metadataParams()
	profs, err := profile.Load(l.fsys)
	if err != nil {
		l.add(Issue{Check: CheckProfile, File: profile.Dir, Message: err.Error()})
	} else {
		l.profiles = profs
		l.profileSources()
		l.params()
	}
	l.fixtureCases()
	sort.SliceStable(l.issues, func(i, j int) bool {
		a, b := l.issues[i], l.issues[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return l.issues
}

func (l *linter) add(i Issue) { l.issues = append(l.issues, i) }

// strict is `opa check --strict`: compile every module, tests included, in strict mode with the schema.
func (l *linter) strict() {
	c := ast.NewCompiler().WithStrict(true).WithSchemas(l.tree.Schemas).WithUseTypeCheckAnnotations(true)
	c.Compile(l.tree.Modules)
	for _, e := range c.Errors {
		file, line := "", 0
		if e.Location != nil {
			file, line = e.Location.File, e.Location.Row
		}
		if file != "" && !l.owned(file) {
			continue
		}
		l.add(Issue{Check: CheckCompile, File: file, Line: line, Message: e.Message + " (opa check --strict)"})
	}
}

// format is `opa fmt --list`: a file that opa fmt would change.
func (l *linter) format() {
	for _, file := range sortedFiles(l.tree.Modules) {
		if !l.owned(file) {
			continue
		}
		src, err := fs.ReadFile(l.fsys, file)
		if err != nil {
			continue
		}
		out, err := format.SourceWithOpts(file, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil || bytes.Equal(out, src) {
			continue
		}
		l.add(Issue{Check: CheckFormat, File: file, Line: firstDiff(src, out),
			Message: "not formatted as `opa fmt` formats it; run `opa fmt -w " + file + "`"})
	}
}

func firstDiff(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return i + 1
		}
	}
	return len(la)
}

func sortedFiles(m map[string]*ast.Module) []string {
	var fs []string
	for f := range m {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	return fs
}

func isTest(file string, m *ast.Module) bool {
	return strings.HasSuffix(file, "_test.rego") || strings.HasSuffix(m.Package.Path.String(), "_test")
}

func isRulePackage(pkg string) bool {
	return strings.HasPrefix(pkg, catalogue.PackagePrefix) && !strings.HasSuffix(pkg, "_test")
}

// metadata checks every package METADATA that declares a rule id, and every rule package without one.
func (l *linter) metadata() {
	declared := map[string][]*ruleInfo{}
	var order []string
	for _, ref := range l.tree.Compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		id, hasID := a.Custom["id"]
		if !hasID {
			continue
		}
		r := &ruleInfo{ID: fmt.Sprint(id), Package: ref.Path.String(), Ann: a, Params: catalogue.MetaStrings(a.Custom["params"])}
		if a.Location != nil {
			r.File, r.Line = a.Location.File, a.Location.Row
		}
		if _, seen := declared[r.ID]; !seen {
			order = append(order, r.ID)
			l.rules[r.ID] = r
		}
		declared[r.ID] = append(declared[r.ID], r)
		if _, seen := l.byPkg[r.Package]; !seen {
			l.byPkg[r.Package] = r.ID
		}
	}
	for _, id := range order {
		all := declared[id]
		for i, r := range all {
			if !l.owned(r.File) {
				continue
			}
			if i > 0 {
				l.add(Issue{Check: CheckID, Rule: id, File: r.File, Line: l.fieldLine(r, "id"),
					Message: fmt.Sprintf("rule id %s is already declared at %s:%d; ids are unique: give this rule the next free number", id, all[0].File, all[0].Line)})
			}
			l.checkRule(r)
		}
	}
	// rule packages with no METADATA id
	pkgs := map[string]string{}
	for _, file := range sortedFiles(l.tree.Modules) {
		m := l.tree.Modules[file]
		pkg := m.Package.Path.String()
		if !isRulePackage(pkg) || isTest(file, m) || !l.owned(file) {
			continue
		}
		if _, ok := pkgs[pkg]; !ok {
			pkgs[pkg] = file
		}
	}
	for pkg, file := range pkgs {
		if _, ok := l.byPkg[pkg]; ok {
			continue
		}
		l.add(Issue{Check: CheckMetadata, File: file, Line: l.tree.Modules[file].Package.Location.Row,
			Message: fmt.Sprintf("package %s has no `# METADATA` with `scope: package` and `custom.id`: every rule declares its id, titles, severity and sources (`jiandu new rule` scaffolds them)", strings.TrimPrefix(pkg, "data."))})
	}
}

var han = regexp.MustCompile(`\p{Han}`)

func (l *linter) checkRule(r *ruleInfo) {
	a := r.Ann
	issue := func(check, field, msg string) {
		l.add(Issue{Check: check, Rule: r.ID, File: r.File, Line: l.fieldLine(r, field), Message: msg})
	}
	if !catalogue.IDPattern.MatchString(r.ID) {
		issue(CheckID, "id", fmt.Sprintf("rule id %q does not match [A-Z]+-[0-9]{2} (e.g. CASE-02, QDX-01)", r.ID))
	} else if want := catalogue.PackageOf(r.ID); r.Package != want {
		l.add(Issue{Check: CheckPackage, Rule: r.ID, File: r.File, Line: l.packageLine(r),
			Message: fmt.Sprintf("rule %s must be in package %s, not %s (jiandu.main collects a rule's findings from its id's package)", r.ID, strings.TrimPrefix(want, "data."), strings.TrimPrefix(r.Package, "data."))})
	}
	switch {
	case strings.TrimSpace(a.Title) == "":
		issue(CheckMetadata, "title", "METADATA has no title: give the rule's Chinese title (`# title: 重大行政执法决定未在15日内备案`)")
	case !han.MatchString(a.Title):
		issue(CheckMetadata, "title", fmt.Sprintf("METADATA title %q is not Chinese: `title` is the zh title, `custom.title_en` the English one", a.Title))
	}
	if strings.TrimSpace(catalogue.MetaString(a.Custom["title_en"])) == "" {
		issue(CheckMetadata, "title_en", "METADATA has no custom.title_en: give the rule's English title")
	}
	sev := catalogue.MetaString(a.Custom["severity"])
	if sev == "" {
		issue(CheckMetadata, "severity", "METADATA has no custom.severity: one of error, warning, info")
	} else if !contains(Severities, sev) {
		issue(CheckMetadata, "severity", fmt.Sprintf("METADATA custom.severity %q: choose error, warning or info", sev))
	}
	sources := catalogue.MetaStrings(a.Custom["sources"])
	empty := len(sources) == 0
	for _, s := range sources {
		if strings.TrimSpace(s) == "" {
			empty = true
		}
	}
	if empty {
		issue(CheckMetadata, "sources", "METADATA custom.sources is missing or has an empty entry: cite each clause as `<document> <clause>`")
	}
	text := strings.Join(append([]string{a.Title, a.Description, catalogue.MetaString(a.Custom["title_en"])}, sources...), "\n")
	if strings.Contains(text, "TODO") {
		issue(CheckMetadata, "title", "METADATA still holds the scaffold's TODO placeholders: write the titles, description and sources")
	}
}

// fieldLine is the line of a METADATA field (`# title:`, `#   severity:`), else the block's first line.
func (l *linter) fieldLine(r *ruleInfo, field string) int {
	src, err := fs.ReadFile(l.fsys, r.File)
	if err != nil || r.Line == 0 {
		return r.Line
	}
	lines := strings.Split(string(src), "\n")
	re := regexp.MustCompile(`^#\s*` + regexp.QuoteMeta(field) + `\s*:`)
	for i := r.Line - 1; i < len(lines) && strings.HasPrefix(lines[i], "#"); i++ {
		if re.MatchString(lines[i]) {
			return i + 1
		}
	}
	return r.Line
}

func (l *linter) packageLine(r *ruleInfo) int {
	for file, m := range l.tree.Modules {
		if file == r.File && m.Package.Location != nil {
			return m.Package.Location.Row
		}
	}
	return r.Line
}

// ruleOf is the rule id a module belongs to ("" for lib and helper modules).
func (l *linter) ruleOf(m *ast.Module) string { return l.byPkg[m.Package.Path.String()] }

// collectReads finds every lib.param/param_at/param_source... call with literal arguments in the compiled
// non-test modules: the parameters each module reads.
func (l *linter) collectReads() {
	for _, file := range sortedFiles(l.tree.Compiler.Modules) {
		m := l.tree.Compiler.Modules[file]
		if isTest(file, m) {
			continue
		}
		owner := l.ruleOf(m)
		seen := map[string]bool{}
		record := func(op *ast.Term, args []*ast.Term, loc *ast.Location) {
			ref, ok := op.Value.(ast.Ref)
			if !ok || !paramFuncs[ref.String()] || len(args) < 2 {
				return
			}
			id, ok1 := args[0].Value.(ast.String)
			name, ok2 := args[1].Value.(ast.String)
			if !ok1 || !ok2 {
				return
			}
			p := paramRead{Rule: string(id), Name: string(name), File: file}
			if loc != nil {
				p.Line = loc.Row
			}
			key := fmt.Sprintf("%s.%s:%d", p.Rule, p.Name, p.Line)
			if seen[key] {
				return
			}
			seen[key] = true
			l.reads[owner] = append(l.reads[owner], p)
		}
		ast.WalkExprs(m, func(e *ast.Expr) bool {
			if e.IsCall() {
				record(e.OperatorTerm(), e.Operands(), e.Location)
			}
			return false
		})
		ast.WalkTerms(m, func(t *ast.Term) bool {
			if c, ok := t.Value.(ast.Call); ok && len(c) > 0 {
				record(c[0], c[1:], t.Location)
			}
			return false
		})
	}
}

// tests: a rule no Rego unit test exercises.
func (l *linter) tests() {
	tested := map[string]bool{}
	for file, m := range l.tree.Modules {
		if !isTest(file, m) {
			continue
		}
		group := testGroup(m, l.byPkg)
		for _, r := range m.Rules {
			if strings.HasPrefix(r.Head.Name.String(), "test_") || strings.HasPrefix(r.Head.Ref().String(), "test_") {
				tested[group] = true
			}
		}
	}
	for _, id := range l.ownedRuleIDs() {
		r := l.rules[id]
		if !tested[id] {
			l.add(Issue{Check: CheckTests, Rule: id, File: r.File, Line: r.Line,
				Message: fmt.Sprintf("no Rego unit test exercises %s: add %s with test_ rules in package %s_test", id,
					strings.TrimSuffix(r.File, ".rego")+"_test.rego", strings.TrimPrefix(r.Package, "data."))})
		}
	}
}

// testGroup is the rule a test module tests: the package without _test when that is a rule's, else the one
// rule package the module refers to, else the module's own package.
func testGroup(m *ast.Module, byPkg map[string]string) string {
	pkg := m.Package.Path.String()
	if id, ok := byPkg[strings.TrimSuffix(pkg, "_test")]; ok {
		return id
	}
	found := map[string]bool{}
	ast.WalkRefs(m, func(r ast.Ref) bool {
		for p, id := range byPkg {
			if s := r.String(); s == p || strings.HasPrefix(s, p+".") || strings.HasPrefix(s, p+"[") {
				found[id] = true
			}
		}
		return false
	})
	for _, imp := range m.Imports {
		if r, ok := imp.Path.Value.(ast.Ref); ok {
			if id, ok := byPkg[r.String()]; ok {
				found[id] = true
			}
		}
	}
	if len(found) == 1 {
		for id := range found {
			return id
		}
	}
	return strings.TrimSuffix(strings.TrimPrefix(pkg, "data."), "_test")
}

func (l *linter) ownedRuleIDs() []string {
	var ids []string
	for id, r := range l.rules {
		if l.owned(r.File) {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return catalogue.Less(ids[i], ids[j]) })
	return ids
}

// metadataParams: a parameter of the rule's own id that the code reads but METADATA custom.params omits.
func (l *linter) metadataParams() {
	for _, id := range l.ownedRuleIDs() {
		r := l.rules[id]
		reported := map[string]bool{}
		for _, p := range l.reads[id] {
			if p.Rule != id || contains(r.Params, p.Name) || reported[p.Name] {
				continue
			}
			reported[p.Name] = true
			l.add(Issue{Check: CheckMetadataParams, Rule: id, File: p.File, Line: p.Line,
				Message: fmt.Sprintf("%s reads parameter %s.%s, which its METADATA custom.params (%s:%d) does not list", id, id, p.Name, r.File, l.fieldLine(r, "params"))})
		}
	}
}

// required is every parameter a rule needs: its modules' literal reads and its METADATA params.
func (l *linter) required(id string) []paramRead {
	var out []paramRead
	if r, ok := l.rules[id]; ok {
		out = append(out, l.reads[id]...)
		for _, name := range r.Params {
			out = append(out, paramRead{Rule: id, Name: name, File: r.File, Line: l.fieldLine(r, "params")})
		}
	}
	// helper modules (no rule of their own) reading a rule's parameter by its id
	for _, p := range l.reads[""] {
		if p.Rule == id {
			out = append(out, p)
		}
	}
	return out
}

// global is what the helper modules read under an id that is no rule's ("calendar"): every profile needs it.
func (l *linter) global() []paramRead {
	var out []paramRead
	for _, p := range l.reads[""] {
		if _, isRule := l.rules[p.Rule]; !isRule {
			out = append(out, p)
		}
	}
	return out
}

// missing lists the required parameters a resolved profile lacks.
func (l *linter) missing(res *profile.Resolved) map[string][]paramRead {
	out := map[string][]paramRead{}
	check := func(key string, ps []paramRead) {
		seen := map[string]bool{}
		for _, p := range ps {
			if seen[p.Rule+"."+p.Name] {
				continue
			}
			seen[p.Rule+"."+p.Name] = true
			if len(res.Params[p.Rule][p.Name]) == 0 {
				out[key] = append(out[key], p)
			}
		}
	}
	for _, id := range res.On() {
		check(id, l.required(id))
	}
	check("", l.global())
	return out
}

func profileFile(id string) string { return path.Join(profile.Dir, id, "data.json") }

// profileSources: every rule switch, parameter value and obligation of a profile cites a non-empty source.
func (l *linter) profileSources() {
	for _, id := range l.profiles.IDs() {
		file := profileFile(id)
		if !l.owned(file) {
			continue
		}
		raw, err := fs.ReadFile(l.fsys, file)
		if err != nil {
			continue
		}
		var doc struct {
			Name        string                               `json:"name"`
			NameEn      string                               `json:"name_en"`
			Document    *string                              `json:"document"`
			Rules       map[string]map[string]any            `json:"rules"`
			Params      map[string]map[string]map[string]any `json:"params"`
			Obligations []map[string]any                     `json:"obligations"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			l.add(Issue{Check: CheckProfile, File: file, Message: err.Error()})
			continue
		}
		lines := jsonLines(raw)
		at := func(ptr string) int { return lines[ptr] }
		if doc.Document != nil && strings.Contains(*doc.Document, "TODO") || strings.Contains(doc.Name+doc.NameEn, "TODO") {
			l.add(Issue{Check: CheckProfile, File: file, Line: at("/name"),
				Message: fmt.Sprintf("profile %s still holds the scaffold's TODO placeholders: give its name, name_en and the document it encodes", id)})
		}
		for _, rule := range sortedKeys(doc.Rules) {
			if strings.TrimSpace(catalogue.MetaString(doc.Rules[rule]["source"])) == "" {
				l.add(Issue{Check: CheckProfileSources, Rule: rule, File: file, Line: at("/rules/" + rule),
					Message: fmt.Sprintf("profile %s switches %s without a source: cite the clause (`<document> <clause>`) that makes it apply", id, rule)})
			}
		}
		for _, rule := range sortedKeys(doc.Params) {
			for _, name := range sortedKeys(doc.Params[rule]) {
				p := doc.Params[rule][name]
				ptr := "/params/" + rule + "/" + name
				values, dated := p["values"].([]any)
				_, plain := p["value"]
				switch {
				case dated:
					if len(values) == 0 {
						l.add(Issue{Check: CheckProfileSources, Rule: rule, File: file, Line: at(ptr),
							Message: fmt.Sprintf("parameter %s.%s has an empty `values` list: give each value with its `from` date and source", rule, name)})
					}
					for i, v := range values {
						vm, _ := v.(map[string]any)
						if strings.TrimSpace(catalogue.MetaString(vm["source"])) == "" {
							l.add(Issue{Check: CheckProfileSources, Rule: rule, File: file, Line: at(fmt.Sprintf("%s/values/%d", ptr, i)),
								Message: fmt.Sprintf("parameter %s.%s: the value from %v cites no source: give the clause it comes from", rule, name, vm["from"])})
						}
						if _, ok := vm["value"]; !ok {
							l.add(Issue{Check: CheckProfileSources, Rule: rule, File: file, Line: at(fmt.Sprintf("%s/values/%d", ptr, i)),
								Message: fmt.Sprintf("parameter %s.%s: the entry from %v has no `value`", rule, name, vm["from"])})
						}
					}
				case plain:
					if strings.TrimSpace(catalogue.MetaString(p["source"])) == "" {
						l.add(Issue{Check: CheckProfileSources, Rule: rule, File: file, Line: at(ptr),
							Message: fmt.Sprintf("parameter %s.%s cites no source: give `\"source\": \"<document> <clause>\"` beside its value", rule, name)})
					}
				default:
					l.add(Issue{Check: CheckProfileSources, Rule: rule, File: file, Line: at(ptr),
						Message: fmt.Sprintf("parameter %s.%s has neither `value` nor `values`", rule, name)})
				}
			}
		}
		for i, o := range doc.Obligations {
			if strings.TrimSpace(catalogue.MetaString(o["source"])) == "" {
				l.add(Issue{Check: CheckProfileSources, File: file, Line: at(fmt.Sprintf("/obligations/%d", i)),
					Message: fmt.Sprintf("obligation %v cites no source", o["id"])})
			}
		}
	}
}

// params: every owned profile resolves, turns on only rules that exist, and declares (after extends) every
// parameter each rule it turns on reads.
func (l *linter) params() {
	for _, id := range l.profiles.IDs() {
		file := profileFile(id)
		if !l.owned(file) {
			continue
		}
		raw, _ := fs.ReadFile(l.fsys, file)
		lines := jsonLines(raw)
		res, err := l.profiles.Resolve(id)
		if err != nil {
			l.add(Issue{Check: CheckProfile, File: file, Line: lines["/extends"], Message: err.Error()})
			continue
		}
		src, _ := l.profiles.Get(id)
		for _, rule := range sortedKeys(src.Rules) {
			if _, ok := l.rules[rule]; !ok && src.Rules[rule].On {
				l.add(Issue{Check: CheckProfile, Rule: rule, File: file, Line: lines["/rules/"+rule],
					Message: fmt.Sprintf("profile %s turns on %s, which no policy of the tree defines (no METADATA custom.id: %s)", id, rule, rule)})
			}
		}
		miss := l.missing(res)
		for _, rule := range sortedKeys(miss) {
			origin := res.Rules[rule].Profile
			if rule != "" && origin != id && l.owned(profileFile(origin)) {
				if ores, err := l.profiles.Resolve(origin); err == nil && len(l.missing(ores)[rule]) > 0 {
					continue // reported once, at the profile that turns the rule on
				}
			}
			for _, p := range miss[rule] {
				var line int
				var why string
				switch {
				case rule == "":
					line, why = lines["/params"], "the shared helpers read it under every profile"
				case origin == id:
					line, why = lines["/rules/"+rule], fmt.Sprintf("it turns on %s", rule)
				default:
					line, why = lines["/extends"], fmt.Sprintf("it turns on %s (inherited from %s)", rule, origin)
				}
				if line == 0 {
					line = 1
				}
				l.add(Issue{Check: CheckParams, Rule: rule, File: file, Line: line,
					Message: fmt.Sprintf("profile %s declares no %s.%s, which %s:%d reads; %s, so add params.%s.%s {value, source} here or in the profile it extends", id, p.Rule, p.Name, p.File, p.Line, why, p.Rule, p.Name)})
			}
		}
	}
}

// fixtureCases: each owned rule has a pass-* and a fail-* case; each case runs under a profile that turns
// its rule on, a fail- case expects a finding of its rule and a pass- case none.
func (l *linter) fixtureCases() {
	var dirs []string
	if l.fixtures != "" {
		if fi, err := os.Stat(l.fixtures); err == nil && fi.IsDir() {
			dirs, _ = FindCases(l.fixtures)
		}
	}
	has := map[string]map[string]bool{}
	for _, dir := range dirs {
		name, rule := caseName(l.fixtures, dir)
		kind, _, _ := strings.Cut(path.Base(name), "-")
		if has[rule] == nil {
			has[rule] = map[string]bool{}
		}
		has[rule][kind] = true
		expFile := filepath.Join(dir, ExpectedFile)
		raw, err := os.ReadFile(expFile)
		if err != nil {
			continue
		}
		var exp Expected
		if json.Unmarshal(raw, &exp) != nil || exp.Todo != "" {
			continue // the case itself fails and says why
		}
		lines := jsonLines(raw)
		if _, ok := l.rules[rule]; !ok {
			if catalogue.IDPattern.MatchString(rule) {
				l.add(Issue{Check: CheckFixtures, Rule: rule, File: expFile, Line: 1,
					Message: fmt.Sprintf("fixture case %s is filed under %s, which no rule of the tree declares", name, rule)})
			}
			continue
		}
		if l.profiles != nil {
			if res, err := l.profiles.Resolve(exp.Profile); err != nil {
				l.add(Issue{Check: CheckFixtures, Rule: rule, File: expFile, Line: lines["/profile"], Message: err.Error()})
			} else if !res.Rules[rule].On {
				l.add(Issue{Check: CheckFixtures, Rule: rule, File: expFile, Line: lines["/profile"],
					Message: fmt.Sprintf("case %s runs under profile %s, which does not turn %s on: the case tests nothing; choose a profile that turns it on", name, exp.Profile, rule)})
			}
		}
		if len(exp.Rules) > 0 && !contains(exp.Rules, rule) {
			l.add(Issue{Check: CheckFixtures, Rule: rule, File: expFile, Line: lines["/rules"],
				Message: fmt.Sprintf("case %s compares only %s, not %s, the rule it is filed under", name, strings.Join(exp.Rules, ", "), rule)})
		}
		n := 0
		for _, f := range exp.Findings {
			if f.Rule == rule {
				n++
			}
		}
		switch kind {
		case "fail":
			if n == 0 {
				l.add(Issue{Check: CheckFixtures, Rule: rule, File: expFile, Line: lines["/findings"],
					Message: fmt.Sprintf("fail- case %s expects no finding of %s: a fail- case shows the rule firing", name, rule)})
			}
		case "pass":
			if n > 0 {
				l.add(Issue{Check: CheckFixtures, Rule: rule, File: expFile, Line: lines["/findings"],
					Message: fmt.Sprintf("pass- case %s expects %d finding(s) of %s: a pass- case shows a compliant export; rename it fail-*", name, n, rule)})
			}
		}
	}
	where := l.fixtures
	if where == "" {
		where = "fixtures"
	}
	for _, id := range l.ownedRuleIDs() {
		r := l.rules[id]
		for _, kind := range []string{"pass", "fail"} {
			if !has[id][kind] {
				l.add(Issue{Check: CheckFixtures, Rule: id, File: r.File, Line: r.Line,
					Message: fmt.Sprintf("%s has no %s-* fixture case: add %s/%s/%s-<what>/ with an export and expected.json", id, kind, filepath.ToSlash(where), id, kind)})
			}
		}
	}
}

// jsonLines maps the JSON pointer of every object key and array element of a document to its line.
func jsonLines(raw []byte) map[string]int {
	lines := map[string]int{}
	type frame struct {
		obj, wantKey bool
		key, ptr     string
		idx          int
	}
	var stack []*frame
	lineAt := func(off int64) int { return 1 + bytes.Count(raw[:off], []byte("\n")) }
	done := func() {
		if len(stack) == 0 {
			return
		}
		top := stack[len(stack)-1]
		if top.obj {
			top.wantKey = true
		} else {
			top.idx++
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err != nil {
			return lines
		}
		line := lineAt(dec.InputOffset())
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			done()
			continue
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.obj && top.wantKey {
			k, _ := tok.(string)
			top.key, top.wantKey = k, false
			lines[top.ptr+"/"+escapePtr(k)] = line
			continue
		}
		ptr := ""
		if top != nil {
			if top.obj {
				ptr = top.ptr + "/" + escapePtr(top.key)
			} else {
				ptr = top.ptr + "/" + strconv.Itoa(top.idx)
				lines[ptr] = line
			}
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &frame{obj: d == '{', wantKey: d == '{', ptr: ptr})
			continue
		}
		done()
	}
}

func escapePtr(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
