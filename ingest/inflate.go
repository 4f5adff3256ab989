package ingest

import (
	"archive/zip"
	"bufio"
	"errors"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// A workbook's parts are inflated with klauspost/compress's inflater instead of compress/flate's: on
// the worksheets of the people's congress set (900 workbooks) it takes 125–135 ms of CPU per load
// against 165–180 ms, the same bytes out (archive/zip still checks each part's CRC-32 and size).
// Inflaters are pooled as archive/zip pools its own (each holds a 32 KiB window), together with the
// buffered reader each reads its compressed bytes through: an inflater given a reader without ReadByte
// makes a new 4 KiB one at every part, 23 MB of garbage per load of that set.
var inflaters sync.Pool

// inflater is one pooled inflater and its input buffer.
type inflater struct {
	fr io.ReadCloser
	br *bufio.Reader
}

// useFastInflate has zr inflate its deflated entries with klauspost/compress.
func useFastInflate(zr *zip.Reader) { zr.RegisterDecompressor(zip.Deflate, newInflater) }

func newInflater(r io.Reader) io.ReadCloser {
	in, ok := inflaters.Get().(*inflater)
	if ok {
		in.br.Reset(r)
		in.fr.(flate.Resetter).Reset(in.br, nil)
	} else {
		br := bufio.NewReader(r)
		in = &inflater{fr: flate.NewReader(br), br: br}
	}
	return &pooledInflater{in: in}
}

// pooledInflater gives its inflater back to the pool when closed.
type pooledInflater struct{ in *inflater }

var errInflaterClosed = errors.New("read of a closed zip entry")

func (p *pooledInflater) Read(b []byte) (int, error) {
	if p.in == nil {
		return 0, errInflaterClosed
	}
	return p.in.fr.Read(b)
}

func (p *pooledInflater) Close() error {
	if p.in == nil {
		return nil
	}
	err := p.in.fr.Close()
	p.in.br.Reset(nil) // holds no reference to the workbook's bytes while pooled
	inflaters.Put(p.in)
	p.in = nil
	return err
}
