package notes

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func do(t *testing.T, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestCreateListGetDelete(t *testing.T) {
	h := NewHandler()
	rec := do(t, h, "GET", "/notes", "")
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != "[]" {
		t.Fatalf("empty list: %d %q", rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("content type %q", ct)
	}
	rec = do(t, h, "POST", "/notes", `{"text": "buy milk"}`)
	if rec.Code != 201 {
		t.Fatalf("create: %d", rec.Code)
	}
	var created Note
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil || created != (Note{ID: 1, Text: "buy milk"}) {
		t.Fatalf("created %+v (%v)", created, err)
	}
	do(t, h, "POST", "/notes", `{"text": "call bob"}`)
	rec = do(t, h, "GET", "/notes", "")
	var all []Note
	if err := json.Unmarshal(rec.Body.Bytes(), &all); err != nil || len(all) != 2 || all[1].ID != 2 {
		t.Fatalf("list %q", rec.Body.String())
	}
	rec = do(t, h, "GET", "/notes/2", "")
	var got Note
	_ = json.Unmarshal(rec.Body.Bytes(), &got)
	if rec.Code != 200 || got.Text != "call bob" {
		t.Fatalf("get: %d %q", rec.Code, rec.Body.String())
	}
	rec = do(t, h, "DELETE", "/notes/1", "")
	if rec.Code != 204 || rec.Body.Len() != 0 {
		t.Fatalf("delete: %d %q", rec.Code, rec.Body.String())
	}
	if rec := do(t, h, "DELETE", "/notes/1", ""); rec.Code != 404 {
		t.Fatalf("second delete: %d", rec.Code)
	}
	rec = do(t, h, "GET", "/notes", "")
	all = nil
	_ = json.Unmarshal(rec.Body.Bytes(), &all)
	if len(all) != 1 || all[0].ID != 2 {
		t.Fatalf("after delete %q", rec.Body.String())
	}
}

func TestErrors(t *testing.T) {
	h := NewHandler()
	for _, body := range []string{`not json`, `{"text": "   "}`, `{}`} {
		rec := do(t, h, "POST", "/notes", body)
		var e map[string]string
		if rec.Code != 400 || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e["error"] == "" {
			t.Fatalf("%q: %d %q", body, rec.Code, rec.Body.String())
		}
	}
	for _, path := range []string{"/notes/7", "/notes/abc"} {
		rec := do(t, h, "GET", path, "")
		var e map[string]string
		if rec.Code != 404 || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e["error"] == "" {
			t.Fatalf("%s: %d %q", path, rec.Code, rec.Body.String())
		}
	}
	rec := do(t, h, "PUT", "/notes", "")
	if rec.Code != 405 || rec.Header().Get("Allow") != "GET, POST" {
		t.Fatalf("405 collection: %d %q", rec.Code, rec.Header().Get("Allow"))
	}
	rec = do(t, h, "PATCH", "/notes/1", "")
	if rec.Code != 405 || rec.Header().Get("Allow") != "GET, DELETE" {
		t.Fatalf("405 item: %d %q", rec.Code, rec.Header().Get("Allow"))
	}
}

func TestConcurrentCreates(t *testing.T) {
	h := NewHandler()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do(t, h, "POST", "/notes", `{"text": "x"}`)
		}()
	}
	wg.Wait()
	var all []Note
	_ = json.Unmarshal(do(t, h, "GET", "/notes", "").Body.Bytes(), &all)
	seen := map[int]bool{}
	for _, n := range all {
		seen[n.ID] = true
	}
	if len(all) != 50 || len(seen) != 50 {
		t.Fatalf("got %d notes with %d distinct ids", len(all), len(seen))
	}
}
