package records

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jiandu/jiandu/internal/gen"
)

// The splitter (jsonFormat's fast path) must hand out exactly the parts encoding/json's reading
// (readContainer) hands out: the same records, bytes for bytes, at the same locations, and the same
// header, kinds that are no arrays and unknown keys, in the same order. Where it gives up, the parts it
// handed out are the first ones readContainer hands out, and readJSON, which then reads the file again
// with encoding/json, gives what readContainer gives, error included.

type part struct {
	what   string // header, record, notArray, unknownArray
	kind   string
	raw    string
	header any
	fact   Fact
	file   string
	key    string
	loc    Location
}

type partsLog []part

func (p *partsLog) header(h any, loc Location) {
	*p = append(*p, part{what: "header", header: h, loc: loc})
}
func (p *partsLog) record(kind string, raw []byte, loc Location) {
	*p = append(*p, part{what: "record", kind: kind, raw: string(raw), loc: loc})
}
func (p *partsLog) notArray(f Fact) { *p = append(*p, part{what: "notArray", fact: f}) }
func (p *partsLog) unknownArray(file, key string, loc Location) {
	*p = append(*p, part{what: "unknownArray", file: file, key: key, loc: loc})
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// checkSplit compares the splitter and readJSON with readContainer on data, the splitter reading chunk
// bytes at a time (0: splitChunk); split is whether the splitter read the whole container.
func checkSplit(t *testing.T, data []byte, chunk int) (split bool) {
	t.Helper()
	const name = "f.json"
	var want partsLog
	wantErr := errString(readContainer(name, bytes.NewReader(data), &want))

	var got partsLog
	sp := &splitter{r: bytes.NewReader(data), name: name, out: &got, chunk: chunk}
	split = sp.container()
	if sp.parts != len(got) {
		t.Fatalf("%.200q: the splitter counts %d parts, handed out %d", data, sp.parts, len(got))
	}
	if len(got) > len(want) || len(got) > 0 && !reflect.DeepEqual(got, want[:len(got)]) {
		t.Fatalf("%.200q (chunk %d): the splitter hands out\n%+v\nencoding/json\n%+v", data, chunk, got, want)
	}
	if split && (len(got) != len(want) || wantErr != "<nil>") {
		t.Fatalf("%.200q (chunk %d): the splitter reads %d parts without error, encoding/json %d and %s", data, chunk, len(got), len(want), wantErr)
	}

	// readJSON, with the container after 3 bytes already taken from the buffered reader (as LoadReader
	// takes a byte order mark): it must read it again from there.
	rd := bytes.NewReader(append([]byte("\xEF\xBB\xBF"), data...))
	br := bufio.NewReaderSize(rd, 16)
	br.Peek(3)
	br.Discard(3)
	var all partsLog
	err := errString(readJSON(name, &jsonInput{Reader: br, origin: rd}, &all, chunk))
	if err != wantErr || !reflect.DeepEqual(all, want) {
		t.Fatalf("%.200q (chunk %d): readJSON gives %s and\n%+v\nencoding/json %s and\n%+v", data, chunk, err, all, wantErr, want)
	}
	return split
}

// chunks are the read sizes the tests try: tiny ones cut every value somewhere.
var chunks = []int{0, 1, 7, 64, 4096}

// A small export with what the splitter must get right: escapes, numbers, nesting, white space, an
// unknown key, an empty kind, a kind given twice.
const splitExport = "{\"export\" : {\"jurisdiction\":\"qidong-2023\",\"period\":{\"from\":\"2023-01-01\",\"to\":\"2023-12-31\"},\"n\":-1.5e+3},\n" +
	"\t\"units\":[{\"id\":\"U1\",\"name\":\"启东 \\\"局\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\ud83d\\ude00\",\"x\":[1,-0,0.25,2E-3,1e9,true,false,null,[],{}]} ,\r\n" +
	"  {\"id\":\"U2\", \"a\" : { \"b\" : [ { } , [ ] ] } }, \"not an object\", 12, [1,2], null],\n" +
	"\"cases\":[],\"extra\":{\"a\":[1,2,{\"b\":\"c\"}]},\"officers\" : [ {\"id\":\"O1\"} ],\"units\":[{\"id\":\"U3\"}]\n}\n trailing"

var splitCases = []string{
	splitExport, `{}`, ` { } `, `{"units":[]}`, `{"export":1}`, `{"export":"x","export":[1]}`, `{"x":1}`, `{"x":"y"}`,
	`{"units":[1.5,-0,0,1e5]}`, `{"units":["a\u0041\\"]}`,
	// what the splitter leaves to encoding/json
	``, ` `, `[]`, `"x"`, `{`, `{"units":[{"id":"U1"}`, `{"units":[{"id":"U1"}]`, `{"units":[{"id":"U1"}],`,
	`{"units":[{"id":"U1"},]}`, `{"units":[,{"id":"U1"}]}`, `{"units":[{"id":"U1"} {"id":"U2"}]}`, `{"units":{"id":"U1"}}`,
	`{"units":"U1","cases":[{}]}`, `{"units":null}`, `{"units":7,"cases":[{}]}`, `{"units":[{"id":tru}]}`, `{"units":[01]}`,
	`{"units":[1.]}`, `{"units":[-]}`, `{"units":[1e]}`, `{"units":[{"a":1,}]}`, `{"units":[{"a" 1}]}`, `{"units":[{a:1}]}`,
	`{"units":["a` + "\t" + `b"]}`, `{"units":["\x"]}`, `{"units":["\u12G4"]}`, `{"un\u0069ts":[{}]}`, `{"units":[{}]} ]`,
	"{\"units\":[\"\xff\xfe\"],\"k\xff\":1}", `{"units":[{}]}}`, `{"units":[{}] "cases":[]}`, `{"units":[{}];"cases":[]}`,
	`{1:2}`, `{"a":1 "b":2}`, "\xEF\xBB\xBF{}", `{"units":[` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `]}`,
	`{"units":[` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `],"cases":[{}]}`,
	`{"export":{"a":[1,2]},"units":[{"id":"U1"}],"cases":[{"id":"C1"},{"id":"C2"}x]}`,
}

func TestSplitterIsEncodingJSON(t *testing.T) {
	for _, c := range splitCases {
		for _, chunk := range chunks {
			checkSplit(t, []byte(c), chunk)
		}
	}
	if !checkSplit(t, []byte(splitExport), 0) {
		t.Error("the splitter should read the test export")
	}
	// the export cut short at every byte, and with every byte changed to one that matters to JSON
	for n := 0; n < len(splitExport); n++ {
		checkSplit(t, []byte(splitExport[:n]), 0)
		checkSplit(t, []byte(splitExport[:n]), 3)
		for _, c := range []byte("{}[]\",:\\ 0-.eatu\x01") {
			b := []byte(splitExport)
			b[n] = c
			checkSplit(t, b, 5)
		}
	}
}

// Every JSON file under fixtures reads the same with the splitter; every one that encoding/json reads
// without error (all but some in fixtures/bad) the splitter reads in full.
func TestSplitterOnFixtures(t *testing.T) {
	var files, whole int
	err := filepath.WalkDir("../../fixtures", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // as LoadReader does
		files++
		var split bool
		for _, chunk := range chunks {
			split = checkSplit(t, data, chunk)
		}
		if split {
			whole++
		} else if readContainer(path, bytes.NewReader(data), new(partsLog)) == nil {
			t.Errorf("%s: encoding/json reads it, the splitter gives up", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("only %d JSON files under fixtures", files)
	}
	t.Logf("%d JSON fixtures, %d read in full by the splitter", files, whole)
}

// Generated exports of every profile read the same with the splitter, in full.
func TestSplitterOnGenerated(t *testing.T) {
	profiles := []string{"qidong-2023", "taishan-2024", "ouhai-2024", "ouhai-2022", "xinzhou-2022", "national"}
	for i, p := range profiles {
		var buf bytes.Buffer
		if _, err := gen.Generate(&buf, gen.Options{Profile: p, Records: 1500, Seed: uint64(i + 1), Violations: 0.1, Format: "json"}); err != nil {
			t.Fatal(err)
		}
		for _, chunk := range []int{0, 1000} {
			if !checkSplit(t, buf.Bytes(), chunk) {
				t.Errorf("%s: the splitter gives up on a generated export", p)
			}
		}
	}
}

func FuzzSplitContainer(f *testing.F) {
	for _, c := range splitCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSplit(t, b, 0)
		checkSplit(t, b, 5)
	})
}

// nullParts takes the parts and drops them.
type nullParts struct{ n int }

func (p *nullParts) header(any, Location)                  { p.n++ }
func (p *nullParts) record(string, []byte, Location)       { p.n++ }
func (p *nullParts) notArray(Fact)                         { p.n++ }
func (p *nullParts) unknownArray(string, string, Location) { p.n++ }

// BenchmarkSplitContainer is the reader's part of loading a JSON container (go test -bench
// SplitContainer ./internal/records): the splitter against encoding/json's Decoder (readContainer,
// what the reader did before the splitter), on a generated export of 10,000 records.
func BenchmarkSplitContainer(b *testing.B) {
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: 10000, Seed: 1, Violations: 0.02, Format: "json"}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	for _, c := range []struct {
		name string
		read func(out containerParts) error
	}{
		{"splitter", func(out containerParts) error {
			rd := bytes.NewReader(data)
			return readJSON("f.json", &jsonInput{Reader: bufio.NewReaderSize(rd, 1<<16), origin: rd}, out, 0)
		}},
		{"encoding-json", func(out containerParts) error {
			return readContainer("f.json", bufio.NewReaderSize(bytes.NewReader(data), 1<<16), out)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				var out nullParts
				if err := c.read(&out); err != nil || out.n != 10001 {
					b.Fatal(fmt.Sprint(out.n, " parts, ", err))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(10000*b.N), "ns/record")
		})
	}
}
