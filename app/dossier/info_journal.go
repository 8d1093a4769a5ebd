package dossier

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// identityEvent records the identity fields UpdateInfo changed.
func identityEvent(before, after Info) Event {
	var f []FieldChange
	f = Changed(f, "name", before.Name, after.Name)
	f = Changed(f, "vendor", before.Vendor, after.Vendor)
	f = Changed(f, "product", before.Product, after.Product)
	f = Changed(f, "version", before.ProductVersion, after.ProductVersion)
	return Event{Kind: EventIdentity, Fields: f}
}

// candidatureEvent records what SetIdentity changed: the identity fields
// and the application form's fields (by JSON key, in key order).
func candidatureEvent(before, after Info) Event {
	f := identityEvent(before, after).Fields
	old, cur := jsonFields(CandidatureOf(before)), jsonFields(CandidatureOf(after))
	keys := slices.Sorted(maps.Keys(cur))
	for k := range old {
		if _, ok := cur[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		f = Changed(f, k, old[k], cur[k])
	}
	return Event{Kind: EventCandidature, Fields: f}
}

// jsonFields is v's JSON object, each value as compact JSON text.
func jsonFields(v any) map[string]string {
	raw := map[string]json.RawMessage{}
	b, _ := json.Marshal(v)
	json.Unmarshal(b, &raw)
	out := make(map[string]string, len(raw))
	for k, r := range raw {
		out[k] = strings.Trim(string(r), `"`)
	}
	return out
}

// policyText is a file policy as recorded in an event ("" for the default).
func policyText(p *FilePolicy) string {
	if p == nil {
		return ""
	}
	return jsonText(p)
}

// jsonText is v as compact JSON, or its text when it is a string.
func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return ""
	}
	return string(b)
}
