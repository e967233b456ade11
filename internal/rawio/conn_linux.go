package rawio

import (
	"context"
	"io"
	"net"
	"syscall"
)

// Dial is d.DialContext for an http.Transport whose TCP connections read
// and write with raw system calls: the poll every 5 s then wakes one
// thread. Deadlines work as on any net.Conn.
func Dial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		tc, ok := c.(*net.TCPConn)
		if !ok {
			return c, nil
		}
		rc, err := tc.SyscallConn()
		if err != nil {
			return c, nil
		}
		return &conn{TCPConn: tc, rc: rc}, nil
	}
}

// conn is a TCPConn whose Read and Write are rawio's.
type conn struct {
	*net.TCPConn
	rc syscall.RawConn
}

func (c *conn) Read(p []byte) (int, error) {
	n, err := Read(c.rc, p)
	return n, c.opError("read", err)
}

func (c *conn) Write(p []byte) (int, error) {
	n, err := Write(c.rc, p)
	return n, c.opError("write", err)
}

// opError wraps err as net's own Read and Write do, so a deadline still
// reads as a net.Error whose Timeout is true.
func (c *conn) opError(op string, err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	return &net.OpError{Op: op, Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: err}
}
