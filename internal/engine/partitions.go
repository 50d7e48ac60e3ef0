package engine

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/jiandu/jiandu/internal/records"
)

// Partitions groups an export's valid records the way the rules are evaluated: per unit (its records
// and the officers its cases name), per enterprise (every inspection of one credit code), plus the
// unit records for the export-wide pass.
//
// Records are not kept as OPA values while the export is read: each is encoded once (codec.go) into one
// of a fixed number of buckets by a hash of its unit (inspections also by a hash of their enterprise).
// Buckets live in memory until they pass SpillBytes in all, then on disk in a private temporary folder.
// Evaluation then reads one bucket at a time, so memory grows with the largest bucket, not the export.
//
// On disk, the buckets share one file: each bucket fills a buffer of its own (spillChunk) and appends it
// to the file as one extent when it is full, and remembers where its extents are. One file is created
// per run, where a file per bucket made the spill open 2 × Buckets files under the lock.
type Partitions struct {
	mu          sync.Mutex
	buckets     int
	spillBytes  int
	unitB       []*bucket
	entB        []*bucket
	mem         int // bytes held in memory buckets
	dir         string
	file        *os.File // the spill file, once spilled
	fileEnd     int64    // its size
	spillFailed bool
	officers    map[string]seqBytes // officer id → the first officer of that id without training and exams, encoded (handler look-ups)
	unitRecords []seqTerm
	unitTypes   map[string]seqType
	err         error
	records     int
}

// seqTerm is a value with the place of its record in the export: records are checked on every core, so
// whatever depends on order (the first of duplicate ids, the order of a partition's arrays) is decided
// by the export's order, never by which worker came first.
type seqTerm struct {
	seq  uint64
	term *ast.Term
}

type seqBytes struct {
	seq uint64
	b   []byte
}

type seqType struct {
	seq uint64
	typ string
}

type bucket struct {
	buf     bytes.Buffer // the frames in memory: all of them, or once spilled the ones not yet on disk
	extents []extent     // where the bucket's earlier frames are in the spill file, in order
	err     error        // a failed write to the spill file, reported when the bucket is read
}

// extent is a part of the spill file.
type extent struct {
	off int64
	n   int
}

// spillChunk is the part of a spilled bucket kept in memory before it goes to the spill file.
const spillChunk = 32 << 10

// Options size the partitions.
type PartitionOptions struct {
	Buckets    int    // default 256
	SpillBytes int    // encoded bytes kept in memory before spilling to disk; default 64 MiB
	TempDir    string // where the spill folder is made; default os.TempDir()
}

// NewPartitions makes an empty grouping.
func NewPartitions(o PartitionOptions) *Partitions {
	if o.Buckets <= 0 {
		o.Buckets = 256
	}
	if o.SpillBytes <= 0 {
		o.SpillBytes = 64 << 20
	}
	p := &Partitions{
		buckets:    o.Buckets,
		spillBytes: o.SpillBytes,
		officers:   map[string]seqBytes{},
		unitTypes:  map[string]seqType{},
		dir:        o.TempDir,
	}
	p.unitB = make([]*bucket, o.Buckets)
	p.entB = make([]*bucket, o.Buckets)
	for i := range p.unitB {
		p.unitB[i], p.entB[i] = &bucket{}, &bucket{}
	}
	return p
}

