//go:build !unix

package lint

import "os"

// readLimited reads the file at p, refusing one over limit bytes.
func readLimited(p string, limit int) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > int64(limit) {
		return nil, errTooLarge
	}
	return growRead(make([]byte, 0, info.Size()+1), limit, f.Read)
}
