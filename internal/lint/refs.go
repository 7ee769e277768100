package lint

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ReadRefsFile reads one reference per line; blank lines and # comments
// are skipped. "-" reads standard input.
func ReadRefsFile(stdin io.Reader, path string) ([]string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var refs []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			refs = append(refs, line)
		}
	}
	return refs, sc.Err()
}

// ParseShard reads "i/n" with 1 <= i <= n.
func ParseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("%q: want i/n with 1 <= i <= n, e.g. 2/4", s)
	}
	return i, n, nil
}

// Shard keeps every n-th reference starting with the i-th: the same
// list split the same way in every job, with shards at most one apart in
// size.
func Shard(refs []string, i, n int) []string {
	var out []string
	for k := i - 1; k < len(refs); k += n {
		out = append(out, refs[k])
	}
	return out
}
