// Prints, for each GOPROXY value on stdin (one per line), the user name and password that the go
// command would send for each entry: the entry split and completed as in
// cmd/go/internal/modfetch/proxy.go proxyList, then parsed with net/url. One JSON line per value.
package main

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

type cred struct {
	User     string `json:"user"`
	Password string `json:"password"`
	HasPass  bool   `json:"hasPassword"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		creds := []cred{}
		goproxy := in.Text()
		for goproxy != "" {
			var u string
			if i := strings.IndexAny(goproxy, ",|"); i >= 0 {
				u, goproxy = goproxy[:i], goproxy[i+1:]
			} else {
				u, goproxy = goproxy, ""
			}
			u = strings.TrimSpace(u)
			if u == "" || u == "off" || u == "direct" {
				continue
			}
			if strings.ContainsAny(u, ".:/") && !strings.Contains(u, ":/") && !filepath.IsAbs(u) && !path.IsAbs(u) {
				u = "https://" + u
			}
			parsed, err := url.Parse(u)
			if err != nil || parsed.User == nil {
				continue
			}
			p, ok := parsed.User.Password()
			creds = append(creds, cred{User: parsed.User.Username(), Password: p, HasPass: ok})
		}
		out.Encode(creds)
	}
}
