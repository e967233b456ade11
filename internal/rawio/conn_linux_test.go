package rawio

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHTTPOverRawConnections(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Write([]byte(r.Method + " " + r.URL.Path + " " + string(body) + " " + strings.Repeat("x", 100_000)))
	}))
	defer srv.Close()
	dialed := 0
	dial := Dial(&net.Dialer{})
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if _, raw := c.(*conn); !raw && err == nil {
			t.Errorf("dialed a %T, not a raw connection", c)
		}
		dialed++
		return c, err
	}}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	for i := range 3 {
		resp, err := client.Post(srv.URL+"/v1/me/player", "text/plain", strings.NewReader("hello"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !strings.HasPrefix(string(got), "POST /v1/me/player hello ") || len(got) != 25+100_000 {
			t.Fatalf("request %d: %d bytes %.40q, %v", i, len(got), got, err)
		}
	}
	if dialed != 1 {
		t.Errorf("%d connections for 3 requests: keep-alive broke", dialed)
	}
}

func TestRawConnectionsKeepDeadlinesAndEOF(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	c, err := Dial(&net.Dialer{})(t.Context(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	peer := <-accepted
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err = c.Read(make([]byte, 10))
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("a read past its deadline returned %v, want a timeout net.Error", err)
	}
	c.SetReadDeadline(time.Time{})
	peer.Write([]byte("bye"))
	peer.Close()
	got, err := io.ReadAll(c)
	if string(got) != "bye" || err != nil {
		t.Errorf("read %q, %v; want bye then EOF", got, err)
	}
}
