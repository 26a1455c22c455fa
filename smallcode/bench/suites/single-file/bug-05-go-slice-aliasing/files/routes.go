package routes

import "strings"

// Route is a path made of segments.
type Route struct {
	Segments []string
}

// Path renders the route as "/a/b/c".
func (r Route) Path() string {
	return "/" + strings.Join(r.Segments, "/")
}

// Extend returns a new segment list: base followed by more.
func Extend(base []string, more ...string) []string {
	return append(base, more...)
}

// Group builds one route per child under a shared prefix.
func Group(prefix []string, children ...string) []Route {
	routes := make([]Route, 0, len(children))
	for _, child := range children {
		routes = append(routes, Route{Segments: Extend(prefix, child)})
	}
	return routes
}

// Table builds the service's route table.
func Table() []Route {
	api := make([]string, 0, 8)
	api = append(api, "api", "v1")
	table := Group(api, "users", "orders", "invoices")
	admin := Extend(api, "admin")
	table = append(table, Group(admin, "stats", "jobs")...)
	return table
}

// Breadcrumbs returns the cumulative prefixes of a path: a/b/c -> [a] [a b] [a b c].
func Breadcrumbs(segments []string) [][]string {
	var out [][]string
	current := make([]string, 0, len(segments))
	for _, s := range segments {
		current = append(current, s)
		out = append(out, current)
	}
	return out
}
