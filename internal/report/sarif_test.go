package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/jiandu/jiandu/internal/findings"
)

// sarifSchema is the OASIS SARIF 2.1.0 schema (errata01), from oasis-tcs/sarif-spec
// sarif-2.1/schema/sarif-schema-2.1.0.json.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat = true
	s, err := c.Compile(testdata("sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	schema := sarifSchema(t)
	results := map[string]*findings.Result{"demo": demo(t), "compared": compared(t)}
	for _, name := range []string{"demo", "compared"} {
		for _, lang := range []string{"zh", "en"} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				var doc any
				if err := json.Unmarshal(render(t, "sarif", results[name], ctxOf(t, lang)), &doc); err != nil {
					t.Fatal(err)
				}
				if err := schema.Validate(doc); err != nil {
					t.Fatalf("not valid SARIF 2.1.0: %#v", err)
				}
			})
		}
	}
}

func TestTheSchemaCheckCatchesABrokenLog(t *testing.T) {
	out := render(t, "sarif", demo(t), ctxOf(t, "zh"))
	broken := bytes.Replace(out, []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	var doc any
	if err := json.Unmarshal(broken, &doc); err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(doc); err == nil {
		t.Fatal("a result level outside the schema's enum passed validation: the schema check tests nothing")
	}
}

type sarifLog struct {
	Runs []struct {
		Language string `json:"language"`
		Tool     struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string `json:"id"`
					ShortDescription struct{ Text string }
					FullDescription  *struct{ Text string }
					Help             struct{ Text, Markdown string }
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string `json:"level"`
			Message             struct{ Text string }
			BaselineState       string            `json:"baselineState"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind, Status, Justification string
			} `json:"suppressions"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct{ URI string } `json:"artifactLocation"`
				} `json:"physicalLocation"`
				LogicalLocations []struct{ Name, FullyQualifiedName string } `json:"logicalLocations"`
			} `json:"locations"`
		} `json:"results"`
		Invocations []struct {
			ToolConfigurationNotifications []struct {
				Message struct{ Text string }
			} `json:"toolConfigurationNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func TestSARIFCarriesRuleMetadataHelpAndEveryFinding(t *testing.T) {
	res := compared(t)
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", res, ctxOf(t, "zh")), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "jiandu" || run.Language != "zh-CN" {
		t.Errorf("driver %q language %q", run.Tool.Driver.Name, run.Language)
	}
	cat := loadSetup(t).Catalogue
	index := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		index[r.ID] = i
		meta, ok := cat.Get(r.ID)
		if !ok {
			t.Errorf("rule %s is not in the catalogue", r.ID)
			continue
		}
		if r.ShortDescription.Text != meta.Title || r.FullDescription == nil || r.FullDescription.Text != meta.Description {
			t.Errorf("rule %s: descriptions %q / %v, want the catalogue's title and description", r.ID, r.ShortDescription.Text, r.FullDescription)
		}
		for _, src := range meta.Sources {
			if !bytes.Contains([]byte(r.Help.Text), []byte(src)) || !bytes.Contains([]byte(r.Help.Markdown), []byte(src)) {
				t.Errorf("rule %s: help does not cite %q", r.ID, src)
			}
		}
		want := map[string]string{"error": "error", "warning": "warning", "info": "note"}[meta.Severity]
		if r.Default.Level != want {
			t.Errorf("rule %s: default level %q, want %q", r.ID, r.Default.Level, want)
		}
	}
	for _, id := range res.Summary.Rules {
		if _, ok := index[id]; !ok {
			t.Errorf("rule %s, which the profile turns on, is missing from the driver", id)
		}
	}
	if len(run.Results) != len(res.Findings)+len(res.Resolved) {
		t.Fatalf("%d results for %d findings and %d resolved", len(run.Results), len(res.Findings), len(res.Resolved))
	}
	for i, f := range res.Findings {
		r := run.Results[i]
		if r.RuleID != f.Rule || r.RuleIndex != index[f.Rule] || r.Message.Text != f.Message || r.PartialFingerprints["jianduFindingId/v1"] != f.ID {
			t.Errorf("result %d: %s/%d %q %v, want %s %q %s", i, r.RuleID, r.RuleIndex, r.Message.Text, r.PartialFingerprints, f.Rule, f.Message, f.ID)
		}
		if r.BaselineState != f.Status {
			t.Errorf("result %d: baselineState %q, want %q", i, r.BaselineState, f.Status)
		}
		if (f.Waived != nil) != (len(r.Suppressions) == 1) {
			t.Errorf("result %d (%s): waived %v but %d suppressions", i, f.ID, f.Waived != nil, len(r.Suppressions))
		} else if f.Waived != nil && (r.Suppressions[0].Kind != "external" || r.Suppressions[0].Status != "accepted") {
			t.Errorf("result %d: suppression %+v", i, r.Suppressions[0])
		}
		if len(r.Locations) != 1 || len(r.Locations[0].LogicalLocations) != 1 || r.Locations[0].LogicalLocations[0].Name != f.Record {
			t.Errorf("result %d: locations %+v, want the record %s", i, r.Locations, f.Record)
		}
		if f.Location != nil && (r.Locations[0].PhysicalLocation == nil || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != f.Location.File) {
			t.Errorf("result %d: no physical location for %s", i, f.Location.File)
		}
	}
	if last := run.Results[len(run.Results)-1]; last.BaselineState != "absent" || last.RuleID != "CASE-02" {
		t.Errorf("the resolved finding is %s %q, want CASE-02 absent", last.RuleID, last.BaselineState)
	}
	if n := len(run.Invocations[0].ToolConfigurationNotifications); n != 2 {
		t.Errorf("%d tool configuration notifications, want the expired and the unmatched waiver", n)
	}
}