// hashOf is FNV-1a (hash/fnv's New32a) of s, without its allocations.
func hashOf(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// kinds are numbered in the spill frames.
var kindCode = func() map[string]byte {
	m := map[string]byte{}
	for i, k := range records.Kinds {
		m[k] = byte(i)
	}
	return m
}()

// Add files one valid record under its partitions. It is safe for concurrent use.
func (p *Partitions) Add(rec *records.Record) {
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.b = appendString(appendUvarint(append(e.b[:0], kindCode[rec.Kind]), rec.Seq), rec.Unit)
	err := e.value(rec.Value, false)
	frame := e.b
	var officer []byte
	if err == nil && rec.Kind == "officer" {
		err = e.value(rec.Value, true)
		officer = bytes.Clone(e.b[len(frame):])
		frame = e.b[:len(frame)]
	}
	var unitTerm *ast.Term
	if err == nil && rec.Kind == "unit" {
		var v ast.Value
		v, err = ast.InterfaceToValue(rec.Value)
		unitTerm = ast.NewTerm(v)
	}
	var cc string
	if rec.Kind == "inspection" {
		if ent, ok := rec.Value["enterprise"].(map[string]any); ok {
			cc, _ = ent["credit_code"].(string)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.fail(fmt.Errorf("record %s %s: %w", rec.Kind, rec.ID, err))
		return
	}
	p.records++
	p.write(p.unitB[hashOf(rec.Unit)%uint32(p.buckets)], frame)
	if cc != "" {
		e.b = appendString(e.b[:len(frame)], cc) // frame keeps its bytes if this moves e.b
		p.write(p.entB[hashOf(cc)%uint32(p.buckets)], e.b[len(frame):], frame)
	}
	switch rec.Kind {
	case "unit":
		p.unitRecords = append(p.unitRecords, seqTerm{rec.Seq, unitTerm})
		if typ, ok := rec.Value["type"].(string); ok {
			if prev, seen := p.unitTypes[rec.ID]; !seen || rec.Seq < prev.seq {
				p.unitTypes[rec.ID] = seqType{rec.Seq, typ}
			}
		}
	case "officer":
		if prev, seen := p.officers[rec.ID]; !seen || rec.Seq < prev.seq {
			p.officers[rec.ID] = seqBytes{rec.Seq, officer}
		}
	}
}

// officerProjection is an officer as a handler look-up sees it, everything but training and exams,
// encoded: every officer of the export is kept for the look-ups, so it is kept small (about 200 bytes)
// and decoded only for the units whose cases name it. Add encodes it with the same encoder.
func officerProjection(v map[string]any) ([]byte, error) {
	e := encoder{}
	err := e.value(v, true)
	return e.b, err
}

func (p *Partitions) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// write appends length-prefixed frames to a bucket, spilling every bucket to disk once memory is full.
func (p *Partitions) write(b *bucket, parts ...[]byte) {
	n := 0
	for _, x := range parts {
		n += len(x)
	}
	var hdr [10]byte
	frame := appendUvarint(hdr[:0], uint64(n))
	if p.file != nil {
		if b.buf.Len()+len(frame)+n > spillChunk {
			p.flush(b)
		}
		if len(frame)+n >= spillChunk { // a frame larger than the buffer goes straight to the file
			p.append(b, append(frame, bytes.Join(parts, nil)...))
			return
		}
		if b.buf.Cap() == 0 {
			b.buf.Grow(spillChunk)
		}
		b.buf.Write(frame)
		for _, x := range parts {
			b.buf.Write(x)
		}
		return
	}
	b.buf.Write(frame)
	for _, x := range parts {
		b.buf.Write(x)
	}
	p.mem += len(frame) + n
	if p.mem > p.spillBytes {
		p.spill()
	}
}

// spill moves every in-memory bucket to the spill file and sends later frames there.
func (p *Partitions) spill() {
	if p.file != nil || p.spillFailed {
		return
	}
	p.spillFailed = true // until it succeeds: a spill that failed is not tried again at every write
	dir, err := os.MkdirTemp(p.dir, "jiandu-spill-")
	if err != nil {
		p.fail(fmt.Errorf("making a spill folder (set TMPDIR to a writable folder with room): %w", err))
		return
	}
	p.dir = dir
	f, err := os.Create(filepath.Join(dir, "buckets"))
	if err != nil {
		p.fail(fmt.Errorf("spilling to %s: %w", dir, err))
		return
	}
	p.file = f
	for _, bs := range [][]*bucket{p.unitB, p.entB} {
		for _, b := range bs {
			p.append(b, b.buf.Bytes())
			b.buf = bytes.Buffer{}
		}
	}
	p.mem = 0
	p.spillFailed = false
}

// flush moves a spilled bucket's buffered frames to the spill file.
func (p *Partitions) flush(b *bucket) {
	p.append(b, b.buf.Bytes())
	b.buf.Reset()
}

// append writes data at the end of the spill file as the bucket's next extent. A bucket whose write
// failed takes no more (as a bufio.Writer does) and reports the error when it is read.
func (p *Partitions) append(b *bucket, data []byte) {
	if len(data) == 0 || b.err != nil {
		return
	}
	n, err := p.file.WriteAt(data, p.fileEnd)
	if err != nil {
		b.err = err
	}
	if n > 0 {
		if k := len(b.extents) - 1; k >= 0 && b.extents[k].off+int64(b.extents[k].n) == p.fileEnd {
			b.extents[k].n += n
		} else {
			b.extents = append(b.extents, extent{p.fileEnd, n})
		}
		p.fileEnd += int64(n)
	}
}

// Close removes the spill folder; call it when the run is over.
func (p *Partitions) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	spilled := p.file != nil
	if spilled {
		p.file.Close()
		p.file = nil
	}
	if spilled || strings.HasPrefix(filepath.Base(p.dir), "jiandu-spill-") {
		return os.RemoveAll(p.dir)
	}
	return nil
}

// Spilled tells whether the partitions went to disk.
func (p *Partitions) Spilled() bool { return p.file != nil }

// Records counts the records added.
func (p *Partitions) Records() int { return p.records }

// contents returns a bucket's frames: its memory buffer, after its extents of the spill file once
// spilled.
func (p *Partitions) contents(b *bucket) ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	if len(b.extents) == 0 {
		return b.buf.Bytes(), nil
	}
	n := b.buf.Len()
	for _, e := range b.extents {
		n += e.n
	}
	data := make([]byte, 0, n)
	for _, e := range b.extents {
		got, err := p.file.ReadAt(data[len(data):len(data)+e.n], e.off)
		if err != nil && !(err == io.EOF && got == e.n) {
			return nil, err
		}
		data = data[:len(data)+e.n]
	}
	return append(data, b.buf.Bytes()...), nil
}

// unitGroup is one unit's records decoded from a bucket.
type unitGroup struct {
	id       string
	byKind   [8][]seqTerm
	handlers map[string]bool
	cache    *termCache // the bucket's, for the handlers' officers
}

