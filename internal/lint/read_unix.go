//go:build unix

package lint

import (
	"syscall"
)

// readLimited reads the file at p, refusing one over limit bytes. It
// calls the system directly rather than through os.File: an os.File
// offers a file to the runtime's poller (epoll_ctl, refused for a regular
// file) and toggles O_NONBLOCK around it, six system calls a file out of
// eleven, and a folder of Dockerfiles is thousands of small reads.
func readLimited(p string, limit int) ([]byte, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(p, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, err
	}
	if st.Size > int64(limit) {
		return nil, errTooLarge
	}
	read := func(b []byte) (n int, err error) {
		err = ignoringEINTR(func() (err error) {
			n, err = syscall.Read(fd, b)
			return err
		})
		return max(n, 0), err
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		read = sizedRead(st.Size, read)
	}
	return growRead(make([]byte, 0, st.Size+1), limit, read)
}

// ignoringEINTR retries fn while a signal interrupts it, as package os does.
func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); err != syscall.EINTR {
			return err
		}
	}
}
