package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/jiandu/jiandu/internal/records"
)

func TestCodecRoundTripsToTheSameOPAValue(t *testing.T) {
	raw := `{"id": "C-1", "fine": 12000.5, "n": 3, "major": true, "revoked": null, "handlers": ["O-1", "O-2"],
		"decision": {"date": "2024-02-02", "fine_max": 50000}, "documents": [{"type": "decision", "delivered": null}], "empty": {}, "none": []}`
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	want, err := ast.InterfaceToValue(v)
	if err != nil {
		t.Fatal(err)
	}
	b, err := appendValue(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	d := &decoder{b: b}
	got, err := d.term()
	if err != nil {
		t.Fatal(err)
	}
	if !d.done() {
		t.Error("bytes left over")
	}
	if got.Value.Compare(want) != 0 {
		t.Errorf("round trip:\n got %v\nwant %v", got, want)
	}
}

func TestCodecRejectsTruncatedData(t *testing.T) {
	b, _ := appendValue(nil, map[string]any{"id": "C-1", "list": []any{"a", "b"}})
	for i := 0; i < len(b); i++ {
		d := &decoder{b: b[:i]}
		if _, err := d.term(); err == nil {
			t.Fatalf("truncated at %d decoded without error", i)
		}
	}
}

// TestCaseWithoutHandlersIsPartitioned: handlers is optional (RECORDS.md); a case without it must not
// stop the run.
func TestCaseWithoutHandlersIsPartitioned(t *testing.T) {
	p := NewPartitions(PartitionOptions{Buckets: 1})
	defer p.Close()
	p.Add(&records.Record{Kind: "case", ID: "C-1", Unit: "U-1", Valid: true,
		Value: map[string]any{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2024-01-02"}})
	groups, err := p.readUnits(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || len(groups[0].byKind[kindCode["case"]]) != 1 || len(groups[0].handlers) != 0 {
		t.Fatalf("groups = %+v", groups)
	}
}
