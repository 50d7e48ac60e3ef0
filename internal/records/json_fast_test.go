package records

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/jiandu/jiandu/internal/gen"
)

// stdRecord is what the loader did before decodeRecord: encoding/json with UseNumber, one value.
func stdRecord(b []byte) (any, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, false
	}
	return v, true
}

var fastDecodeCases = []string{
	`{}`, `[]`, `{"a":[]}`, ` {"a" : 1 , "b":[1,2 ,3] } `, "\t\r\n{\"a\":null}\n", `"x"`, `1`, `-0`, `-0.5e+10`,
	`1.5E3`, `0.0`, `true`, `false`, `null`, `[[[[]]]]`, `{"a":{"b":{"c":{}}}}`, `{"a":1,"a":2}`,
	`{"k":"\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r"}`, `{"k":"\ud800"}`, `{"k":"\ud800\u0041"}`, `{"k":"\ud800\ud800"}`,
	`{"k":"\udc00x"}`, "{\"k\":\"\xff\xfe\"}", "{\"k\":\"a\xc3\"}", "{\"k\":\"\xed\xa0\x80\"}", `{"名":"值 测试局"}`,
	"{\"k\":\"\xef\xbf\xbd\"}", `{"k":"\u0000"}`, `{"id":"C-1","fine":1e400,"n":12345678901234567890}`,
	// what encoding/json refuses
	``, ` `, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[,1]`, `{"a" 1}`, `{a:1}`, `{'a':1}`, `01`, `-`, `1.`,
	`.5`, `1e`, `1e+`, `+1`, `-01`, `0x10`, `tru`, `truex`, `nul`, `True`, `NaN`, `Infinity`, `"abc`, `"\x"`, `"\u12"`,
	`"\u12G4"`, `"\'"`, "\"a\tb\"", "\"a\nb\"", "\"\x00\"", `{} {}`, `{}x`, `[] ]`, `{"a":1}}`, `{"a":1} ]`, `1 2`,
	"\xef\xbb\xbf{}", `{"a":[1 2]}`, `{"a":1 "b":2}`, `[1:2]`, `{"a":1;"b":2}`, `"line too long"`,
	strings.Repeat("[", 300) + strings.Repeat("]", 300), strings.Repeat(`{"a":`, 300) + "1" + strings.Repeat("}", 300),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
}

// testDecoder is shared by the tests so that its caches see many values (fuzzing runs one at a time
// per process).
var testDecoder = newFastDecoder()

func decodeRecord(b []byte) (any, bool) { return testDecoder.decodeRecord(b) }

func checkFastDecode(t *testing.T, b []byte) {
	t.Helper()
	want, wantOK := stdRecord(b)
	got, ok := decodeRecord(b)
	if ok && !wantOK {
		t.Fatalf("%q: the fast decoder accepts what encoding/json refuses: %#v", b, got)
	}
	if ok && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: the fast decoder gives %#v, encoding/json %#v", b, got, want)
	}
}

func TestDecodeRecordIsEncodingJSON(t *testing.T) {
	for _, c := range fastDecodeCases {
		checkFastDecode(t, []byte(c))
	}
	for _, c := range []string{`{}`, `{"a":[1,{"b":"\u00e9"}],"c":null}`, `"x"`, `[1,2]`, " 1 ", `{"k":"\ud800"}`} {
		if _, ok := decodeRecord([]byte(c)); !ok {
			t.Errorf("%q: the fast decoder should take it", c)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	for _, c := range fastDecodeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkFastDecode(t, b) })
}

// Every record of a generated export takes the fast path and decodes as encoding/json decodes it.
func TestDecodeRecordOnExport(t *testing.T) {
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: 2000, Seed: 3, Violations: 0.05, Format: "ndjson"}); err != nil {
		t.Fatal(err)
	}
	for i, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		want, _ := stdRecord(line)
		got, ok := decodeRecord(line)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("line %d: fast %v %#v, encoding/json %#v", i+1, ok, got, want)
		}
	}
}

// BenchmarkDecodeRecord compares the workers' decoding of a record: fast (decodeRecord) and std
// (encoding/json, as before it).
func BenchmarkDecodeRecord(b *testing.B) {
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: 2000, Seed: 3, Violations: 0.02, Format: "ndjson"}); err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	for _, c := range []struct {
		name string
		dec  func([]byte) (any, bool)
	}{{"fast", decodeRecord}, {"std", stdRecord}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(buf.Len()))
			for i := 0; i < b.N; i++ {
				for _, l := range lines {
					c.dec(l)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(lines)*b.N), "ns/record")
		})
	}
}
