package debuglog

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTransportLogsPathAndStatusOnly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "state", "spotui", "spotui.log")
	log, closeLog, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: Transport(nil, log)}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/token?code=SECRETCODE", strings.NewReader("refresh_token=SECRETREFRESH"))
	req.Header.Set("Authorization", "Bearer SECRETACCESS")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// A failed request logs the error without the URL http.Client quotes.
	_, _ = hc.Get("http://127.0.0.1:1/x?code=SECRETCODE")
	if err := closeLog(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	got := string(data)
	for _, want := range []string{`"msg":"http request"`, `"method":"POST"`, `"path":"/api/token"`, `"status":429`, `"retry_after":"3"`, `"msg":"http request failed"`} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "SECRET") {
		t.Errorf("log leaks a secret:\n%s", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
}

func TestNoLogNoWrapping(t *testing.T) {
	base := http.DefaultTransport
	if Transport(base, nil) != base || Transport(base, Discard()) != base {
		t.Error("a disabled log wrapped the transport")
	}
}

func TestSafeErrorDropsTheURL(t *testing.T) {
	err := &url.Error{Op: "Get", URL: "http://x/callback?code=SECRET", Err: errors.New("boom")}
	if got := safeError(err); got != "boom" {
		t.Errorf("got %q", got)
	}
}
