package notes

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Note is one stored note.
type Note struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

type store struct {
	mu     sync.Mutex
	nextID int
	notes  []Note
}

// NewHandler returns the notes API.
func NewHandler() http.Handler {
	s := &store{nextID: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("/notes", s.collection)
	mux.HandleFunc("/notes/", s.item)
	return mux
}

func writeJSON(w http.ResponseWriter, status int, value interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(value)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (s *store) collection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.mu.Lock()
		all := append([]Note{}, s.notes...)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, all)
	case http.MethodPost:
		var body struct {
			Text string `json:"text"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			writeError(w, http.StatusBadRequest, "invalid JSON body")
			return
		}
		if strings.TrimSpace(body.Text) == "" {
			writeError(w, http.StatusBadRequest, "text is required")
			return
		}
		s.mu.Lock()
		note := Note{ID: s.nextID, Text: body.Text}
		s.nextID++
		s.notes = append(s.notes, note)
		s.mu.Unlock()
		writeJSON(w, http.StatusCreated, note)
	default:
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

func (s *store) item(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodDelete {
		w.Header().Set("Allow", "GET, DELETE")
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/notes/"))
	if err != nil {
		writeError(w, http.StatusNotFound, "note not found")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, note := range s.notes {
		if note.ID != id {
			continue
		}
		if r.Method == http.MethodDelete {
			s.notes = append(s.notes[:i], s.notes[i+1:]...)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, note)
		return
	}
	writeError(w, http.StatusNotFound, "note not found")
}
