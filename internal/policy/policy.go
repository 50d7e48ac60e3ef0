// Package policy loads a policy tree (the built-in one or a user's directory): Rego modules, data
// documents (calendar, profiles) and the record schema, and compiles the modules once with the schema
// so that a rule reading a misspelled field does not compile.
package policy

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
)

// SchemaDir holds the one schema document; it is passed to the type checker, never loaded as data.
const SchemaDir = "schemas"

// Tree is a loaded policy tree.
type Tree struct {
	FS       fs.FS
	Modules  map[string]*ast.Module // by file name, tests included when asked for
	Data     map[string]any         // every data.json, at its directory's path
	Schemas  *ast.SchemaSet
	Compiler *ast.Compiler
}

// Options choose what Load keeps.
type Options struct {
	Tests bool // keep *_test.rego modules (jiandu test)
}

// Load reads and compiles a policy tree.
func Load(fsys fs.FS, opts Options) (*Tree, error) {
	res, err := loader.NewFileLoader().
		WithFS(fsys).
		WithRegoVersion(ast.RegoV1).
		WithProcessAnnotation(true).
		Filtered([]string{"."}, func(abspath string, info fs.FileInfo, depth int) bool {
			name := info.Name()
			if info.IsDir() {
				return name == SchemaDir
			}
			if strings.HasSuffix(name, "_test.rego") {
				return !opts.Tests
			}
			return !(strings.HasSuffix(name, ".rego") || name == "data.json" || name == "data.yaml")
		})
	if err != nil {
		return nil, fmt.Errorf("loading policies: %w", err)
	}
	ss, err := schemaSet(fsys)
	if err != nil {
		return nil, err
	}
	t := &Tree{FS: fsys, Modules: res.ParsedModules(), Data: res.Documents, Schemas: ss}
	c := ast.NewCompiler().
		WithSchemas(ss).
		WithUseTypeCheckAnnotations(true)
	c.Compile(t.Modules)
	if c.Failed() {
		return nil, &CompileError{Errors: c.Errors}
	}
	t.Compiler = c
	return t, nil
}

func schemaSet(fsys fs.FS) (*ast.SchemaSet, error) {
	ss := ast.NewSchemaSet()
	entries, err := fs.ReadDir(fsys, SchemaDir)
	if err != nil {
		return nil, fmt.Errorf("reading %s/: %w", SchemaDir, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		raw, err := fs.ReadFile(fsys, SchemaDir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", SchemaDir, e.Name(), err)
		}
		ss.Put(ast.MustParseRef("schema."+strings.TrimSuffix(e.Name(), ".json")), v)
	}
	return ss, nil
}

// CompileError is a policy that does not compile; it lists OPA's errors with their locations.
type CompileError struct {
	Errors ast.Errors
}

func (e *CompileError) Error() string {
	errs := append(ast.Errors(nil), e.Errors...)
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Location.Compare(errs[j].Location) < 0 })
	var b strings.Builder
	fmt.Fprintf(&b, "the policies do not compile (%d error(s)); fix the Rego at these places:", len(errs))
	for _, x := range errs {
		b.WriteString("\n  ")
		b.WriteString(x.Error())
	}
	return b.String()
}
