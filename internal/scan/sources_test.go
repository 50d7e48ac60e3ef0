package scan

import (
	"reflect"
	"testing"
)

func TestDatedCitationReplacesTheRulesUndatedOneInPlace(t *testing.T) {
	meta := []string{"行政处罚法 第六十一条", "行政处罚法 第八十五条", "民法典 第二百零三条"}
	got := supersede(meta, []any{"行政处罚法(2017年修正) 第四十条"})
	if want := []string{"行政处罚法(2017年修正) 第四十条", "民法典 第二百零三条"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	got = supersede(meta, []any{"行政处罚法(2021年修订) 第六十一条", "行政处罚法(2021年修订) 第八十五条"})
	if want := []string{"行政处罚法(2021年修订) 第六十一条", "行政处罚法(2021年修订) 第八十五条", "民法典 第二百零三条"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// a plan's clause has no version: it adds to the rule's sources and replaces none
	plan := []any{"003_706ab2c6f407d180.txt 附件第11项第2点"}
	if got := supersede(meta, plan); !reflect.DeepEqual(got, meta) {
		t.Errorf("got %v", got)
	}
}
