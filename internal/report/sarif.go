package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/jiandu/jiandu/internal/findings"
)

// SARIF is a SARIF 2.1.0 log (github.com/owenrumney/go-sarif) for code-scanning dashboards: one run, the
// rules the profile turns on with their titles, descriptions and clauses as metadata and help, one
// result per finding with its record as a logical location and its file as a physical one. A waived
// finding carries an accepted external suppression; with --baseline each result has a baselineState
// (resolved findings are results of state "absent"); file errors are tool execution notifications and
// expired or unmatched waivers tool configuration notifications.
type SARIF struct{}

// InformationURI is where the SARIF driver says the tool lives.
const InformationURI = "https://github.com/jiandu/jiandu"

var sarifLevel = map[string]string{"error": sarif.LevelError, "warning": sarif.LevelWarning, "info": sarif.LevelNote}

func (SARIF) Write(w io.Writer, r *findings.Result, c Context) error {
	wd := wordsOf(c)
	language := wd.t("zh-CN", "en-US")
	rep := sarif.NewReport()
	run := sarif.NewRunWithInformationURI(r.Tool.Name, InformationURI)
	run.Language = language
	run.Tool.Driver.Language = language
	run.Tool.Driver.WithVersion(r.Tool.Version)
	run.Tool.Driver.WithFullName(wd.t("jiandu（监督）行政执法监督合规检查", "jiandu enforcement supervision compliance checker"))

	ids := append([]string{}, r.Summary.Rules...)
	for _, id := range rulesWithFindings(c, r) {
		if !contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, f := range r.Resolved {
		if !contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	for _, id := range ids {
		addSARIFRule(run, c, wd, id)
	}

	for _, f := range r.Findings {
		run.AddResult(sarifResult(run, wd, f))
	}
	for _, f := range r.Resolved {
		run.AddResult(sarifResult(run, wd, f).WithBaselineState("absent"))
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Errors) == 0)
	for _, e := range r.Errors {
		n := sarif.NewNotification().WithLevel(sarif.LevelError).
			WithMessage(sarif.NewTextMessage(e.File + ": " + e.Message))
		n.AddLocation(sarif.NewLocation().WithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewArtifactLocation().WithURI(fileURI(e.File)))))
		inv.AddToolExecutionNotification(n)
	}
	for _, x := range attention(r) {
		msg := wd.t(fmt.Sprintf("豁免%s：%s（%s，批准：%s，至 %s；%s）", wd.waiverStatus(x.Status), wd.waiverTarget(x), x.Reason, x.By, x.Expires, x.Source),
			fmt.Sprintf("Waiver %s: %s (%s, approved by %s, until %s; %s)", wd.waiverStatus(x.Status), wd.waiverTarget(x), x.Reason, x.By, x.Expires, x.Source))
		inv.AddToolConfigurationNotification(sarif.NewNotification().WithLevel(sarif.LevelWarning).
			WithMessage(sarif.NewTextMessage(msg)).
			WithProperties(bag(map[string]any{"waiver": x})))
	}
	run.AddInvocation(inv)
	run.WithProperties(bag(map[string]any{
		"profile": r.Profile,
		"as_of":   r.AsOf,
		"summary": r.Summary,
	}))
	rep.AddRun(run)

	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func addSARIFRule(run *sarif.Run, c Context, wd words, id string) {
	rule := run.AddRule(id)
	title := wd.title(c, id)
	if title == "" {
		title = id
	}
	rule.WithShortDescription(sarif.NewMultiformatMessageString().WithText(title))
	level := sarif.LevelWarning
	if c.Catalogue == nil {
		return
	}
	meta, ok := c.Catalogue.Get(id)
	if !ok {
		return
	}
	if l, ok := sarifLevel[meta.Severity]; ok {
		level = l
	}
	if meta.TitleEn != "" {
		rule.WithName(meta.TitleEn)
	}
	if meta.Description != "" {
		rule.WithFullDescription(sarif.NewMultiformatMessageString().WithText(meta.Description))
	}
	var text, md strings.Builder
	fmt.Fprintf(&text, "%s %s\n\n", id, title)
	fmt.Fprintf(&md, "**%s** %s\n\n", id, title)
	if meta.Description != "" {
		text.WriteString(meta.Description + "\n\n")
		md.WriteString(meta.Description + "\n\n")
	}
	if len(meta.Sources) > 0 {
		text.WriteString(wd.t("依据：", "Basis: ") + strings.Join(meta.Sources, wd.t("；", "; ")) + "\n")
		md.WriteString(wd.t("依据：", "Basis:") + "\n\n")
		for _, s := range meta.Sources {
			md.WriteString("- " + s + "\n")
		}
	}
	rule.WithHelp(sarif.NewMultiformatMessageString().WithText(strings.TrimSpace(text.String())).
		WithMarkdown(strings.TrimSpace(md.String())))
	rule.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level))
	tags := []string{"jiandu"}
	if meta.Area != "" {
		tags = append(tags, meta.Area)
	}
	p := bag(map[string]any{"severity": meta.Severity, "sources": meta.Sources, "area": meta.Area})
	p.WithTags(tags)
	rule.WithProperties(p)
}

func sarifResult(run *sarif.Run, wd words, f findings.Finding) *sarif.Result {
	res := sarif.NewRuleResult(f.Rule).WithRuleIndex(run.GetRuleIndex(f.Rule))
	level := sarifLevel[f.Severity]
	if level == "" {
		level = sarif.LevelWarning
	}
	res.WithLevel(level).WithMessage(sarif.NewTextMessage(wd.message(f)))
	res.WithPartialFingerprints(map[string]string{"jianduFindingId/v1": f.ID})

	logical := sarif.NewLogicalLocation().WithName(f.Record).WithKind("object").
		WithFullyQualifiedName(strings.Trim(f.Unit+"/"+f.Kind+"/"+f.Record, "/"))
	loc := sarif.NewLocation().WithLogicalLocations([]*sarif.LogicalLocation{logical})
	props := map[string]any{"kind": f.Kind, "record": f.Record}
	if f.Unit != "" {
		props["unit"] = f.Unit
	}
	if f.Key != "" {
		props["key"] = f.Key
	}
	if len(f.Sources) > 0 {
		props["sources"] = f.Sources
	}
	if len(f.Detail) > 0 {
		props["detail"] = f.Detail
	}
	if l := f.Location; l != nil && l.File != "" {
		phys := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewArtifactLocation().WithURI(fileURI(l.File)))
		if l.Line > 0 {
			phys.WithRegion(sarif.NewRegion().WithStartLine(l.Line))
		}
		loc.WithPhysicalLocation(phys)
		if l.Pointer != "" {
			props["pointer"] = l.Pointer
		}
		if l.Cell != "" {
			props["cell"] = l.Cell
		}
	}
	res.AddLocation(loc)
	if f.Status != "" {
		res.WithBaselineState(f.Status)
		props["status"] = f.Status
	}
	if f.Waived != nil {
		res.AddSuppression(sarif.NewSuppression().WithKind("external").WithStatus("accepted").
			WithJustification(wd.waived(f.Waived)))
	}
	res.WithProperties(bag(props))
	return res
}

func bag(m map[string]any) *sarif.PropertyBag {
	p := sarif.NewPropertyBag()
	for k, v := range m {
		p.Add(k, v)
	}
	return p
}

// fileURI is a file path as a URI reference: relative paths stay relative (segments escaped), absolute
// ones become file:// URIs.
func fileURI(p string) string {
	p = filepath.ToSlash(p)
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.Join(segs, "/")
	if strings.HasPrefix(p, "/") {
		return "file://" + u
	}
	return u
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
