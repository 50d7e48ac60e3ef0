package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/jiandu/jiandu/internal/findings"
)

// The streamed document has exactly the bytes of encoding/json's indented encoding of the result,
// with findings, without any, and with the optional fields after them.
func TestJSONStreamsTheSameBytes(t *testing.T) {
	base := findings.Result{Profile: "qidong-2023", AsOf: "2024-03-01T00:00:00+08:00"}
	many := base
	many.Findings = []findings.Finding{
		{ID: "a", Rule: "CASE-10", Kind: "case", Record: "C-1", Message: "案件 C-1 <送达> \"逾期\"", Detail: map[string]any{"steps": []any{map[string]any{"zh": "一", "en": "one"}}, "n": 3}},
		{ID: "b", Rule: "TRN-01", Kind: "officer", Record: "O-1", Message: "findings\": null"},
	}
	many.Summarize(10)
	withResolved := many
	withResolved.Resolved = []findings.Finding{{ID: "c", Rule: "CASE-02", Kind: "case", Record: "C-9", Message: "gone"}}
	empty := base
	empty.Findings = []findings.Finding{}
	for name, r := range map[string]findings.Result{"nil findings": base, "no findings": empty, "findings": many, "resolved": withResolved} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(&r); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := (JSON{}).Write(&got, &r, Context{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: streamed\n%s\nwant\n%s", name, got.String(), want.String())
		}
	}
}
