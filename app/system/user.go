package system

import (
	"os/user"
	"strings"
)

// UserName is the OS user's full name, or login name; "" when unknown.
// It is who is recorded as adding evidence unless the user gives a name.
func UserName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	if name := strings.TrimSpace(strings.SplitN(u.Name, ",", 2)[0]); name != "" {
		return name // GECOS may hold "Name,room,phone"
	}
	return u.Username
}
