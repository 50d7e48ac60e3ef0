package policy

import (
	"io/fs"
	"reflect"
	"testing"
	"testing/fstest"
)

func TestOverlay(t *testing.T) {
	base := fstest.MapFS{
		"lib/lib.rego":                   {Data: []byte("base lib")},
		"cases/case_02.rego":             {Data: []byte("base case_02")},
		"profiles/national/data.json":    {Data: []byte("base national")},
		"profiles/qidong-2023/data.json": {Data: []byte("base qidong")},
		"schemas/input.json":             {Data: []byte("{}")},
	}
	user := fstest.MapFS{
		"cases/case_02.rego":                   {Data: []byte("user case_02")},
		"local/qdx_01.rego":                    {Data: []byte("user qdx_01")},
		"profiles/qidong-2023/data.json":       {Data: []byte("user qidong")},
		"profiles/qidong-2023-local/data.json": {Data: []byte("user local")},
		"fixtures/QDX-01/pass-x/data.json":     {Data: []byte("a fixture, never policy data")},
		"README.md":                            {Data: []byte("readme")},
	}
	o := NewOverlay(base, user)
	for name, want := range map[string]string{
		"lib/lib.rego":                         "base lib",
		"cases/case_02.rego":                   "user case_02",
		"local/qdx_01.rego":                    "user qdx_01",
		"profiles/national/data.json":          "base national",
		"profiles/qidong-2023/data.json":       "user qidong",
		"profiles/qidong-2023-local/data.json": "user local",
	} {
		got, err := fs.ReadFile(o, name)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := fs.ReadFile(o, "fixtures/QDX-01/pass-x/data.json"); err == nil {
		t.Error("the user's fixtures must stay out of the policy tree")
	}
	var files []string
	if err := fs.WalkDir(o, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{"README.md", "cases/case_02.rego", "lib/lib.rego", "local/qdx_01.rego", "profiles/national/data.json",
		"profiles/qidong-2023/data.json", "profiles/qidong-2023-local/data.json", "schemas/input.json"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("walk = %v\nwant   %v", files, want)
	}
	if !o.FromUser("cases/case_02.rego") || o.FromUser("lib/lib.rego") || o.FromUser("fixtures/QDX-01/pass-x/data.json") || o.FromUser("cases") {
		t.Error("FromUser must name exactly the user's files")
	}
	if err := fstest.TestFS(o, want...); err != nil {
		t.Error(err)
	}
}