// readUnits decodes a unit bucket into its units, sorted by id.
func (p *Partitions) readUnits(i int) ([]*unitGroup, error) {
	data, err := p.contents(p.unitB[i])
	if err != nil {
		return nil, err
	}
	groups := map[string]*unitGroup{}
	cache := newTermCache()
	for off := 0; off < len(data); {
		n, w := uvarint(data[off:])
		if w <= 0 || n == 0 || off+w+n > len(data) {
			return nil, errCorrupt
		}
		d := decoder{b: data[off+w : off+w+n], cache: cache}
		off += w + n
		kind := d.b[0]
		d.off = 1
		seq, err := d.uvarint64()
		if err != nil {
			return nil, err
		}
		unit, err := d.str()
		if err != nil {
			return nil, err
		}
		t, err := d.term()
		if err != nil {
			return nil, err
		}
		g := groups[unit]
		if g == nil {
			g = &unitGroup{id: unit, handlers: map[string]bool{}, cache: cache}
			groups[unit] = g
		}
		g.byKind[kind] = append(g.byKind[kind], seqTerm{seq, t})
		if int(kind) >= len(records.Kinds) {
			return nil, errCorrupt
		}
		if records.Kinds[kind] == "case" {
			if hs, ok := field(t, "handlers").(*ast.Array); ok {
				hs.Foreach(func(h *ast.Term) {
					if s, ok := h.Value.(ast.String); ok {
						g.handlers[string(s)] = true
					}
				})
			}
		}
	}
	out := make([]*unitGroup, 0, len(groups))
	for _, g := range groups {
		for _, ts := range g.byKind {
			sortBySeq(ts)
		}
		out = append(out, g)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].id < out[b].id })
	return out, nil
}

func (p *Partitions) unitInput(g *unitGroup) (ast.Value, error) {
	obj := ast.NewObject(
		ast.Item(ast.StringTerm("scope"), ast.StringTerm("unit")),
		ast.Item(ast.StringTerm("unit_id"), ast.StringTerm(g.id)),
	)
	for i, kind := range records.Kinds {
		obj.Insert(ast.StringTerm(records.Plural[kind]), ast.ArrayTerm(terms(g.byKind[i])...))
	}
	handlers := ast.NewObject()
	ids := make([]string, 0, len(g.handlers))
	for h := range g.handlers {
		ids = append(ids, h)
	}
	sort.Strings(ids)
	for _, h := range ids {
		if o, ok := p.officers[h]; ok {
			d := decoder{b: o.b, cache: g.cache}
			t, err := d.term()
			if err != nil {
				return nil, err
			}
			handlers.Insert(ast.StringTerm(h), t)
		}
	}
	obj.Insert(ast.StringTerm("handlers"), ast.NewTerm(handlers))
	return obj, nil
}

// readEnterprises decodes an enterprise bucket into enterprise partition inputs, sorted by credit code.
func (p *Partitions) readEnterprises(i int) ([]ast.Value, error) {
	data, err := p.contents(p.entB[i])
	if err != nil {
		return nil, err
	}
	groups := map[string][]seqTerm{}
	cache := newTermCache()
	for off := 0; off < len(data); {
		n, w := uvarint(data[off:])
		if w <= 0 || off+w+n > len(data) {
			return nil, errCorrupt
		}
		d := decoder{b: data[off+w : off+w+n], cache: cache}
		off += w + n
		cc, err := d.str()
		if err != nil {
			return nil, err
		}
		d.off++ // kind
		seq, err := d.uvarint64()
		if err != nil {
			return nil, err
		}
		if _, err := d.str(); err != nil {
			return nil, err
		}
		t, err := d.term()
		if err != nil {
			return nil, err
		}
		groups[cc] = append(groups[cc], seqTerm{seq, t})
	}
	codes := make([]string, 0, len(groups))
	for c := range groups {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := make([]ast.Value, 0, len(codes))
	for _, c := range codes {
		out = append(out, ast.NewObject(
			ast.Item(ast.StringTerm("scope"), ast.StringTerm("enterprise")),
			ast.Item(ast.StringTerm("enterprise"), ast.ObjectTerm(
				ast.Item(ast.StringTerm("credit_code"), ast.StringTerm(c)),
				ast.Item(ast.StringTerm("inspections"), ast.ArrayTerm(terms(sortBySeq(groups[c]))...)),
			)),
		))
	}
	return out, nil
}

func sortBySeq(ts []seqTerm) []seqTerm {
	sort.Slice(ts, func(i, j int) bool { return ts[i].seq < ts[j].seq })
	return ts
}

func terms(ts []seqTerm) []*ast.Term {
	out := make([]*ast.Term, len(ts))
	for i, t := range ts {
		out[i] = t.term
	}
	return out
}

// field is a key of an object term, nil when the term is no object or lacks the key.
func field(t *ast.Term, key string) ast.Value {
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return nil
	}
	v := obj.Get(ast.StringTerm(key))
	if v == nil {
		return nil
	}
	return v.Value
}
